import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordsKind } from './file-kind';
import { echoRu, MatchCase, parseMatchCases, parseMatchProfile } from './input';
import { matchCases } from './match';

const ROOT = join(import.meta.dirname, '../../../..');
const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

/** The expected count word after «указано N»: 1 символ, 2 символа, 5 символов, 21 символ, 111 символов. */
const given = (n: number, forms: [string, string, string]) => {
  const a = n % 100;
  const b = n % 10;
  return a > 10 && a < 20 ? forms[2] : b === 1 ? forms[0] : b >= 2 && b <= 4 ? forms[1] : forms[2];
};
const spaced = (n: number) => n.toLocaleString('ru-RU').replace(/\s/g, '\u00a0');

describe('profile messages an officer reads', () => {
  const textLimits = [
    { key: 'locality', field: 'населённый пункт', max: 200 },
    { key: 'education', field: 'образование', max: 100 },
  ];
  for (const { key, field, max } of textLimits)
    for (const length of [max + 1, max + 2, max + 21, 1_001, 5_000, 12_345])
      it(`«${field}» of ${length} characters: the limit and the count, not the value`, () => {
        const value = 'Я'.repeat(length);
        const { errors } = parseMatchProfile({ [key]: value });
        expect(errors).toEqual([
          {
            field,
            message: `не длиннее ${max} символов, указано ${spaced(length)} ${given(length, ['символ', 'символа', 'символов'])}`,
          },
        ]);
        expect(errors[0]!.message).not.toContain('ЯЯЯЯЯЯЯЯЯЯ');
      });

  it('lists: each item and the number of items, with agreed plurals', () => {
    for (const n of [201, 202, 205, 221, 1_000]) {
      const { errors } = parseMatchProfile({ skills: Array.from({ length: n }, (_, i) => `навык ${i}`) });
      expect(errors).toEqual([
        {
          field: 'профессии и навыки',
          message: `не больше 200 значений, указано ${spaced(n)} ${given(n, ['значение', 'значения', 'значений'])}`,
        },
      ]);
    }
    expect(parseMatchProfile({ declined: ['a', 'x'.repeat(3_000)] }).errors).toEqual([
      { field: 'отказы от вакансий (№ 2)', message: 'не длиннее 200 символов, указано 3\u00a0000 символов' },
    ]);
    expect(parseMatchProfile({ skills: ['грузчик', ''] }).errors).toEqual([
      { field: 'профессии и навыки (№ 2)', message: 'пустое значение' },
    ]);
  });

  it('a long wrong value is quoted by its first 40 characters and «…», never whole', () => {
    const long = `${'много'.repeat(30)}!`;
    const { errors } = parseMatchProfile({ experienceYears: long, lat: 'север'.repeat(200), lng: 84 });
    expect(errors.map((e) => e.field).sort()).toEqual(['стаж, лет', 'широта']);
    for (const e of errors) {
      expect(e.message).toMatch(/^ожидается число \(указано «.{40}…»\)$/u);
      expect(e.message.length).toBeLessThan(80);
    }
    expect(echoRu('коротко')).toBe('«коротко»');
    expect(echoRu('ё'.repeat(41))).toBe(`«${'ё'.repeat(40)}…»`);
  });

  it('numbers over their limit say the limit and the value typed', () => {
    expect(parseMatchProfile({ experienceYears: '200', lat: 100, lng: 84 }).errors).toEqual([
      { field: 'широта', message: 'не больше 90 (указано «100»)' },
      { field: 'стаж, лет', message: 'не больше 80 (указано «200»)' },
    ]);
  });
});

describe('ОКПДТР codes in a profile', () => {
  it('accepts five digits, or six with the control digit, in a list or as text', () => {
    for (const professions of [['18622'], ['186223'], '186223; 11442', ' 19203 , 114930 '])
      expect(parseMatchProfile({ professions }).errors).toEqual([]);
    expect(parseMatchProfile({ professions: '186223; 11442' }).profile?.professions).toEqual([
      '186223',
      '11442',
    ]);
  });

  it('refuses anything else, naming the bad value and its place in the list', () => {
    const bad = ['сварщик', '1862', '1862234', '18622a', 'ОКПДТР 18622', '18 622', '-18622'];
    for (const code of bad) {
      const { errors } = parseMatchProfile({ professions: ['186223', code] });
      expect(errors, code).toHaveLength(1);
      expect(errors[0]!.field).toBe('коды профессий ОКПДТР (№ 2)');
      expect(errors[0]!.message).toMatch(/^код ОКПДТР — 5 или 6 цифр \(186223\)/);
      expect(errors[0]!.message).toContain(`(указано «${code}»)`);
    }
    // A job name typed as a code is pointed to the field it belongs in.
    expect(parseMatchProfile({ professions: 'сварщик' }).errors[0]!.message).toContain(
      'название профессии — в поле «профессии и навыки»',
    );
  });
});

describe('ОКПДТР codes in a cases file (uii match --cases)', () => {
  it('a value that is not a code is noted for its case, not silently dropped; the case is still matched', () => {
    const c = MatchCase.parse({
      id: 'C-5',
      region: '70',
      professions: ['186223', 'электрогазосварщик'],
      daysLeft: 4,
    });
    const out = matchCases({ cases: [c], vacancies: [], asOf: '2026-11-23' });
    expect(out.notes).toContainEqual({
      caseId: 'C-5',
      field: 'professions',
      message:
        '«электрогазосварщик» — не код ОКПДТР (5 или 6 цифр), не учтён; название профессии — в поле skills',
    });
    expect(out.notes.filter((n) => n.field === 'professions')).toHaveLength(1);
    expect(out.unmatched.map((u) => u.caseId)).toEqual(['C-5']);
  });
});

describe('a record copied from a cases file (uii match --cases) as a profile', () => {
  const cases = json('events/match/cases.json') as Array<Record<string, unknown>>;

  it('is accepted without its case fields, which are named', () => {
    for (const record of cases) {
      const out = parseMatchProfile(record);
      expect(out.errors, String(record.id)).toEqual([]);
      expect(out.ignored.sort()).toEqual(
        ['id', 'daysLeft', 'inspectionId', 'officerId'].filter((k) => k in record).sort(),
      );
      expect(out.profile).not.toHaveProperty('id');
      expect(out.profile).not.toHaveProperty('daysLeft');
      expect(out.profile?.skills).toEqual(record.skills ?? []);
    }
    const routed = parseMatchProfile({ ...cases[0], inspectionId: 'INSP-1', officerId: 'OFF-1' });
    expect(routed.errors).toEqual([]);
    expect(routed.ignored.sort()).toEqual(['daysLeft', 'id', 'inspectionId', 'officerId']);
  });

  it('still refuses a field that belongs to neither (a typo is not dropped)', () => {
    expect(parseMatchProfile({ ...cases[0], skils: ['грузчик'] }).errors).toEqual([
      { field: 'skils', message: expect.stringMatching(/^неизвестное поле/) },
    ]);
  });
});

describe('case rows: the same Russian messages', () => {
  it('a missing id, an over-long skill and a non-object row', () => {
    const { errors } = parseMatchCases([
      { region: '70', daysLeft: 1 },
      { id: 'C-2', region: '70', daysLeft: 1, skills: ['x'.repeat(300)] },
      'C-3',
    ]);
    expect(errors.map((e) => `${e.row}:${e.field}: ${e.message}`)).toEqual([
      '1:id: обязательное поле не заполнено',
      '2:skills.0: не длиннее 200 символов, указано 300 символов',
      '3:(дело): ожидается объект JSON (указано «C-3»)',
    ]);
  });
});

describe('what a file holds (recordsKind)', () => {
  it('cases, vacancies (JSON, wrapped, CSV headers), cases import tables', () => {
    expect(recordsKind(json('events/match/cases.json')).kind).toBe('cases');
    expect(recordsKind(json('events/feeds/sample-array.json')).kind).toBe('vacancies');
    const envelope = json('events/feeds/sample.json') as { results: { vacancies: unknown[] } };
    expect(recordsKind(envelope.results.vacancies).kind).toBe('vacancies');
    expect(
      recordsKind([{ 'Код профессии': '186223', Работодатель: 'ООО', 'Количество мест': '2' }]).kind,
    ).toBe('vacancies');
    expect(recordsKind([{ id: 'A-1', Наказание: 'ИР', 'Дата распоряжения': '01.02.2026' }]).kind).toBe(
      'case-import',
    );
    expect(
      recordsKind([
        {
          Организация: 'МБУ',
          ИНН: '7017001012',
          'Виды работ': 'уборка',
          'Количество рабочих мест': '5',
          'Вид наказания': 'ОР',
        },
      ]).kind,
    ).toBe('places');
    expect(recordsKind([{ foo: 1, bar: 2 }])).toEqual({ kind: 'unknown', fields: ['foo', 'bar'] });
    expect(recordsKind([]).kind).toBe('unknown');
  });
});
