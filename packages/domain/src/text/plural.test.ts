import { describe, expect, it } from 'vitest';
import { digestSections } from '../alerts/digest';
import { daysLeftRu } from '../deadlines/alert-text';
import { countRu, DAYS, enCount, OF_WORKING_DAYS, plural } from './plural';

describe('plural', () => {
  it('agrees the noun with the number, teens included', () => {
    expect([1, 2, 5, 11, 12, 21, 22, 25, 111].map((n) => countRu(n, DAYS))).toEqual([
      '1 день',
      '2 дня',
      '5 дней',
      '11 дней',
      '12 дней',
      '21 день',
      '22 дня',
      '25 дней',
      '111 дней',
    ]);
  });
  it('after «из» uses the genitive: из 21 рабочего дня, из 19 рабочих дней', () => {
    expect(`из ${countRu(21, OF_WORKING_DAYS)}`).toBe('из 21 рабочего дня');
    expect(`из ${countRu(19, OF_WORKING_DAYS)}`).toBe('из 19 рабочих дней');
    expect(plural(-3, DAYS)).toBe('дня');
  });
  it('sets big numbers apart by thousands, as Russian text does: «26 323 дня»', () => {
    expect(countRu(26_323, DAYS)).toBe('26\u00a0323 дня');
    expect(daysLeftRu(-1_500)).toBe('просрочен на 1\u00a0500 дней');
    expect(enCount(26_323, 'day')).toBe('26,323 days');
    // A clock 72 years overdue in the digest reads as a number, not a run of digits.
    const sections = digestSections({
      officerId: 'o1',
      date: '2026-03-10',
      since: '2026-03-09',
      cases: [
        {
          caseId: '1',
          clocks: {
            deadlines: [
              {
                rule: 'CL-REFER',
                due: '1954-03-10',
                status: 'overdue',
                source: '',
                trigger: '1954-02-08',
                daysLeft: -26_298,
                actor: 'inspection',
              },
            ],
            findings: [],
            alertPlan: [],
            nextActionDate: null,
          },
        },
      ],
    });
    expect(sections[0]?.items[0]?.badge).toMatch(/^просрочено \d{1,3}(\u00a0\d{3})+ (день|дня|дней)$/);
  });
});
