import { isIsoDate } from '../calendar/dates';
import { Case, Person } from './case';
import { fieldPathOf } from './field-path';

/**
 * Officers' spreadsheets → cases. Columns are documented in docs/cases-import.md; each has
 * an English id and the Russian header officers actually type (case and spaces ignored).
 */
export const IMPORT_COLUMNS = {
  id: ['id', 'ид', 'код'],
  sentence: ['sentence', 'наказание', 'вид наказания', 'вид_наказания'],
  birth_date: ['birth_date', 'birthdate', 'дата рождения', 'дата_рождения'],
  hours_ordered: ['hours_ordered', 'hoursordered', 'часы', 'часов назначено', 'назначено часов'],
  term_months: ['term_months', 'termmonths', 'срок мес', 'срок_мес', 'срок (мес.)', 'срок, мес'],
  deduction_percent: ['deduction_percent', 'deductionpercent', 'удержание', 'удержание %', 'удержание_проц'],
  inspection_id: ['inspection_id', 'inspectionid', 'инспекция', 'уии'],
  officer_id: ['officer_id', 'officerid', 'инспектор'],
  region: ['region', 'регион'],
  court_order_received: [
    'court_order_received',
    'courtorderreceived',
    'распоряжение суда',
    'дата распоряжения',
  ],
  last_name: ['last_name', 'lastname', 'фамилия'],
  first_name: ['first_name', 'firstname', 'имя'],
  middle_name: ['middle_name', 'middlename', 'отчество'],
  phone: ['phone', 'телефон'],
  email: ['email', 'e-mail', 'эл. почта', 'почта'],
  address: ['address', 'адрес'],
  case_number: ['case_number', 'casenumber', 'номер дела', 'номер_дела'],
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;

const norm = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ').replace(/ё/g, 'е');
const aliasToColumn = new Map<string, ImportColumn>();
for (const [col, aliases] of Object.entries(IMPORT_COLUMNS)) {
  for (const a of aliases) aliasToColumn.set(norm(a), col as ImportColumn);
}

export function importColumnOf(header: string): ImportColumn | undefined {
  return aliasToColumn.get(norm(header));
}

export interface ImportError {
  /** 1-based row in the file (the header is row 1 in CSV; the first element is row 1 in JSON). */
  row: number;
  field: string;
  message: string;
}

export interface ImportedCase {
  row: number;
  case: Case;
  person?: Person;
  courtOrderReceived?: string;
}

const SENTENCES: Record<string, Case['sentence']> = {
  corrective_labor: 'corrective_labor',
  compulsory_labor: 'compulsory_labor',
  ир: 'corrective_labor',
  ор: 'compulsory_labor',
  'исправительные работы': 'corrective_labor',
  'обязательные работы': 'compulsory_labor',
};

/** `20.01.2026`, `20.01.26` or `2026-01-20` → `2026-01-20`; anything else is returned unchanged for zod to reject. */
export function normaliseDate(value: string): string {
  const v = value.trim();
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(v);
  if (!m) return v;
  const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
  return `${year}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

function num(value: string): number | string {
  const v = value.trim().replace(/\s/g, '').replace(',', '.').replace(/%$/, '');
  return v !== '' && Number.isFinite(Number(v)) ? Number(v) : value;
}

/** Maps one row (header → cell) to a case and its personal data; returns every bad field. */
export function caseFromRow(
  raw: Record<string, unknown>,
  row: number,
): { ok: true; value: ImportedCase } | { ok: false; errors: ImportError[] } {
  const cells: Partial<Record<ImportColumn, string>> = {};
  for (const [header, value] of Object.entries(raw)) {
    const col = importColumnOf(header);
    if (col && value !== undefined && value !== null && String(value).trim() !== '')
      cells[col] = String(value).trim();
  }
  const errors: ImportError[] = [];
  const sentence = cells.sentence ? (SENTENCES[norm(cells.sentence)] ?? cells.sentence) : undefined;
  const candidate = {
    id: cells.id,
    sentence,
    birthDate: cells.birth_date ? normaliseDate(cells.birth_date) : undefined,
    hoursOrdered: cells.hours_ordered ? num(cells.hours_ordered) : undefined,
    termMonths: cells.term_months ? num(cells.term_months) : undefined,
    deductionPercent: cells.deduction_percent ? num(cells.deduction_percent) : undefined,
    inspectionId: cells.inspection_id,
    officerId: cells.officer_id,
    region: cells.region,
  };
  const toColumn: Record<string, ImportColumn> = {
    id: 'id',
    sentence: 'sentence',
    birthDate: 'birth_date',
    hoursOrdered: 'hours_ordered',
    termMonths: 'term_months',
    deductionPercent: 'deduction_percent',
    inspectionId: 'inspection_id',
    officerId: 'officer_id',
    region: 'region',
  };
  const parsedCase = Case.safeParse(candidate);
  if (!parsedCase.success) {
    for (const issue of parsedCase.error.issues) {
      const key = fieldPathOf(issue.path);
      const column = toColumn[key] ?? key;
      errors.push({ row, field: column, message: withValue(cells[column as ImportColumn], issue.message) });
    }
  }
  let person: Person | undefined;
  if (cells.last_name || cells.first_name) {
    const parsedPerson = Person.safeParse({
      caseId: cells.id ?? '',
      lastName: cells.last_name,
      firstName: cells.first_name,
      middleName: cells.middle_name,
      phone: cells.phone,
      email: cells.email,
      address: cells.address,
      caseNumber: cells.case_number,
    });
    if (parsedPerson.success) person = parsedPerson.data;
    else {
      const personColumn: Record<string, ImportColumn> = {
        lastName: 'last_name',
        firstName: 'first_name',
        email: 'email',
      };
      for (const issue of parsedPerson.error.issues) {
        const key = fieldPathOf(issue.path);
        if (key === 'caseId') continue; // reported as `id` above
        errors.push({ row, field: personColumn[key] ?? key, message: issue.message });
      }
    }
  }
  let courtOrderReceived: string | undefined;
  if (cells.court_order_received) {
    courtOrderReceived = normaliseDate(cells.court_order_received);
    if (!isIsoDate(courtOrderReceived)) {
      errors.push({
        row,
        field: 'court_order_received',
        message: withValue(
          cells.court_order_received,
          'нет такой даты (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД) / not a real date',
        ),
      });
    }
  }
  if (errors.length || !parsedCase.success) return { ok: false, errors };
  return {
    ok: true,
    value: {
      row,
      case: parsedCase.data,
      ...(person ? { person } : {}),
      ...(courtOrderReceived ? { courtOrderReceived } : {}),
    },
  };
}

/** Quotes what the officer typed, so the message can be acted on without opening the file. */
function withValue(raw: string | undefined, message: string): string {
  if (!raw) return message;
  if (message.includes('получено')) return message; // the message already names the value
  return `«${raw}»: ${message.replace(/ «[^»]*»/, '')}`;
}
