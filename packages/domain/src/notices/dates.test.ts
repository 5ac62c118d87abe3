import { describe, expect, it } from 'vitest';
import { findDates, looksLikePeriod } from './dates';

const dates = (text: string, mail = '2026-03-13') => findDates(text, mail).map((d) => d.date);

describe('dates as worksites write them', () => {
  it('reads numeric dates with two- and four-digit years and ISO dates', () => {
    expect(dates('12.03.2026, 12.03.26 и 2026-03-11')).toEqual(['2026-03-12', '2026-03-12', '2026-03-11']);
  });

  it('reads dates in words, with and without «г.» and year', () => {
    expect(dates('12 марта 2026 г.')).toEqual(['2026-03-12']);
    expect(dates('10, 11 и 12 марта')).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
  });

  it('counts «сегодня», «вчера», «позавчера» from the mail’s own date', () => {
    expect(dates('позавчера, вчера и сегодня', '2026-03-01')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it('puts a year-less December date in the previous year when the mail is from January', () => {
    expect(dates('30.12', '2027-01-10')).toEqual(['2026-12-30']);
  });

  it('ignores impossible dates and has no relative dates without a mail date', () => {
    expect(dates('31.02.2026')).toEqual([]);
    expect(findDates('вчера', null)).toEqual([]);
  });

  it('recognises a period', () => {
    expect(looksLikePeriod('с 09.11 по 13.11 отработала 12 часов')).toBe(true);
    expect(looksLikePeriod('13.11 отработала 4 часа')).toBe(false);
  });
});
