import type { OutcomeCode } from '../outcomes/index';
import { findDates } from './dates';
import { classifyCell } from './reasons';
import { fold } from './text';

/**
 * Tables as worksites paste them besides the one-row-per-fact layout: a month grid (a row per
 * person, a column per day, a табель), and a column per person (a row per day). Cells hold
 * hours or codes; the codes mean what the mail's legend says («н/я — неявка», «б/л —
 * больничный»), and the legend itself is never read as a report.
 */

/** Code → meaning, keys folded («н/я» → «неявка»). */
export type Legend = ReadonlyMap<string, string>;

const CODE = '([A-Za-zА-Яа-яЁё]{1,3}(?:/[A-Za-zА-Яа-яЁё]{1,3})?)';
const MEANING = '([А-Яа-яЁё][А-Яа-яЁё ]{2,40}?)';
const PAIR = new RegExp(
  `(?:^|[\\s,;(])${CODE}\\s*(?:[—–=:]|\\s-\\s|-(?=\\s))\\s*${MEANING}(?=\\s*(?:[,;.)]|$))`,
  'g',
);

/**
 * Legend lines: «Условные обозначения: н/я — неявка, б/л — больничный», or one «н/я – неявка»
 * a line. A line is a legend only when every part of it is a code–meaning pair.
 */
export function findLegend(lines: readonly string[]): { legend: Map<string, string>; lineIndexes: number[] } {
  const legend = new Map<string, string>();
  const lineIndexes: number[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\s*(?:условные\s+обозначения|обозначения|легенда|расшифровка)\s*:?\s*/i, '');
    const pairs = [...line.matchAll(PAIR)];
    if (pairs.length === 0) return;
    const rest = line.replace(PAIR, '').replace(/[\s,;.()]/g, '');
    if (rest.length > 0) return;
    for (const p of pairs) legend.set(fold(p[1]!), p[2]!.trim());
    lineIndexes.push(i);
  });
  return { legend, lineIndexes };
}

export type CellFact =
  | { kind: 'hours'; hours: number }
  | { kind: 'absence'; outcome: OutcomeCode; reasonText: string | null }
  | { kind: 'none' }
  | { kind: 'unknown' };

/** What a grid cell says: hours, an absence (by the legend or the usual codes), nothing, or unclear. */
export function cellFact(cell: string, legend: Legend | undefined): CellFact {
  const raw = cell.trim();
  const t = fold(raw).replace(/\s+/g, '');
  if (!t || /^[-—–x×.]$/.test(t) || /^(в|вых|выходной|я|\+|0|0,0|0\.0)$/.test(t)) return { kind: 'none' };
  if (/^\d{1,2}(?:[.,]\d{1,2})?$/.test(t)) {
    const hours = Number(t.replace(',', '.'));
    return hours > 0 && hours <= 24 ? { kind: 'hours', hours } : { kind: 'unknown' };
  }
  const meaning = legend?.get(t);
  if (meaning !== undefined) {
    const m = fold(meaning);
    if (/выходн|явка$|^явка|праздн|не\s+работ/.test(m) && !/неявк/.test(m)) return { kind: 'none' };
    const r = classifyCell(meaning);
    return { kind: 'absence', outcome: r.outcome, reasonText: meaning };
  }
  if (/^(б\/л|бл|б)$/.test(t)) return { kind: 'absence', outcome: 'absent_sick_note', reasonText: raw };
  if (/^(н\/я|нн|н|пр|прогул|неявка|ну|оу)$/.test(t)) {
    const r = classifyCell(raw);
    return { kind: 'absence', outcome: r.outcome, reasonText: raw };
  }
  return { kind: 'unknown' };
}

/** A header cell that is a day of the month: «1» … «31», or «01.11» (then it carries the month). */
export function dayOfHeader(cell: string): { day: number; month?: number; year?: number } | undefined {
  const t = cell.trim();
  const m = t.match(/^(\d{1,2})(?:\.(\d{1,2})(?:\.(\d{4}|\d{2}))?)?$/);
  if (!m) return undefined;
  const day = Number(m[1]);
  const month = m[2] ? Number(m[2]) : undefined;
  if (day < 1 || day > 31 || (month !== undefined && (month < 1 || month > 12))) return undefined;
  const year = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : undefined;
  return { day, ...(month ? { month } : {}), ...(year ? { year } : {}) };
}

const MONTHS = [
  'январ',
  'феврал',
  'март',
  'апрел',
  'ма[йя]',
  'июн',
  'июл',
  'август',
  'сентябр',
  'октябр',
  'ноябр',
  'декабр',
];

/**
 * The month a grid is for, from its title rows or the subject: «Табель за ноябрь 2026», «за
 * 11.2026», «ноябрь». The year, when missing, is the mail's (or the one before, for a December
 * grid sent in January). Undefined when nothing says it: the officer decides.
 */
export function monthOf(
  texts: readonly string[],
  mailDate: string | null,
): { year: number; month: number } | undefined {
  const mailYear = mailDate ? Number(mailDate.slice(0, 4)) : undefined;
  const mailMonth = mailDate ? Number(mailDate.slice(5, 7)) : undefined;
  for (const text of texts) {
    const t = fold(text);
    const numeric = t.match(/(?<![\d.])(\d{1,2})\.(\d{4})(?!\d)/);
    if (numeric && +numeric[1]! >= 1 && +numeric[1]! <= 12)
      return { year: +numeric[2]!, month: +numeric[1]! };
    for (const [i, stem] of MONTHS.entries()) {
      const m = t.match(new RegExp(`(?<![а-я])${stem}[а-я]*(?:\\s+(\\d{4}))?`));
      if (!m) continue;
      if (stem === 'ма[йя]' && !/(?<![а-я])ма[йя](?![а-я])/.test(t)) continue;
      const month = i + 1;
      let year = m[1] ? Number(m[1]) : mailYear;
      if (year === undefined) return undefined;
      if (!m[1] && mailMonth !== undefined && month > mailMonth + 1) year -= 1;
      return { year, month };
    }
  }
  return undefined;
}

export function isoDay(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return undefined;
  return d.toISOString().slice(0, 10);
}

/** A date cell of a people-as-columns table («12.03», «12.03.2026», «12 марта»). */
export function dateOfCell(
  cell: string,
  mailDate: string | null,
): { date: string; full: boolean } | undefined {
  const d = findDates(cell, mailDate)[0];
  return d ? { date: d.date, full: d.how === 'full' } : undefined;
}
