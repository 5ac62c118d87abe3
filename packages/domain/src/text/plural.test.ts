import { describe, expect, it } from 'vitest';
import { countRu, DAYS, OF_WORKING_DAYS, plural } from './plural';

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
});
