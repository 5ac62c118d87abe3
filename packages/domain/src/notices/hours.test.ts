import { describe, expect, it } from 'vitest';
import { findHours } from './hours';

const hours = (t: string) => findHours(t).map((h) => h.hours);

describe('hours in free text', () => {
  it('reads figures, words and minutes', () => {
    expect(hours('отработал 4 часа')).toEqual([4]);
    expect(hours('16.11 4ч, 17.11 3,5 ч')).toEqual([4, 3.5]);
    expect(hours('отработал четыре часа')).toEqual([4]);
    expect(hours('отработала 3 ч 30 мин')).toEqual([3.5]);
  });

  it('reads a clock span as its hours, never a phone number', () => {
    expect(hours('работал с 9:00 до 13:00, тел. 8-913-812-45-67')).toEqual([4]);
    expect(hours('отработал 4 часа (с 14:00 до 18:00)')).toEqual([4]);
    expect(hours('тел. 8-913-812-45-67')).toEqual([]);
  });
});
