import { importColumnOf } from '../cases/import-rows';
import { columnFor } from '../vacancies/columns';
import { RawVacancy } from '../vacancies/schema';
import { MatchCase } from './input';

/** What the records of a file hold, judged by their field names. */
export type RecordsKind = 'cases' | 'vacancies' | 'case-import' | 'unknown';

/** How a user reads each kind: «похоже, это …». */
export const RECORDS_KIND_RU: Record<RecordsKind, string> = {
  cases: 'список дел для подбора (id, region, daysLeft…)',
  vacancies: 'лента вакансий (job-name, code_profession, work_places…)',
  'case-import': 'таблица дел для uii cases import (наказание, дата распоряжения…)',
  unknown: 'записи незнакомого вида',
};

const CASE_KEYS = new Set(Object.keys(MatchCase.shape));
const VACANCY_KEYS = new Set(Object.keys(RawVacancy.shape));
/** Names both a vacancy and a case carry: they tell nothing. */
const SHARED = new Set(['id', 'region', 'lat', 'lng']);

const isCaseKey = (k: string) => CASE_KEYS.has(k) && !SHARED.has(k);
const isVacancyKey = (k: string) =>
  !CASE_KEYS.has(k) && !SHARED.has(k) && (VACANCY_KEYS.has(k) || columnFor(k) !== undefined);
const isImportKey = (k: string) => !CASE_KEYS.has(k) && !SHARED.has(k) && importColumnOf(k) !== undefined;

/**
 * What the records of a file hold, from the field names of its first 50 objects (JSON keys or
 * CSV headers): matching cases, a vacancy feed (Rostrud names or the feed's CSV headers, a
 * `{vacancy: …}` wrapper too), a `uii cases import` table, or none of these. `fields` lists a
 * few of the names seen, for the message.
 */
export function recordsKind(records: readonly unknown[]): { kind: RecordsKind; fields: string[] } {
  const keys = new Set<string>();
  for (const r of records.slice(0, 50)) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) continue;
    const inner = (r as { vacancy?: unknown }).vacancy;
    const obj = Object.keys(r).length === 1 && inner && typeof inner === 'object' ? inner : r;
    for (const k of Object.keys(obj)) keys.add(k);
  }
  const names = [...keys];
  const score = (test: (k: string) => boolean) => names.filter(test).length;
  const cases = score(isCaseKey);
  const vacancies = score(isVacancyKey);
  const imports = score(isImportKey);
  const kind: RecordsKind =
    cases > 0 && cases >= vacancies && cases >= imports
      ? 'cases'
      : vacancies > 0 && vacancies >= imports
        ? 'vacancies'
        : imports > 0
          ? 'case-import'
          : 'unknown';
  return { kind, fields: names.slice(0, 6) };
}
