import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  CalendarDataError,
  covers,
  createCalendar,
  DEFAULT_CALENDAR,
  isWorkingDay,
  loadCalendarYear,
  workingDaysBetween,
  workingDaysInMonth,
} from './production-calendar';

const months = (year: number) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

describe('production calendar', () => {
  it('has 247 working days in 2025 and in 2026, as the decrees publish', () => {
    expect(months(2025).reduce((n, m) => n + workingDaysInMonth(m), 0)).toBe(247);
    expect(months(2026).reduce((n, m) => n + workingDaysInMonth(m), 0)).toBe(247);
  });

  it('knows the 2026 New Year holidays, transfers and the 2025 working Saturday', () => {
    expect(workingDaysInMonth('2026-01')).toBe(15);
    expect(isWorkingDay('2026-01-09')).toBe(false); // 3 Jan transferred
    expect(isWorkingDay('2026-01-12')).toBe(true);
    expect(isWorkingDay('2026-03-09')).toBe(false); // 8 Mar fell on a Sunday
    expect(isWorkingDay('2025-11-01')).toBe(true); // Saturday made working
    expect(isWorkingDay('2025-11-03')).toBe(false);
    expect(isWorkingDay('2025-02-24')).toBe(true); // 23 Feb 2025 moved to 8 May, not to the Monday
    expect(isWorkingDay('2025-05-08')).toBe(false);
    expect(isWorkingDay('2025-06-13')).toBe(false);
  });

  it('counts working days across the New Year holidays', () => {
    expect(addWorkingDays('2025-12-30', 1)).toBe('2026-01-12');
    expect(addWorkingDays('2025-12-29', 3)).toBe('2026-01-13');
  });

  it('applies a region’s own holidays only in that region', () => {
    const cal = createCalendar(undefined, { '02': ['2026-10-12'] }); // Bashkortostan Republic Day
    expect(isWorkingDay('2026-10-12', cal, '02')).toBe(false);
    expect(isWorkingDay('2026-10-12', cal, '70')).toBe(true);
  });

  it('loads a later year from JSON and rejects bad data with the field', () => {
    const y2027 = loadCalendarYear({ year: 2027, decree: 'test', nonWorking: ['2027-01-04'] });
    const cal = createCalendar([y2027]);
    expect(isWorkingDay('2027-01-04', cal)).toBe(false);
    expect(isWorkingDay('2027-01-11', cal)).toBe(true);
    expect(() => loadCalendarYear({ year: 2027, decree: 'x', nonWorking: ['2027-02-30'] })).toThrow(
      /nonWorking.0/,
    );
    expect(() => loadCalendarYear({ year: 2027, decree: 'x', nonWorking: ['2028-01-01'] })).toThrow(
      CalendarDataError,
    );
  });

  it('knows 2027 from Decree No. 1187 of 17.09.2026: 247 working days, Saturday 20 Feb worked', () => {
    expect(covers(DEFAULT_CALENDAR, '2027-06-01')).toBe(true);
    expect(workingDaysBetween('2027-01-01', '2027-12-31')).toBe(247);
    expect(isWorkingDay('2027-02-20')).toBe(true);
    expect(
      ['2027-02-22', '2027-05-03', '2027-05-10', '2027-06-14', '2027-11-05', '2027-12-31'].filter((d) =>
        isWorkingDay(d),
      ),
    ).toEqual([]);
    expect(isWorkingDay('2027-01-11')).toBe(true);
  });
});
