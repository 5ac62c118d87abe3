import { describe, expect, it } from 'vitest';
import { normaliseStrictVacancy, normaliseVacancy } from './normalise';
import { RawVacancy } from './schema';

const base = {
  id: 'v-1',
  region: { region_code: '7000000000000', name: 'Томская область' },
  'job-name': 'Подсобный рабочий',
  date_modify: '2026-11-10T09:15:00+0300',
  salary_min: 35000,
  addresses: { address: [{ location: 'г Томск', lat: '56.48', lng: '84.95' }] },
  social_protected: 'Лица, освобожденные из учреждений, исполняющих наказание в виде лишения свободы',
  work_places: 3,
  code_profession: '186223',
  workPlaceType: { workPlaceQuota: true },
};

describe('normaliseVacancy', () => {
  it('rejects an over-long id on the row and field, instead of counting it as a vacancy', () => {
    const r = normaliseVacancy({ ...base, id: 'x'.repeat(70_000) }, 7);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain('"field":"id"');
    expect(JSON.stringify(r)).toContain('слишком длинный id');
  });

  it('normalises a portal record (fast path)', () => {
    const r = normaliseVacancy(base, 1);
    expect(r).toEqual({
      ok: true,
      vacancy: expect.objectContaining({
        id: 'v-1',
        region: '70',
        regionCode: '7000000000000',
        jobName: 'Подсобный рабочий',
        professionCode: '186223',
        salaryMin: 35000,
        addresses: [{ location: 'г Томск', lat: 56.48, lng: 84.95 }],
        workPlaces: 3,
        quota: true,
        acceptsConvicts: true,
        modifiedAt: '2026-11-10T06:15:00.000Z',
      }),
    });
  });

  it('gives the same vacancy from CSV-like text values (lenient path)', () => {
    const text = {
      ...base,
      salary_min: '35 000',
      work_places: '3',
      date_modify: '10.11.2026 09:15:00',
      workPlaceType: { workPlaceQuota: 'да' },
      addresses: { address: { location: 'г Томск', lat: '56,48', lng: 84.95 } },
    };
    const fast = normaliseVacancy(base, 1);
    const lenient = normaliseVacancy(text, 1);
    expect(lenient).toEqual(fast);
  });

  it('fast path: applies the text mapper before trimming, and leaves loosely typed records to zod', () => {
    // The mapper stands for the JSON reader's latin1 decoding: every kept string goes through it.
    const upper = (s: string) => s.toUpperCase();
    const r = normaliseStrictVacancy({ ...base, 'job-name': ' подсобный ' }, 2, upper);
    expect(r?.ok && [r.vacancy.jobName, r.vacancy.regionName, r.vacancy.addresses[0]!.location]).toEqual([
      'ПОДСОБНЫЙ',
      'ТОМСКАЯ ОБЛАСТЬ',
      'Г ТОМСК',
    ]);
    for (const loose of [
      { ...base, work_places: '3' },
      { ...base, region: null },
      { ...base, region: ['7000000000000'] },
      { ...base, company: { inn: 7017000000 } },
      { ...base, addresses: { address: { location: 'г Томск' } } },
      { ...base, addresses: { address: [{ lat: '56,48' }] } },
      { ...base, date_modify: 'вчера' },
      { ...base, workPlaceType: { workPlaceQuota: 'да' } },
      { ...base, currency: 1 },
      { ...base, id: ' ' },
    ]) {
      expect(
        normaliseStrictVacancy(loose, 1, (s) => s),
        JSON.stringify(loose),
      ).toBeUndefined();
    }
  });

  it('fast path agrees with the zod schema on every record it accepts', () => {
    // Whatever the hand-written check accepts, RawVacancy must accept and normalise alike.
    const variants = [
      base,
      { ...base, company: { name: ' ООО "Ромашка" ', 'hr-agency': true }, salary_max: 0 },
      { ...base, requirement: { education: 'Среднее', experience: 2 }, category: { specialisation: 'ЖКХ' } },
      {
        ...base,
        addresses: {
          address: [
            { lat: '', lng: '' },
            { location: 'x', lat: '0', lng: '0' },
          ],
        },
      },
      { ...base, work_places: 0, salary_min: -1 },
      { ...base, region: { region_code: '70x' } },
      { ...base, 'creation-date': '2026-11-02', date_modify: '' },
    ];
    for (const v of variants) {
      const fast = normaliseStrictVacancy(v, 5, (s) => s);
      const parsed = RawVacancy.safeParse(v);
      expect(fast, JSON.stringify(v)).toBeDefined();
      expect(parsed.success).toBe(true);
      expect(normaliseVacancy(v, 5)).toEqual(fast);
    }
  });

  it('treats salary 0 as not stated, missing openings as one, blank text as absent', () => {
    const r = normaliseVacancy({ ...base, salary_min: 0, work_places: undefined, qualification: '  ' }, 1);
    expect(r.ok && [r.vacancy.salaryMin, r.vacancy.workPlaces, r.vacancy.qualification]).toEqual([
      undefined,
      1,
      undefined,
    ]);
  });

  it('accepts a two-digit region code and 0,0 as "no coordinates"', () => {
    const r = normaliseVacancy(
      { ...base, region: { region_code: '77' }, addresses: { address: [{ lat: '0', lng: '0' }] } },
      1,
    );
    expect(r.ok && [r.vacancy.region, r.vacancy.addresses[0]!.lat]).toEqual(['77', undefined]);
  });

  it('reports every problem of a row with its field, in Russian', () => {
    const r = normaliseVacancy(
      { ...base, work_places: 0, addresses: { address: [{ lat: '95', lng: '84' }] } },
      12,
    );
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          row: 12,
          field: 'work_places',
          message: 'число рабочих мест должно быть целым и не меньше 1, получено 0',
        },
        { row: 12, field: 'addresses.address[0].lat', message: 'широта вне диапазона −90…90: 95' },
      ],
    });
  });

  it('rejects a non-object record and a blank id', () => {
    expect(normaliseVacancy([1, 2], 3)).toMatchObject({ ok: false, errors: [{ row: 3, field: '(запись)' }] });
    expect(normaliseVacancy({ ...base, id: '  ' }, 4)).toMatchObject({
      ok: false,
      errors: [{ row: 4, field: 'id', message: 'обязательное поле не заполнено' }],
    });
  });
});
