import { OUTCOMES } from '@uii/domain';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../program';
import { eventFromArgs } from './case-record';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('not refused');
};

describe('uii case record --field: errors name the field in words and the key typed', () => {
  it('a value not in the list: every allowed value with its meaning', () => {
    const message = refusal(() => eventFromArgs('absence_reported', '2026-03-02', ['outcome=прогул']));
    expect(message).toMatch(/^поле «Итог» \(outcome\): «прогул» — не из списка; допустимые: /);
    for (const o of OUTCOMES) expect(message).toContain(`${o.code} — ${o.name_ru.toLowerCase()}`);
    expect(message).not.toMatch(/ожидалось|"attended"\|/);
  });
  it('a missing field: its label, the event in words and how to give it', () => {
    expect(refusal(() => eventFromArgs('hours_reported', '2026-03-02', []))).toBe(
      'не хватает поля «Часов» (hours) для события «объект сообщил об отработанных часах»: --field hours=…',
    );
  });
});
