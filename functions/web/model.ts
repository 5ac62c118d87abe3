import type { StoredCase } from '@uii/aws/case-store';
import {
  addDays,
  type Clocks,
  computeClocks,
  type Deadline,
  type Person,
  type RecordedEvent,
  ruleFor,
  type Urgency,
  urgencyOf,
} from '@uii/domain';

/** One line of the caseload: what the officer needs at a glance. */
export interface CaseRow {
  id: string;
  name: string;
  sentence: StoredCase['case']['sentence'];
  officerId?: string;
  nearest?: Deadline;
  daysLeft: number | null;
  urgency: Urgency | 'none';
  findings: Array<{ rule: string; title: string; date: string }>;
  openRules: string[];
  isNew: boolean;
  clocks: Clocks;
  events: RecordedEvent[];
}

export const fullName = (p: Person | undefined) =>
  p ? [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ') : '';

export const findingTitle = (rule: string, date: string) => ruleFor(rule, date)?.title_ru ?? rule;

/** A case is «новое» for a week after its first recorded event (or while it has none). */
export const NEW_CASE_DAYS = 7;

export function caseRow(
  stored: StoredCase & { person?: Person },
  events: RecordedEvent[],
  today: string,
): CaseRow {
  const clocks = computeClocks(
    stored.case,
    events.map((e) => e.event),
    today,
  );
  const open = clocks.deadlines.filter((d) => d.status !== 'met').sort((a, b) => (a.due < b.due ? -1 : 1));
  const nearest = open[0];
  const first = events.map((e) => e.event.date).sort()[0];
  return {
    id: stored.case.id,
    name: fullName(stored.person),
    sentence: stored.case.sentence,
    officerId: stored.case.officerId,
    nearest,
    daysLeft: nearest?.daysLeft ?? null,
    urgency: nearest ? urgencyOf(nearest) : 'none',
    findings: clocks.findings.map((f) => ({
      rule: f.rule,
      title: findingTitle(f.rule, f.date),
      date: f.date,
    })),
    openRules: open.map((d) => d.rule),
    isNew: !first || first >= addDays(today, -NEW_CASE_DAYS),
    clocks,
    events,
  };
}

export type SortKey = 'days' | 'name' | 'id';

export interface CaseFilter {
  q?: string;
  sentence?: string;
  rule?: string;
  overdue?: boolean;
  officer?: string;
  sort?: SortKey;
}

/** Filters, searches (name or id, case and ё-insensitive) and sorts the caseload. */
export function filterRows(rows: CaseRow[], f: CaseFilter): CaseRow[] {
  const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е').trim();
  const q = f.q ? fold(f.q) : '';
  const out = rows.filter(
    (r) =>
      (!q || fold(r.name).includes(q) || fold(r.id).includes(q)) &&
      (!f.sentence || r.sentence === f.sentence) &&
      (!f.rule || r.openRules.includes(f.rule) || r.findings.some((x) => x.rule === f.rule)) &&
      (!f.overdue || r.urgency === 'overdue') &&
      (!f.officer || r.officerId === f.officer),
  );
  const byDays = (a: CaseRow, b: CaseRow) =>
    (a.daysLeft ?? Number.POSITIVE_INFINITY) - (b.daysLeft ?? Number.POSITIVE_INFINITY) ||
    a.id.localeCompare(b.id);
  const sorters: Record<SortKey, (a: CaseRow, b: CaseRow) => number> = {
    days: byDays,
    name: (a, b) => a.name.localeCompare(b.name, 'ru') || byDays(a, b),
    id: (a, b) => a.id.localeCompare(b.id, 'ru'),
  };
  return out.sort(sorters[f.sort ?? 'days']);
}

/** Evasion risk first, then the rest by date (newest first). */
export function findingOrder(a: { rule: string; date: string }, b: { rule: string; date: string }): number {
  const rank = (r: string) => (r.startsWith('CW-EVASION') ? 0 : r === 'CL-REPEAT' || r === 'WANTED' ? 1 : 2);
  return rank(a.rule) - rank(b.rule) || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0);
}
