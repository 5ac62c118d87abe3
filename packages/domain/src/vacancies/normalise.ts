import type { RowError } from './errors';
import { issueMessage, vacancyFieldPath } from './errors';
import { toIsoDate } from './fields';
import { RawVacancy, StrictVacancy, type Vacancy } from './schema';

export type VacancyResult = { ok: true; vacancy: Vacancy } | { ok: false; errors: RowError[] };

const REGION_CODE = /^\d{2}(?:\d{11})?$/;
const CONVICT_WORDS = /освобожд|лишени[яе] свободы|осужд|судимост/i;

/**
 * Validates one record and normalises it. Never throws for bad data: every problem comes back
 * as a RowError naming the row and field, so one bad row cannot stop the good ones.
 */
export function normaliseVacancy(input: unknown, row: number): VacancyResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ row, field: '(запись)', message: 'запись должна быть объектом вакансии' }],
    };
  }
  const fast = fastPath(input);
  if (fast) return finish(fast, row);
  const parsed = RawVacancy.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        row,
        field: vacancyFieldPath(issue.path),
        message: issueMessage(issue),
      })),
    };
  }
  return finish(parsed.data, row);
}

const COORDINATE = /^[+-]?\d+(?:\.\d+)?$/;

/** The strictly typed record converted to RawVacancy's output, or undefined to take the lenient path. */
function fastPath(input: object): RawVacancy | undefined {
  const strict = StrictVacancy.safeParse(input);
  if (!strict.success) return undefined;
  if (!strict.data.id.trim() || !strict.data['job-name'].trim()) return undefined;
  const r = strict.data as unknown as Record<string, unknown> & {
    addresses?: { address?: Array<Record<string, unknown>> };
  };
  for (const address of r.addresses?.address ?? []) {
    for (const key of ['lat', 'lng'] as const) {
      const value = address[key] as string | undefined;
      if (value === undefined || value === '') address[key] = undefined;
      else if (COORDINATE.test(value)) address[key] = Number(value);
      else return undefined;
    }
  }
  for (const key of ['creation-date', 'date_modify'] as const) {
    const value = r[key] as string | undefined;
    if (value === undefined || value === '') r[key] = undefined;
    else {
      const iso = toIsoDate(value);
      if (!iso) return undefined;
      r[key] = iso;
    }
  }
  return r as unknown as RawVacancy;
}

/** Text as absent when blank (the lenient path already does this; the fast path does not). */
function t(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function finish(r: RawVacancy, row: number): VacancyResult {
  const errors: RowError[] = [];

  const regionCode = r.region.region_code.trim();
  if (!REGION_CODE.test(regionCode)) {
    errors.push({
      row,
      field: 'region.region_code',
      message: `код региона должен состоять из 13 цифр (или 2), получено «${regionCode.slice(0, 20)}»`,
    });
  }

  const workPlaces = r.work_places ?? 1;
  if (!Number.isInteger(workPlaces) || workPlaces < 1) {
    errors.push({
      row,
      field: 'work_places',
      message: `число рабочих мест должно быть целым и не меньше 1, получено ${r.work_places}`,
    });
  }

  const rawAddresses = r.addresses?.address;
  const list = rawAddresses ?? [];
  const addresses: Vacancy['addresses'] = [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    const at = `addresses.address[${i}]`;
    if (a.lat !== undefined && (a.lat < -90 || a.lat > 90)) {
      errors.push({ row, field: `${at}.lat`, message: `широта вне диапазона −90…90: ${a.lat}` });
    }
    if (a.lng !== undefined && (a.lng < -180 || a.lng > 180)) {
      errors.push({ row, field: `${at}.lng`, message: `долгота вне диапазона −180…180: ${a.lng}` });
    }
    // 0,0 is the "no coordinates" filler of some exports, not a place in the Gulf of Guinea.
    const located = a.lat !== undefined && a.lng !== undefined && !(a.lat === 0 && a.lng === 0);
    addresses.push({
      location: t(a.location),
      lat: located ? a.lat : undefined,
      lng: located ? a.lng : undefined,
    });
  }

  for (const [field, value] of [
    ['salary_min', r.salary_min],
    ['salary_max', r.salary_max],
  ] as const) {
    if (value !== undefined && value < 0) {
      errors.push({ row, field, message: `зарплата не может быть отрицательной: ${value}` });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const socialProtected = t(r.social_protected);
  return {
    ok: true,
    vacancy: {
      id: r.id.trim(),
      region: regionCode.slice(0, 2),
      regionCode,
      regionName: t(r.region.name),
      source: t(r.source),
      jobName: r['job-name'].trim(),
      professionCode: t(r.code_profession),
      company: {
        name: t(r.company?.name),
        inn: t(r.company?.inn),
        kpp: t(r.company?.kpp),
        ogrn: t(r.company?.ogrn),
        hrAgency: r.company?.['hr-agency'],
      },
      salaryMin: r.salary_min ? r.salary_min : undefined,
      salaryMax: r.salary_max ? r.salary_max : undefined,
      salaryText: t(r.salary),
      employment: t(r.employment),
      schedule: t(r.schedule),
      qualification: t(r.qualification),
      education: t(r.requirement?.education),
      experienceYears: r.requirement?.experience,
      specialisation: t(r.category?.specialisation),
      addresses,
      workPlaces,
      quota: r.workPlaceType?.workPlaceQuota ?? false,
      special: r.workPlaceType?.workPlaceSpecial ?? false,
      socialProtected,
      acceptsConvicts: socialProtected !== undefined && CONVICT_WORDS.test(socialProtected),
      conditions: t(r.conditions),
      createdAt: r['creation-date'],
      modifiedAt: r.date_modify ?? r['creation-date'],
    },
  };
}
