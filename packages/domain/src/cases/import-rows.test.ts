import { describe, expect, it } from 'vitest';
import { caseFromRow, normaliseDate } from './import-rows';

describe('officer spreadsheet rows', () => {
  it('reads Russian headers, ИР/ОР, Russian dates and decimal commas; keeps the person apart', () => {
    const r = caseFromRow(
      {
        ИД: 'A-1',
        'Вид наказания': 'ИР',
        'Дата рождения': '05.06.1990',
        'Удержание %': '12,5',
        'Срок мес': '6',
        Фамилия: 'Примеров',
        Имя: 'Иван',
      },
      2,
    );
    expect(r.ok && r.value.case).toEqual({
      id: 'A-1',
      sentence: 'corrective_labor',
      birthDate: '1990-06-05',
      deductionPercent: 12.5,
      termMonths: 6,
    });
    expect(r.ok && r.value.person?.lastName).toBe('Примеров');
  });

  it('names every bad field of a row', () => {
    const r = caseFromRow(
      { id: 'A-2', sentence: 'условно', birth_date: '31.02.1985', hours_ordered: 'много' },
      7,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => `${e.row}:${e.field}`).sort()).toEqual([
      '7:birth_date',
      '7:hours_ordered',
      '7:sentence',
    ]);
  });

  it('normalises short years and leaves ISO dates alone', () => {
    expect(normaliseDate('1.3.26')).toBe('2026-03-01');
    expect(normaliseDate('2026-03-01')).toBe('2026-03-01');
  });
});
