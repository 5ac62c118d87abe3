import { z } from 'zod';
import { countRu } from '../text/plural';
import { BANS, EDUCATION_LEVELS } from './data';

const BAN_CODES = BANS.map((b) => b.code) as [string, ...string[]];

/** Text cells hold lists separated by `;` or `,` (CSV); arrays pass; null is absent. */
const splitCell = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : v === null
      ? undefined
      : v;

const list = z.preprocess(splitCell, z.array(z.string().trim().min(1).max(200)).max(200).default([]));
/** A number, also from CSV text («2,5»); a clear message otherwise. */
const num = (min: number, max: number, int = false) => {
  const n = z.number({ error: 'ожидается число' });
  return z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      if (v.trim() === '') return undefined;
      const x = Number(v.replace(',', '.'));
      return Number.isNaN(x) ? v : x;
    },
    (int ? n.int({ error: 'ожидается целое число' }) : n)
      .min(min, { error: `не меньше ${min}` })
      .max(max, { error: `не больше ${max}` }),
  );
};

/**
 * One case as matching reads it: the public contract of `uii match --cases` (DOMAIN.md,
 * "Matching input"). `locality` (optional, an addition) is the settlement used when coordinates
 * are missing; `inspectionId`/`officerId` route the shortlist.
 */
export const MatchCase = z.object({
  id: z.string().trim().min(1).max(100),
  region: z.preprocess(
    (v) => (typeof v === 'number' ? String(v).padStart(2, '0') : v),
    z.string().regex(/^\d{2}$/, { message: 'регион — две цифры (70, 77…)' }),
  ),
  lat: num(-90, 90).optional(),
  lng: num(-180, 180).optional(),
  locality: z.string().trim().min(1).max(200).optional(),
  professions: list,
  skills: list,
  education: z.string().trim().max(100).optional(),
  experienceYears: num(0, 80).default(0),
  bans: z.preprocess(
    splitCell,
    z.array(z.enum(BAN_CODES, { message: `известные запреты: ${BAN_CODES.join(', ')}` })).default([]),
  ),
  daysLeft: num(-365, 3650, true),
  declined: list,
  inspectionId: z.string().min(1).max(100).optional(),
  officerId: z.string().min(1).max(100).optional(),
});
export type MatchCase = z.output<typeof MatchCase>;
export type MatchCaseInput = z.input<typeof MatchCase>;

/**
 * A case's matching profile as an officer writes it (`uii match profile`): the matching input
 * of DOMAIN.md without what the case itself gives (id, region, days left, officer). Unknown
 * fields are refused (a typo must not be dropped silently); coordinates come in pairs.
 */
/**
 * An ОКПДТР position code (DOMAIN.md, "Vacancy format": `code_profession`): five digits, often
 * with the control digit as a sixth («18622» or «186223»).
 */
export const OKPDTR_CODE = /^\d{5}\d?$/;

const professionCodes = z.preprocess(
  splitCell,
  z
    .array(
      z
        .string()
        .trim()
        .regex(OKPDTR_CODE, {
          error: (issue) =>
            /\p{L}/u.test(String(issue.input))
              ? 'код ОКПДТР — 5 или 6 цифр (186223); название профессии — в поле «профессии и навыки»'
              : 'код ОКПДТР — 5 или 6 цифр (186223)',
        }),
    )
    .max(200)
    .default([]),
);

/** Fields of a case record (`uii match --cases`) that a profile does not hold: a copied record is read without them. */
export const CASE_ONLY_FIELDS = ['id', 'daysLeft', 'inspectionId', 'officerId'] as const;

const MatchProfileFields = MatchCase.omit({ id: true, daysLeft: true, inspectionId: true, officerId: true })
  .extend({ region: MatchCase.shape.region.optional(), professions: professionCodes })
  .strict();

export const MatchProfile = MatchProfileFields.refine(
  (p) => (p.lat === undefined) === (p.lng === undefined),
  {
    message: 'координаты указываются парой: широта и долгота',
    path: ['lat'],
  },
);
export type MatchProfile = z.output<typeof MatchProfile>;

/** Field names of the profile in an officer's words. */
export const PROFILE_FIELD_RU: Record<string, string> = {
  region: 'регион',
  lat: 'широта',
  lng: 'долгота',
  locality: 'населённый пункт',
  professions: 'коды профессий ОКПДТР',
  skills: 'профессии и навыки',
  education: 'образование',
  experienceYears: 'стаж, лет',
  bans: 'запреты суда',
  declined: 'отказы от вакансий',
};

/** At most this many characters of a typed value are quoted back in a message. */
export const ECHO_CHARS = 40;

/** A typed value quoted back: the first 40 characters and «…» when it is longer. */
export function echoRu(value: string | number): string {
  const s = String(value);
  const chars = [...s];
  return chars.length > ECHO_CHARS ? `«${chars.slice(0, ECHO_CHARS).join('')}…»` : `«${s}»`;
}

const CHARS = ['символа', 'символов', 'символов'] as const; // «не длиннее 1 символа, 200 символов»
const CHARS_GIVEN = ['символ', 'символа', 'символов'] as const; // «указано 1 символ, 2 символа»
const ITEMS = ['значения', 'значений', 'значений'] as const; // «не больше 1 значения, 200 значений»
const ITEMS_GIVEN = ['значение', 'значения', 'значений'] as const;

const TYPE_RU: Record<string, string> = {
  string: 'ожидается текст',
  number: 'ожидается число',
  array: 'ожидается список (массив JSON или текст через «;»)',
  object: 'ожидается объект JSON',
};

/** «не длиннее 100 символов, указано 5 000 символов»: a text over its limit, said with both counts. */
export const tooLongRu = (limit: number, length: number): string =>
  `не длиннее ${countRu(limit, CHARS)}, указано ${countRu(length, CHARS_GIVEN)}`;

/**
 * An issue of the matching schemas in an officer's words: limits with the amount given
 * («не длиннее 200 символов, указано 5 000»), our own messages as written.
 */
function issueRu(issue: z.core.$ZodIssue, value: unknown): string {
  const length =
    typeof value === 'string' ? [...value.trim()].length : Array.isArray(value) ? value.length : undefined;
  if (
    (issue.code === 'too_big' || issue.code === 'too_small') &&
    (issue.origin === 'string' || issue.origin === 'array') &&
    length !== undefined
  ) {
    const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
    const text = issue.origin === 'string';
    if (issue.code === 'too_small' && limit === 1) return text ? 'пустое значение' : 'пустой список';
    if (text && issue.code === 'too_big') return tooLongRu(limit, length);
    const [forms, given] = text ? [CHARS, CHARS_GIVEN] : [ITEMS, ITEMS_GIVEN];
    const bound = text
      ? issue.code === 'too_big'
        ? 'не длиннее'
        : 'не короче'
      : issue.code === 'too_big'
        ? 'не больше'
        : 'не меньше';
    return `${bound} ${countRu(limit, forms)}, указано ${countRu(length, given)}`;
  }
  if (issue.code === 'invalid_type' && value === undefined) return 'обязательное поле не заполнено';
  if (issue.code === 'invalid_type' && TYPE_RU[issue.expected] && !/ожидается/.test(issue.message))
    return TYPE_RU[issue.expected]!;
  return issue.message;
}

/**
 * An issue's message with the value typed: a length is said as a count, any other value is
 * quoted, cut to its first 40 characters.
 */
function messageOf(issue: z.core.$ZodIssue, raw: unknown): string {
  const value = valueAt(raw, issue.path);
  const message = issueRu(issue, value);
  const typed =
    (typeof value === 'string' || typeof value === 'number') && !/указано|пустое/.test(message)
      ? ` (указано ${echoRu(value)})`
      : '';
  return `${message}${typed}`;
}

/** The value an issue is about, read as the schema reads it (a list typed as text is split). */
function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = raw;
  for (const key of path) {
    if (typeof value === 'string' && typeof key === 'number') value = splitCell(value);
    value = (value as Record<PropertyKey, unknown> | undefined)?.[key as string];
  }
  return value;
}

/**
 * Validates a profile: the profile, or every problem (field in words, why) in Russian. A record
 * copied from a cases file (`uii match --cases`) is read without its case fields (id, days left,
 * officer), which are returned in `ignored` so the caller can say so; other unknown fields are
 * refused, a typo must not be dropped silently.
 */
export function parseMatchProfile(
  raw: unknown,
  /** Check only the fields given (command-line flags before they meet the stored profile). */
  options: { fieldsOnly?: boolean } = {},
):
  | { profile: MatchProfile; errors: []; ignored: string[] }
  | { profile?: undefined; errors: Array<{ field: string; message: string }>; ignored: string[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return {
      errors: [{ field: '(профиль)', message: 'ожидается объект JSON с полями профиля' }],
      ignored: [],
    };
  const ignored = Object.keys(raw).filter((k) => (CASE_ONLY_FIELDS as readonly string[]).includes(k));
  const input = ignored.length
    ? Object.fromEntries(Object.entries(raw).filter(([k]) => !ignored.includes(k)))
    : raw;
  const parsed = (options.fieldsOnly ? MatchProfileFields.partial() : MatchProfile).safeParse(input);
  if (parsed.success) return { profile: parsed.data as MatchProfile, errors: [], ignored };
  const errors: Array<{ field: string; message: string }> = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        errors.push({
          field: key,
          message: `неизвестное поле; допустимые: ${Object.keys(PROFILE_FIELD_RU).join(', ')}`,
        });
      continue;
    }
    const [head, ...rest] = issue.path.map(String);
    const field = head
      ? `${PROFILE_FIELD_RU[head] ?? head}${rest.length ? ` (№ ${Number(rest[0]) + 1})` : ''}`
      : '(профиль)';
    // A list typed as text («driving, flying») is read as the schema reads it.
    errors.push({ field, message: messageOf(issue, input) });
  }
  return { errors, ignored };
}

export interface MatchInputError {
  /** 1-based position in the array, or the CSV row number. */
  row: number;
  caseId?: string;
  field: string;
  message: string;
}

/** Validates cases one by one: good ones are kept, bad ones explained (row, field, why). */
export function parseMatchCases(
  rows: readonly unknown[],
  rowNumber: (index: number) => number = (i) => i + 1,
): { cases: MatchCase[]; errors: MatchInputError[] } {
  const cases: MatchCase[] = [];
  const errors: MatchInputError[] = [];
  const seen = new Set<string>();
  rows.forEach((raw, i) => {
    const row = rowNumber(i);
    const parsed = MatchCase.safeParse(raw);
    const caseId =
      raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : undefined;
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({
          row,
          caseId,
          field: issue.path.join('.') || '(дело)',
          message: messageOf(issue, raw),
        });
      return;
    }
    if (seen.has(parsed.data.id)) {
      errors.push({ row, caseId, field: 'id', message: `дело ${parsed.data.id} указано дважды` });
      return;
    }
    seen.add(parsed.data.id);
    cases.push(parsed.data);
  });
  return { cases, errors };
}

/** Education level 0…4; unknown text is level 0 («Не имеет значения») and flagged. */
export function educationLevel(text: string | undefined): { level: number; known: boolean } {
  if (!text?.trim()) return { level: 0, known: true };
  const t = text.toLowerCase();
  if (t.includes('высш')) return { level: 4, known: true };
  if (t.includes('проф') || t.includes('спо') || t.includes('начальное проф'))
    return { level: 3, known: true };
  if (t.includes('средн')) return { level: 2, known: true };
  if (t.includes('основн')) return { level: 1, known: true };
  if (t.includes('не имеет') || t.includes('не требуется') || t.includes('любое'))
    return { level: 0, known: true };
  return { level: 0, known: false };
}

export const educationName = (level: number): string => EDUCATION_LEVELS[level] ?? EDUCATION_LEVELS[0];

/** Settings of one inspection (all [open] in the law: defaults here). */
export interface MatchSettings {
  /** Search radius around home. */
  radiusKm: number;
  /** Radii to count in an explanation when results are few. */
  widerRadiiKm: number[];
  /** Vacancies created or changed more than this many days ago are stale. */
  maxVacancyAgeDays: number;
  /** strict: quota, registered partner or social_protected only; open: any employer. */
  acceptance: 'strict' | 'open';
  /** Registered partner employers (INN). */
  partnerInns: string[];
  /** Shortlist length. */
  top: number;
  /** Candidates kept per case for the assignment. */
  candidatesPerCase: number;
  /** A referral with no work_started within this many days releases its opening. */
  holdReleaseDays: number;
  /** A shortlist is urgent at or below this many days left. */
  urgentDaysLeft: number;
}

export const DEFAULT_MATCH_SETTINGS: MatchSettings = {
  radiusKm: 30,
  widerRadiiKm: [50, 100],
  maxVacancyAgeDays: 60,
  acceptance: 'open',
  partnerInns: [],
  top: 5,
  candidatesPerCase: 20,
  holdReleaseDays: 10,
  urgentDaysLeft: 2,
};
