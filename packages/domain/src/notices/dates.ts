import { fold } from './text';

export interface DateMention {
  date: string; // YYYY-MM-DD
  start: number;
  end: number;
  /** How the date was written: lowers confidence when the year or the day had to be inferred. */
  how: 'full' | 'no_year' | 'relative';
}

const MONTHS: Record<string, number> = {
  январ: 1,
  феврал: 2,
  март: 3,
  апрел: 4,
  ма: 5,
  июн: 6,
  июл: 7,
  август: 8,
  сентябр: 9,
  октябр: 10,
  ноябр: 11,
  декабр: 12,
};
const MONTH_WORD =
  '(январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь])';

function monthOf(word: string): number | undefined {
  const w = fold(word);
  for (const [stem, n] of Object.entries(MONTHS)) {
    if (stem === 'ма' ? /^ма[яй]$/.test(w) : w.startsWith(stem)) return n;
  }
  return undefined;
}

function iso(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A year-less date belongs to the year that puts it on or before the mail (January mail about December). */
function withYear(m: number, d: number, mailDate: string): string | undefined {
  const year = Number(mailDate.slice(0, 4));
  const candidate = iso(year, m, d);
  if (candidate && candidate > addDays(mailDate, 7)) return iso(year - 1, m, d);
  return candidate;
}

/**
 * Dates as worksites write them: 12.03.2026, 12.03.26, 12/03/2026, 2026-03-12, «12 марта 2026 г.»,
 * «12 марта», «12.03», «10, 11 и 12 марта», and «сегодня»/«вчера»/«позавчера» counted from
 * the mail's own date (`mailDate`, YYYY-MM-DD in Moscow time).
 */
export function findDates(text: string, mailDate: string | null): DateMention[] {
  const out: DateMention[] = [];
  const taken: Array<[number, number]> = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const push = (date: string | undefined, start: number, end: number, how: DateMention['how']) => {
    if (!date || !free(start, end)) return;
    taken.push([start, end]);
    out.push({ date, start, end, how });
  };

  for (const m of text.matchAll(/(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?![\d])/g)) {
    push(iso(+m[1]!, +m[2]!, +m[3]!), m.index, m.index + m[0].length, 'full');
  }
  for (const m of text.matchAll(
    /(?<![\d.,])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d])(?:\s*г(?:ода|\.)?)?/g,
  )) {
    const y = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    push(iso(y, +m[2]!, +m[1]!), m.index, m.index + m[0].length, 'full');
  }
  const wordDate = new RegExp(
    `(?<![\\d])((?:\\d{1,2}\\s*(?:,|и)\\s*)*)(\\d{1,2})\\s+${MONTH_WORD}(?:\\s+(\\d{4})(?:\\s*г(?:ода|\\.)?)?)?`,
    'gi',
  );
  for (const m of text.matchAll(wordDate)) {
    const month = monthOf(m[3]!);
    if (!month) continue;
    const days = [...(m[1] ?? '').matchAll(/\d{1,2}/g)].map((d) => +d[0]).concat(+m[2]!);
    for (const d of days) {
      const date = m[4] ? iso(+m[4], month, d) : mailDate ? withYear(month, d, mailDate) : undefined;
      // Each listed day shares the span; only the first claims it.
      if (date)
        out.push({ date, start: m.index, end: m.index + m[0].length, how: m[4] ? 'full' : 'no_year' });
    }
    taken.push([m.index, m.index + m[0].length]);
  }
  if (mailDate) {
    for (const m of text.matchAll(/(?<![\d.,])(\d{1,2})\.(\d{1,2})(?![\d]|\.\d)/g)) {
      push(withYear(+m[2]!, +m[1]!, mailDate), m.index, m.index + m[0].length, 'no_year');
    }
    for (const m of text.matchAll(/(?<![а-яё])(позавчера|вчера|сегодня)(?![а-яё])/gi)) {
      const back = { сегодня: 0, вчера: 1, позавчера: 2 }[fold(m[1]!) as 'сегодня'];
      push(addDays(mailDate, -back), m.index, m.index + m[0].length, 'relative');
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export interface PeriodMention {
  from: string;
  to: string;
  start: number;
  end: number;
  how: 'full' | 'no_year';
}

const DAY = '(\\d{1,2})';
const NUM_DATE = '(\\d{1,2})\\.(\\d{1,2})(?:\\.(\\d{4}|\\d{2}))?';
const DASH = '\\s*[–—-]\\s*';

function yearOf(y: string | undefined): number | undefined {
  if (!y) return undefined;
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/**
 * Periods as worksites write them: «с 10 по 12 марта», «с 10 марта по 12 марта 2026 г.»,
 * «с 09.11 по 13.11», «10–12.03.2026», «за 24–26.03», «10.03–12.03», «10-12 марта».
 * Both ends included; the year, when missing, is the one that puts the end on or before the mail.
 */
export function findPeriods(text: string, mailDate: string | null): PeriodMention[] {
  const out: PeriodMention[] = [];
  const add = (
    m: RegExpMatchArray,
    d1: number,
    m1: number,
    y1: number | undefined,
    d2: number,
    m2: number,
    y2: number | undefined,
  ) => {
    const year = y2 ?? y1;
    let to: string | undefined;
    if (year !== undefined) to = iso(year, m2, d2);
    else if (mailDate) to = withYear(m2, d2, mailDate);
    if (!to) return;
    const toYear = Number(to.slice(0, 4));
    let from = iso(y1 ?? toYear, m1, d1);
    if (from && from > to && y1 === undefined) from = iso(toYear - 1, m1, d1);
    if (!from || from > to) return;
    const start = m.index!;
    const end = start + m[0].length;
    if (out.some((p) => start < p.end && p.start < end)) return;
    out.push({ from, to, start, end, how: year !== undefined ? 'full' : 'no_year' });
  };
  const Y = '(?:\\s+(\\d{4})(?:\\s*г(?:ода|\\.)?)?)?';
  // «с 10 марта по 12 марта [2026]», «с 28 февраля по 2 марта»
  for (const m of text.matchAll(
    new RegExp(
      `(?<![а-яё])с\\s+${DAY}\\s+${MONTH_WORD}${Y}\\s+(?:по|до)\\s+${DAY}\\s+${MONTH_WORD}${Y}`,
      'gi',
    ),
  )) {
    const m1 = monthOf(m[2]!);
    const m2 = monthOf(m[5]!);
    if (m1 && m2) add(m, +m[1]!, m1, yearOf(m[3]), +m[4]!, m2, yearOf(m[6]));
  }
  // «с 10 по 12 марта», «10–12 марта», «за 24-26 марта»
  for (const m of text.matchAll(
    new RegExp(
      `(?:(?<![а-яё])с\\s+${DAY}\\s+по\\s+|(?<![\\d.,])${DAY}${DASH})${DAY}\\s+${MONTH_WORD}${Y}`,
      'gi',
    ),
  )) {
    const month = monthOf(m[4]!);
    if (month) add(m, +(m[1] ?? m[2])!, month, yearOf(m[5]), +m[3]!, month, yearOf(m[5]));
  }
  // «с 09.11 по 13.11», «с 09.11.2026 по 13.11.2026», «10.03–12.03»
  for (const m of text.matchAll(
    new RegExp(
      `(?:(?<![а-яё])с\\s+(?<![\\d.,])${NUM_DATE}\\s+(?:по|до)\\s+|(?<![\\d.,])${NUM_DATE}${DASH})${NUM_DATE}(?![\\d]|\\.\\d)`,
      'gi',
    ),
  )) {
    const d1 = +(m[1] ?? m[4])!;
    const m1 = +(m[2] ?? m[5])!;
    const y1 = yearOf(m[3] ?? m[6]);
    add(m, d1, m1, y1, +m[7]!, +m[8]!, yearOf(m[9]));
  }
  // «10–12.03.2026», «за 24–26.03», «с 10 по 12.03»
  for (const m of text.matchAll(
    new RegExp(
      `(?:(?<![а-яё])с\\s+${DAY}\\s+по\\s+|(?<![\\d.,])${DAY}${DASH})${NUM_DATE}(?![\\d]|\\.\\d)`,
      'gi',
    ),
  )) {
    const d1 = +(m[1] ?? m[2])!;
    const y = yearOf(m[5]);
    add(m, d1, +m[4]!, y, +m[3]!, +m[4]!, y);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Every day of a period, both ends included. */
export function daysOf(period: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let d = period.from; d <= period.to && out.length < 400; d = addDays(d, 1)) out.push(d);
  return out;
}

/** «с 01.03 по 07.03», «01.03–07.03»: a period, not a day. */
export function looksLikePeriod(text: string): boolean {
  return /(?:^|\s)с\s+\d{1,2}[.\s].{0,25}\s+по\s+\d{1,2}[.\s]|\d{1,2}\.\d{1,2}(?:\.\d{2,4})?\s*[–—-]\s*\d{1,2}\.\d{1,2}/i.test(
    text,
  );
}

/** An RFC 5322 / Outlook header date to the Moscow calendar date. */
export function mailDay(date: Date | null | undefined): string | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  return new Date(date.getTime() + 3 * 3600_000).toISOString().slice(0, 10);
}
