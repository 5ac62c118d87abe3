import { importColumnOf } from '../cases/import-rows';
import { placeColumnFor } from '../places/proposal';
import { columnFor } from '../vacancies/columns';
import { RawVacancy } from '../vacancies/schema';
import { MatchCase } from './input';

/** What the records of a file hold, judged by their field names. */
export type RecordsKind = 'cases' | 'vacancies' | 'places' | 'case-import' | 'unknown';

/** How a user reads each kind: «похоже, это …». */
export const RECORDS_KIND_RU: Record<RecordsKind, string> = {
  cases: 'список дел для подбора (id, region, daysLeft…)',
  vacancies: 'лента вакансий (job-name, code_profession, work_places…)',
  places: 'предложение мест для uii places import (организация, виды работ, количество рабочих мест…)',
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
const isPlaceKey = (k: string) => !CASE_KEYS.has(k) && !SHARED.has(k) && placeColumnFor(k) !== undefined;

/**
 * What the records of a file hold, from the field names of its first 50 objects (JSON keys or
 * CSV headers): matching cases, a vacancy feed (Rostrud names or the feed's CSV headers, a
 * `{vacancy: …}` wrapper too), a proposal of places, a `uii cases import` table, or none of these. `fields` lists a
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
  // The kind most of the names belong to; a tie goes to the earlier (cases, then vacancies…).
  const scores: Array<[RecordsKind, number]> = [
    ['cases', score(isCaseKey)],
    ['vacancies', score(isVacancyKey)],
    ['places', score(isPlaceKey)],
    ['case-import', score(isImportKey)],
  ];
  const [best, top] = scores.reduce((a, b) => (b[1] > a[1] ? b : a));
  const kind: RecordsKind = top > 0 ? best : 'unknown';
  return { kind, fields: names.slice(0, 6) };
}
