import { describe, expect, it } from 'vitest';
import type { Case } from '../cases/case';
import { type CaseOnFile, planMatchRun } from './run';

const person = { lastName: 'Тестова', firstName: 'Мария' };
const profile = { lat: 56.47, lng: 84.97, professions: ['186223'], skills: ['уборщица'], experienceYears: 0 };
const onFile = (id: string, due: string): CaseOnFile => ({
  case: { id, sentence: 'corrective_labor', termMonths: 6, deductionPercent: 10 } as Case,
  projection: { openClocks: [{ rule: 'CL-REFER', due }] } as never,
  referrals: [],
  profile: profile as CaseOnFile['profile'],
  person,
});

describe('the referral list to the employment service', () => {
  it('says a term already past as such, never «направить до» a day gone by', () => {
    const plan = planMatchRun({
      region: '70',
      asOf: '2026-12-10',
      cases: [onFile('A', '2026-12-09'), onFile('B', '2026-12-20')],
      referrals: [],
      vacancies: [],
      officerTo: new Map(),
      services: [{ id: 'czn', name: 'ЦЗН', contacts: ['czn@trud.example'] }],
    });
    const list = plan.jobs.find((j) => j.to.includes('czn@trud.example'))!;
    expect(list.text).toContain('— срок истёк 09.12.2026, нужна срочно');
    expect(list.text).toContain('— направить до 20.12.2026');
    expect(list.text).not.toContain('направить до 09.12.2026');
  });
});
