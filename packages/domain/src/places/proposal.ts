import { z } from 'zod';
import { isIsoDate } from '../calendar/dates';
import type { Sentence } from '../cases/case';
import { shortHash } from '../matching/text';
import type { RowError } from '../vacancies/errors';
import { innProblem } from './inn';

/**
 * The columns of a municipality's proposal of places (docs/places.md). Each has an English
 * name (JSON keys), the Russian header shown in errors, and the other headers municipalities
 * type. Case, spaces, «ё» and punctuation are ignored when matching headers.
 */
export interface PlaceColumn {
  name: PlaceField;
  ru: string;
  aliases: readonly string[];
}

export const PLACE_FIELDS = [
  'organisation',
  'inn',
  'address',
  'lat',
  'lng',
  'kinds_of_work',
  'workplaces',
  'sentence',
  'hours',
  'schedule',
  'safety',
  'admin_name',
  'admin_email',
  'admin_phone',
  'valid_from',
  'valid_to',
] as const;
export type PlaceField = (typeof PLACE_FIELDS)[number];

export const PLACE_COLUMNS: readonly PlaceColumn[] = [
  {
    name: 'organisation',
    ru: 'Организация',
    aliases: ['наименование организации', 'предприятие', 'учреждение', 'organization', 'organisation_name'],
  },
  { name: 'inn', ru: 'ИНН', aliases: ['инн организации'] },
  {
    name: 'address',
    ru: 'Адрес',
    aliases: ['адрес места работы', 'адрес объекта', 'место работы', 'территория'],
  },
  { name: 'lat', ru: 'Широта', aliases: ['latitude'] },
  { name: 'lng', ru: 'Долгота', aliases: ['longitude', 'lon'] },
  {
    name: 'kinds_of_work',
    ru: 'Виды работ',
    aliases: ['вид работ', 'характер работ', 'работы', 'kinds', 'work'],
  },
  {
    name: 'workplaces',
    ru: 'Количество рабочих мест',
    aliases: ['рабочих мест', 'число рабочих мест', 'количество мест', 'мест', 'places'],
  },
  {
    name: 'sentence',
    ru: 'Вид наказания',
    aliases: ['наказание', 'ор ир', 'вид наказания ор ир'],
  },
  { name: 'hours', ru: 'Часы работы', aliases: ['время работы', 'режим работы'] },
  { name: 'schedule', ru: 'График', aliases: ['график работы', 'дни работы'] },
  {
    name: 'safety',
    ru: 'Охрана труда',
    aliases: ['условия охраны труда', 'техника безопасности', 'условия труда', 'безопасность'],
  },
  {
    name: 'admin_name',
    ru: 'Ответственный',
    aliases: [
      'ответственное лицо',
      'администратор',
      'фио ответственного',
      'контактное лицо',
      'administrator',
    ],
  },
  {
    name: 'admin_email',
    ru: 'Эл. почта ответственного',
    aliases: ['email', 'e-mail', 'эл почта', 'электронная почта', 'почта', 'email ответственного'],
  },
  { name: 'admin_phone', ru: 'Телефон', aliases: ['телефон ответственного', 'phone'] },
  { name: 'valid_from', ru: 'Действует с', aliases: ['дата начала', 'начало действия', 'с'] },
  {
    name: 'valid_to',
    ru: 'Действует по',
    aliases: ['дата окончания', 'окончание действия', 'срок действия', 'по', 'действует до'],
  },
];

const headerKey = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[\s\-./()«»",:;]+/g, '_')
    .replace(/^_+|_+$/g, '');

const byHeader = new Map<string, PlaceColumn>();
for (const c of PLACE_COLUMNS) for (const a of [c.name, c.ru, ...c.aliases]) byHeader.set(headerKey(a), c);

export function placeColumnFor(header: string): PlaceColumn | undefined {
  return byHeader.get(headerKey(header));
}

export const columnRu = (field: string) => PLACE_COLUMNS.find((c) => c.name === field)?.ru ?? field;

/** A flat proposal row keyed by field name, with the headers the file used (for errors). */
export interface PlaceRecord {
  [field: string]: unknown;
}

/**
 * Header row → cells-to-record, the same interface as the vacancy `rowMapper`, so the feed
 * readers (CSV, XLSX) serve proposals too.
 */
export function placeRowMapper(headers: readonly string[]): {
  known: string[];
  ignored: string[];
  toRecord: (cells: readonly unknown[]) => Record<string, unknown>;
} {
  const known: string[] = [];
  const ignored: string[] = [];
  const at: Array<[number, PlaceField]> = [];
  headers.forEach((header, index) => {
    const column = placeColumnFor(String(header ?? ''));
    if (!column || known.includes(column.name)) {
      if (String(header ?? '').trim()) ignored.push(String(header));
      return;
    }
    known.push(column.name);
    at.push([index, column.name]);
  });
  return {
    known,
    ignored,
    toRecord: (cells) => {
      const record: Record<string, unknown> = {};
      for (const [index, name] of at) {
        const value = cells[index];
        if (value !== undefined && value !== null && value !== '') record[name] = value;
      }
      return record;
    },
  };
}

/** A JSON row may use English or Russian keys: both become field names. */
export function placeRecordOfObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const column = placeColumnFor(k);
    if (column && v !== undefined && v !== null && v !== '') out[column.name] = v;
  }
  return out;
}

const text = (s: unknown) => (typeof s === 'number' ? String(s) : typeof s === 'string' ? s.trim() : s);

const RU_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
/** ДД.ММ.ГГГГ, ГГГГ-ММ-ДД or an Excel date (ISO with time). */
export function parseRuDate(value: unknown): string | undefined {
  const s = String(value ?? '').trim();
  const m = RU_DATE.exec(s);
  const iso = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : s.slice(0, 10);
  return isIsoDate(iso) ? iso : undefined;
}

const DateField = z.preprocess(
  (v) => parseRuDate(v) ?? v,
  z.string().refine(isIsoDate, 'дата в виде ДД.ММ.ГГГГ'),
);

const Coordinate = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? Number(v.trim().replace(',', '.')) : v),
    z
      .number({ message: 'число, например 56,48' })
      .refine(Number.isFinite, 'число, например 56,48')
      .refine((n) => n >= min && n <= max, `от ${min} до ${max}`),
  );

const SENTENCE_WORDS: Record<string, Sentence> = {
  ор: 'compulsory_labor',
  'обязательные работы': 'compulsory_labor',
  compulsory_labor: 'compulsory_labor',
  ир: 'corrective_labor',
  'исправительные работы': 'corrective_labor',
  corrective_labor: 'corrective_labor',
};

export const ProposedPlaceRow = z.object({
  organisation: z.preprocess(text, z.string().min(2, 'наименование организации не указано')),
  inn: z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.replace(/\s+/g, '') : v),
    z.string().superRefine((inn, ctx) => {
      const problem = innProblem(inn);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ),
  address: z.preprocess(text, z.string().min(5, 'адрес слишком короткий')),
  lat: Coordinate(41, 82).optional(),
  lng: Coordinate(19, 191).optional(),
  kinds_of_work: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/[;,\n]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.string().min(1)).min(1, 'укажите хотя бы один вид работ'),
  ),
  workplaces: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({ message: 'целое число рабочих мест' })
      .int('целое число рабочих мест')
      .min(1, 'не меньше 1 рабочего места')
      .max(10_000, 'не больше 10 000'),
  ),
  sentence: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? (SENTENCE_WORDS[v.trim().toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ')] ?? v)
        : v,
    z.enum(['compulsory_labor', 'corrective_labor'], {
      message: 'укажите ОР (обязательные работы) или ИР (исправительные работы)',
    }),
  ),
  hours: z.preprocess(text, z.string().min(1)).optional(),
  schedule: z.preprocess(text, z.string().min(1, 'укажите график работы')),
  safety: z.preprocess(text, z.string().min(3, 'укажите условия охраны труда')),
  admin_name: z.preprocess(text, z.string().min(3, 'укажите ответственного (ФИО)')),
  admin_email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.email('адрес эл. почты, например master@blag.example'),
  ),
  admin_phone: z.preprocess(text, z.string()).optional(),
  valid_from: DateField.optional(),
  valid_to: DateField,
});
export type ProposedPlaceRow = z.infer<typeof ProposedPlaceRow>;

/**
 * The columns a proposal cannot do without (a file lacking one is refused as a whole): every
 * field the row schema requires, so the file check and the row check never disagree.
 */
export const REQUIRED_PLACE_COLUMNS: readonly PlaceField[] = PLACE_FIELDS.filter(
  (f) => !ProposedPlaceRow.shape[f].safeParse(undefined).success,
);

/** A place as proposed, ready to store. */
export interface ProposedPlace {
  id: string;
  municipalityId: string;
  row: number;
  organisation: string;
  inn: string;
  address: string;
  lat?: number;
  lng?: number;
  kindsOfWork: string[];
  workplaces: number;
  sentence: Sentence;
  conditions: { hours?: string; schedule: string; safety: string };
  administrator: { name: string; email: string; phone?: string };
  validFrom: string;
  validTo: string;
}

const normAddress = (a: string) =>
  a
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[\s.,]+/g, ' ')
    .trim();

/** Stable id: the same organisation at the same address for the same sentence is the same place. */
export function placeIdOf(municipalityId: string, inn: string, address: string, sentence: Sentence): string {
  const h = shortHash(`${municipalityId}\n${inn}\n${normAddress(address)}\n${sentence}`);
  return `PL-${h}`;
}

export interface ProposalCheck {
  places: ProposedPlace[];
  errors: RowError[];
  total: number;
}

/**
 * Validates proposal rows. Each bad row is reported by row and column (the Russian header)
 * and never stops the good ones; a place repeated in the file is reported at its second row.
 */
export function checkProposalRows(
  rows: ReadonlyArray<{ row: number; value?: unknown; error?: { field: string; message: string } }>,
  context: { municipalityId: string; receivedOn: string },
): ProposalCheck {
  const places: ProposedPlace[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (r.error) {
      errors.push({ row: r.row, ...r.error });
      continue;
    }
    const parsed = ProposedPlaceRow.safeParse(r.value ?? {});
    if (!parsed.success) {
      const byField = new Map<string, string>();
      const raw = (r.value ?? {}) as Record<string, unknown>;
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '(строка)');
        if (!byField.has(field)) byField.set(field, rowMessage(issue, raw[field]));
      }
      for (const [field, message] of byField) errors.push({ row: r.row, field: columnRu(field), message });
      continue;
    }
    const p = parsed.data;
    const validFrom = p.valid_from ?? context.receivedOn;
    if (p.valid_to < validFrom) {
      errors.push({
        row: r.row,
        field: columnRu('valid_to'),
        message: `окончание срока (${ru(p.valid_to)}) раньше начала (${ru(validFrom)})`,
      });
      continue;
    }
    if (p.valid_to < context.receivedOn) {
      errors.push({
        row: r.row,
        field: columnRu('valid_to'),
        message: `срок действия уже истёк (${ru(p.valid_to)})`,
      });
      continue;
    }
    if ((p.lat === undefined) !== (p.lng === undefined)) {
      errors.push({
        row: r.row,
        field: columnRu(p.lat === undefined ? 'lat' : 'lng'),
        message: 'координаты указываются парой: широта и долгота',
      });
      continue;
    }
    const id = placeIdOf(context.municipalityId, p.inn, p.address, p.sentence);
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      errors.push({
        row: r.row,
        field: columnRu('address'),
        message: `то же место (организация, адрес, вид наказания) уже есть в строке ${earlier}`,
      });
      continue;
    }
    seen.set(id, r.row);
    places.push({
      id,
      municipalityId: context.municipalityId,
      row: r.row,
      organisation: p.organisation,
      inn: p.inn,
      address: p.address,
      ...(p.lat !== undefined ? { lat: p.lat, lng: p.lng } : {}),
      kindsOfWork: p.kinds_of_work,
      workplaces: p.workplaces,
      sentence: p.sentence,
      conditions: { ...(p.hours ? { hours: p.hours } : {}), schedule: p.schedule, safety: p.safety },
      administrator: {
        name: p.admin_name,
        email: p.admin_email,
        ...(p.admin_phone ? { phone: p.admin_phone } : {}),
      },
      validFrom,
      validTo: p.valid_to,
    });
  }
  return { places, errors, total: rows.length };
}

const ru = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/** The reason, quoting what was typed (cut to 60 characters). */
function rowMessage(issue: z.core.$ZodIssue, typed: unknown): string {
  if (typed === undefined || typed === null || typed === '') return 'обязательное поле не заполнено';
  const shown = String(typed).slice(0, 60);
  return `${issue.message} (указано «${shown}»)`;
}

/** The required columns a header lacks (field names, in template order). */
export function missingPlaceFields(known: readonly string[]): PlaceField[] {
  return REQUIRED_PLACE_COLUMNS.filter((c) => !known.includes(c));
}

/** The missing required columns of a header, as Russian header names. */
export function missingPlaceColumns(known: readonly string[]): string[] {
  return missingPlaceFields(known).map(columnRu);
}
