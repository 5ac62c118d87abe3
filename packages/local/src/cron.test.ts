import { describe, expect, it } from 'vitest';
import { parseScheduleExpression, ScheduleExpressionError, zonedToUtc } from './cron';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('parseScheduleExpression', () => {
  it('fires a daily Moscow cron once per day crossed, at 06:00 Moscow (03:00 UTC)', () => {
    const daily = parseScheduleExpression('cron(0 6 * * ? *)', 'Europe/Moscow');
    const runs = daily.between(new Date('2026-02-28T21:00:00Z'), new Date('2026-03-03T21:00:00Z'));
    expect(iso(runs)).toEqual([
      '2026-03-01T03:00:00.000Z',
      '2026-03-02T03:00:00.000Z',
      '2026-03-03T03:00:00.000Z',
    ]);
  });

  it('excludes the start of the interval and includes its end', () => {
    const daily = parseScheduleExpression('cron(0 3 * * ? *)', 'UTC');
    expect(iso(daily.between(new Date('2026-03-01T03:00:00Z'), new Date('2026-03-02T03:00:00Z')))).toEqual([
      '2026-03-02T03:00:00.000Z',
    ]);
  });

  it('understands day-of-month, last day of month and weekday names', () => {
    const monthly = parseScheduleExpression('cron(0 9 5 * ? *)', 'UTC');
    expect(iso(monthly.between(new Date('2026-01-01Z'), new Date('2026-03-31Z')))).toEqual([
      '2026-01-05T09:00:00.000Z',
      '2026-02-05T09:00:00.000Z',
      '2026-03-05T09:00:00.000Z',
    ]);
    const last = parseScheduleExpression('cron(0 0 L * ? *)', 'UTC');
    expect(iso(last.between(new Date('2026-02-01Z'), new Date('2026-03-01Z')))).toEqual([
      '2026-02-28T00:00:00.000Z',
    ]);
    const weekdays = parseScheduleExpression('cron(30 8 ? * MON-FRI *)', 'UTC');
    // 2026-03-06 is a Friday: Friday and Monday fire, the weekend does not.
    expect(iso(weekdays.between(new Date('2026-03-06Z'), new Date('2026-03-10Z')))).toEqual([
      '2026-03-06T08:30:00.000Z',
      '2026-03-09T08:30:00.000Z',
    ]);
  });

  it('supports rate() and at()', () => {
    expect(
      parseScheduleExpression('rate(12 hours)').between(new Date('2026-03-01Z'), new Date('2026-03-02Z')),
    ).toHaveLength(2);
    const at = parseScheduleExpression('at(2026-03-01T10:00:00)', 'Europe/Moscow');
    expect(iso(at.between(new Date('2026-03-01Z'), new Date('2026-03-02Z')))).toEqual([
      '2026-03-01T07:00:00.000Z',
    ]);
  });

  it('rejects what it cannot evaluate', () => {
    expect(() => parseScheduleExpression('cron(0 6 * *)')).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression('every day')).toThrow(ScheduleExpressionError);
  });
});

describe('zonedToUtc', () => {
  it('reads wall time in a zone', () => {
    expect(zonedToUtc('2026-03-01T00:00:00', 'Europe/Moscow').toISOString()).toBe('2026-02-28T21:00:00.000Z');
  });
});
