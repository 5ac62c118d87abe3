import { describe, expect, it } from 'vitest';
import { type EmploymentService, planFeedReminders } from './monthly';

const services: EmploymentService[] = [
  {
    id: 'tomsk',
    name: 'ЦЗН Томска',
    regions: ['70'],
    contacts: ['czn@trud.example'],
    officers: ['officer@uii.example'],
  },
  {
    id: 'seversk',
    name: 'ЦЗН Северска',
    regions: ['70'],
    contacts: ['sev@trud.example'],
    officers: ['officer@uii.example'],
  },
];
const ids = (today: string, received: string[] = ['tomsk'], settings = {}) =>
  planFeedReminders({ today, services, received: new Set(received), settings }).map((j) => j.id);

describe('FEED-MONTHLY', () => {
  it('says nothing before the due day', () => {
    expect(ids('2026-11-04')).toEqual([]);
  });

  it('reminds the service from the due day, and the officer from three days later', () => {
    expect(ids('2026-11-05')).toEqual(['feed-missing:seversk:2026-11:service']);
    expect(ids('2026-11-06')).toEqual(['feed-missing:seversk:2026-11:service']);
    // 7–8 November 2026 are Saturday and Sunday: nothing goes out; Monday the 9th both.
    expect(ids('2026-11-07')).toEqual([]);
    expect(ids('2026-11-08')).toEqual([]);
    expect(ids('2026-11-09')).toEqual([
      'feed-missing:seversk:2026-11:service',
      'feed-missing:seversk:2026-11:officer',
    ]);
  });

  it('sends nothing on holidays of the production calendar; a due day on a holiday waits for the next working day', () => {
    // 4 November is Unity Day; with the feed due on the 4th, the first reminder goes on the 5th.
    expect(ids('2026-11-04', ['tomsk'], { dueDay: 4 })).toEqual([]);
    expect(ids('2026-11-05', ['tomsk'], { dueDay: 4 })).toEqual(['feed-missing:seversk:2026-11:service']);
  });

  it('stops once the feed has arrived, and follows the settings', () => {
    expect(ids('2026-11-20', ['tomsk', 'seversk'])).toEqual([]);
    expect(ids('2026-11-05', ['tomsk'], { dueDay: 10 })).toEqual([]);
    expect(ids('2026-11-11', ['tomsk'], { dueDay: 10, escalateAfterDays: 1 })).toHaveLength(2);
  });

  it('quotes a name that has its own quotes once and ends a sentence with one full stop', () => {
    const named = [{ ...services[1]!, name: 'ОГКУ «ЦЗН Северска»' }];
    const jobs = planFeedReminders({
      today: '2026-11-09',
      services: named,
      received: new Set(),
      settings: {},
    });
    const officer = jobs.find((j) => j.id.endsWith(':officer'))!;
    expect(officer.text).toContain('Служба занятости ОГКУ «ЦЗН Северска» (seversk, регион 70)');
    expect(officer.text).toContain('за ноябрь 2026 г.\n');
    expect(jobs.map((j) => j.text).join('\n')).not.toMatch(/»»|««|г\.\./);
  });

  it('writes to the service in Russian with the due date', () => {
    const [job] = planFeedReminders({ today: '2026-11-05', services, received: new Set(['tomsk']) });
    expect(job).toMatchObject({
      to: ['sev@trud.example'],
      audience: 'employment_service',
      rule: 'FEED-MONTHLY',
    });
    expect(job!.subject).toBe('Напоминание: лента вакансий за ноябрь 2026 г. не получена — ЦЗН Северска');
    expect(job!.text).toContain('до 05.11.2026');
    expect(job!.text).toMatch(/Как загрузить ленту:[\s\S]*ссылку загрузки[\s\S]*uii-feed-upload-seversk/);
    expect(job!.text).not.toMatch(/docs\/|\d{4}-\d{2}-\d{2}/);
  });
});
