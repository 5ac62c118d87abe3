import type { RowError } from './errors';
import { issueMessage, vacancyFieldPath } from './errors';
import { MAX_VACANCY_ID_LENGTH, toIsoDate } from './fields';
import { RawVacancy, type Vacancy } from './schema';

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
  const fast = strictVacancy(input as Obj, same);
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

/**
 * The fast path alone: the result for a record typed exactly as the Rostrud API sends it, or
 * undefined when the record needs the lenient schema (which coerces or explains). `text` maps
 * every string the result keeps (the JSON reader passes UTF-8 bytes held as latin1 text and
 * decodes only the fields it keeps); it is applied before any trimming or pattern test.
 */
export function normaliseStrictVacancy(
  input: unknown,
  row: number,
  text: (s: string) => string,
): VacancyResult | undefined {
  if (!isObj(input)) return undefined;
  const fast = strictVacancy(input, text);
  return fast && finish(fast, row);
}

const COORDINATE = /^[+-]?\d+(?:\.\d+)?$/;

type Obj = Record<string, unknown>;
const same = (s: string) => s;
/**
 * Set by the helpers below when a value has the wrong type, so that one check at the end
 * refuses the record (cheaper than testing every field's result on the hot path).
 */
let refused = false;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function refuse(): undefined {
  refused = true;
  return undefined;
}

function str(v: unknown, text: (s: string) => string): string | undefined {
  if (typeof v === 'string') return text(v);
  return v === undefined ? undefined : refuse();
}

/** Type check only, for strings normalisation does not keep (no decoding). */
function unkept(v: unknown): undefined {
  return v === undefined || typeof v === 'string' ? undefined : refuse();
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : refuse();
  return v === undefined ? undefined : refuse();
}

function flag(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  return v === undefined ? undefined : refuse();
}

/** An optional nested object: undefined when absent (or refused when not a plain object). */
function sub(v: unknown): Obj | undefined {
  if (v === undefined) return undefined;
  return isObj(v) ? v : refuse();
}

/** A date string as ISO; absent or blank → undefined; not a date → refused. */
function date(v: unknown, text: (s: string) => string): string | undefined {
  const s = str(v, text);
  if (s === undefined || s === '') return undefined;
  return toIsoDate(s) ?? refuse();
}

/** A coordinate string as a number; blank → absent; not a plain decimal → refused. */
function coordinate(v: unknown, text: (s: string) => string): number | undefined {
  const s = str(v, text);
  if (s === undefined || s === '') return undefined;
  return COORDINATE.test(s) ? Number(s) : refuse();
}

/**
 * The strictly typed record (strings, numbers and booleans exactly where the Rostrud API puts
 * them) as RawVacancy's output; undefined sends it to the lenient zod schema. Hand-written
 * rather than a zod schema: it runs on every record and was the largest cost after parsing.
 */
function strictVacancy(r: Obj, text: (s: string) => string): RawVacancy | undefined {
  refused = false;
  const id = str(r.id, text);
  const jobName = str(r['job-name'], text);
  if (id === undefined || !id.trim() || jobName === undefined || !jobName.trim()) return undefined;
  // Over-long ids take the zod path, which reports them.
  if (id.length > MAX_VACANCY_ID_LENGTH) return undefined;
  const region = r.region;
  if (!isObj(region)) return undefined;
  const regionCode = str(region.region_code, text);
  if (regionCode === undefined) return undefined;

  const company = sub(r.company);
  const requirement = sub(r.requirement);
  const category = sub(r.category);
  const places = sub(r.workPlaceType);
  const addressHolder = sub(r.addresses);
  if (refused) return undefined;

  let addresses: RawVacancy['addresses'];
  if (addressHolder) {
    const list = addressHolder.address;
    let address: Array<{ location?: string; lat?: number; lng?: number }> | undefined;
    if (list !== undefined) {
      if (!Array.isArray(list)) return undefined;
      address = [];
      for (const a of list) {
        if (!isObj(a)) return undefined;
        address.push({
          location: str(a.location, text),
          lat: coordinate(a.lat, text),
          lng: coordinate(a.lng, text),
        });
      }
    }
    addresses = { address };
  }

  const out: RawVacancy = {
    id,
    source: str(r.source, text),
    region: { region_code: regionCode, name: str(region.name, text) },
    company: company && {
      companycode: unkept(company.companycode),
      inn: str(company.inn, text),
      kpp: str(company.kpp, text),
      name: str(company.name, text),
      ogrn: str(company.ogrn, text),
      'hr-agency': flag(company['hr-agency']),
    },
    'creation-date': date(r['creation-date'], text),
    date_modify: date(r.date_modify, text),
    salary: str(r.salary, text),
    salary_min: num(r.salary_min),
    salary_max: num(r.salary_max),
    'job-name': jobName,
    employment: str(r.employment, text),
    schedule: str(r.schedule, text),
    qualification: str(r.qualification, text),
    requirement: requirement && {
      education: str(requirement.education, text),
      experience: num(requirement.experience),
    },
    category: category && { specialisation: str(category.specialisation, text) },
    addresses,
    social_protected: str(r.social_protected, text),
    work_places: num(r.work_places),
    code_profession: str(r.code_profession, text),
    workPlaceType: places && {
      workPlaceQuota: flag(places.workPlaceQuota),
      workPlaceSpecial: flag(places.workPlaceSpecial),
      workPlaceOrdinary: flag(places.workPlaceOrdinary),
      workPlaceForeign: flag(places.workPlaceForeign),
    },
    conditions: str(r.conditions, text),
    currency: unkept(r.currency),
  };
  return refused ? undefined : out;
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

  if (r.salary_min !== undefined && r.salary_min < 0) {
    errors.push({
      row,
      field: 'salary_min',
      message: `зарплата не может быть отрицательной: ${r.salary_min}`,
    });
  }
  if (r.salary_max !== undefined && r.salary_max < 0) {
    errors.push({
      row,
      field: 'salary_max',
      message: `зарплата не может быть отрицательной: ${r.salary_max}`,
    });
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
