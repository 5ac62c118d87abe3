import { describe, expect, it } from 'vitest';
import { toIsoDate } from './fields';

describe('toIsoDate', () => {
  it.each([
    ['2026-11-10T09:15:00+0300', '2026-11-10T06:15:00.000Z'],
    ['2026-11-10T01:15:00+0700', '2026-11-09T18:15:00.000Z'],
    ['2026-11-10T09:15:00-0130', '2026-11-10T10:45:00.000Z'],
    ['2026-12-31T23:30:07-0100', '2027-01-01T00:30:07.000Z'],
    ['2026-11-10T00:00:59+0000', '2026-11-10T00:00:59.000Z'],
    ['2026-11-10T02:59:00+0300', '2026-11-09T23:59:00.000Z'],
    ['2026-11-10T03:00:00+0300', '2026-11-10T00:00:00.000Z'],
    ['2026-11-10T09:15:00+03:00', '2026-11-10T06:15:00.000Z'],
    ['2026-11-10T09:15:00Z', '2026-11-10T09:15:00.000Z'],
    ['2026-11-10 09:15', '2026-11-10T06:15:00.000Z'],
    ['2026-11-02', '2026-11-02'],
    ['02.11.2026', '2026-11-02'],
    ['02.11.2026 12:00', '2026-11-02T09:00:00.000Z'],
  ])('%s → %s', (input, iso) => {
    expect(toIsoDate(input)).toBe(iso);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-11-10T25:00:00+0300', '31.04.2026', 'вчера', '2026-11-1O'])(
    'rejects %s',
    (input) => {
      expect(toIsoDate(input)).toBeUndefined();
    },
  );
});

describe('salary bounds as clerks type them', () => {
  it('reads figures out of text and never refuses the row', async () => {
    const { optSalaryMin, optSalaryMax } = await import('./fields');
    const min = (v: unknown) => optSalaryMin.parse(v);
    const max = (v: unknown) => optSalaryMax.parse(v);
    expect(min('от 30 000 руб.')).toBe(30000);
    expect(min('30 000 – 40 000 р.')).toBe(30000);
    expect(max('30 000 – 40 000 р.')).toBe(40000);
    expect(min('от 35 тыс. ₽ в месяц')).toBe(35000);
    expect(min('45000')).toBe(45000);
    expect(min(52000)).toBe(52000);
    expect(min('договорная')).toBeUndefined();
    expect(min('По договорённости')).toBeUndefined();
    expect(min('не указана')).toBeUndefined();
    expect(min('высокая, обсуждается')).toBeUndefined();
  });
});
