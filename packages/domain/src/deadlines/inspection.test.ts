import { describe, expect, it } from 'vitest';
import { isTimeZone, today } from '../clock';
import { computeClocks } from './engine';
import { forInspection } from './settings';

describe('an inspection’s own date and calendar', () => {
  it('counts today in the inspection’s time zone', () => {
    const at = new Date('2026-03-01T20:30:00Z'); // 23:30 in Moscow, 06:30 next day in Vladivostok
    expect(today(at)).toBe('2026-03-01');
    expect(today(at, 'Asia/Vladivostok')).toBe('2026-03-02');
    expect(today(at, 'Europe/Kaliningrad')).toBe('2026-03-01');
    expect(isTimeZone('Asia/Vladivostok')).toBe(true);
    expect(isTimeZone('Europe/Tomsk ')).toBe(false);
  });

  it('steps working-day terms over the inspection’s regional holidays', () => {
    const c = { id: 'R-1', sentence: 'compulsory_labor' as const, inspectionId: 'INSP-02' };
    const absence = {
      type: 'absence_reported' as const,
      date: '2026-10-09',
      outcome: 'absent_unexcused' as const,
    };
    const plain = computeClocks(c, [absence], '2026-10-09');
    const counted = forInspection(c, { region: '02', holidays: ['2026-10-12'] }); // Republic Day
    const regional = computeClocks(counted.case, [absence], '2026-10-09', counted.settings);
    expect(plain.deadlines[0]!.due).toBe('2026-10-14');
    expect(regional.deadlines[0]!.due).toBe('2026-10-15');
  });
});
