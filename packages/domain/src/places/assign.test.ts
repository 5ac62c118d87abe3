import { describe, expect, it } from 'vitest';
import { type AssignablePlace, assignmentProblem } from './assign';

const place: AssignablePlace = {
  status: 'consented',
  sentence: 'compulsory_labor',
  validFrom: '2026-01-01',
  validTo: '2027-12-31',
};
const check = (over: Partial<Parameters<typeof assignmentProblem>[0]> = {}) =>
  assignmentProblem({
    place,
    listEnded: false,
    caseId: '70-2',
    caseSentence: 'compulsory_labor',
    date: '2026-11-23',
    today: '2026-11-23',
    ...over,
  });

describe('assignmentProblem', () => {
  it('lets a compulsory-labour convict be sent to a consented place inside its period', () => {
    expect(check()).toBeUndefined();
    expect(check({ date: '2026-01-01' })).toBeUndefined();
  });

  it('refuses a case of another sentence beside the case field, naming the case', () => {
    expect(check({ caseSentence: 'corrective_labor' })).toEqual({
      field: 'case',
      message:
        'по делу 70-2 назначены не обязательные работы: на это место направляют только осуждённых к обязательным работам',
    });
    expect(check({ caseSentence: undefined })?.field).toBe('case');
    expect(
      check({ place: { ...place, sentence: 'corrective_labor' }, caseSentence: 'compulsory_labor' })?.message,
    ).toMatch(/не исправительные работы/);
  });

  it('refuses an ended list and a place not consented', () => {
    expect(check({ listEnded: true })?.message).toBe(
      'срок согласованного перечня истёк 31.12.2027: направлять на это место нельзя',
    );
    expect(check({ place: { ...place, status: 'remarks' } })?.message).toMatch(/не согласовано/);
  });

  it('puts date problems beside the date: future, before or after the agreed period', () => {
    expect(check({ date: '2026-11-24' })).toMatchObject({
      field: 'date',
      message: expect.stringMatching(/позже сегодняшнего/),
    });
    expect(check({ date: '2025-12-31' })?.message).toBe(
      'дата направления раньше начала согласованного перечня (01.01.2026)',
    );
    expect(check({ date: '2028-01-01', today: '2028-01-02' })?.message).toMatch(
      /позже окончания .*31\.12\.2027/,
    );
  });
});
