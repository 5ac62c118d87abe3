export interface HoursMention {
  hours: number;
  start: number;
  end: number;
  /** «по 4 часа»: the same hours on each listed day. */
  each: boolean;
}

/** Hours written as words, as administrators type them («четыре часа», «полтора часа»). */
const WORDS: Record<string, number> = {
  один: 1,
  одного: 1,
  полтора: 1.5,
  полутора: 1.5,
  два: 2,
  двух: 2,
  три: 3,
  трех: 3,
  четыре: 4,
  четырех: 4,
  пять: 5,
  пяти: 5,
  шесть: 6,
  шести: 6,
  семь: 7,
  семи: 7,
  восемь: 8,
  восьми: 8,
};

/** «4 часа», «3,5 ч», «4ч.», «2 часов», «четыре часа» — hours worked. */
export function findHours(text: string): HoursMention[] {
  const out: HoursMention[] = [];
  for (const m of text.matchAll(
    /(по\s+)?(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:ч(?:ас(?:а|ов)?)?\.?)(?![а-яё])(?:\s*(\d{1,2})\s*мин(?:ут[аы]?)?\.?(?![а-яё]))?/gi,
  )) {
    // «3 ч 30 мин» is three and a half hours, not three.
    const hours = Math.round((Number(m[2]!.replace(',', '.')) + (m[3] ? Number(m[3]) / 60 : 0)) * 100) / 100;
    if (hours > 24) continue;
    out.push({ hours, start: m.index, end: m.index + m[0].length, each: Boolean(m[1]) });
  }
  // Words need the full «час…» after them: «два ч» is not how anyone writes.
  for (const m of text.matchAll(/(по\s+)?(?<![а-яё])([а-яё]+)\s+час(?:а|ов)?(?![а-яё])/gi)) {
    const hours = WORDS[m[2]!.toLowerCase().replace(/ё/g, 'е')];
    if (hours === undefined) continue;
    out.push({ hours, start: m.index, end: m.index + m[0].length, each: Boolean(m[1]) });
  }
  // «с 9:00 до 13:00», «с 8.30 до 12.00», «с 9 до 13 ч»: the span is the hours (same day).
  for (const m of text.matchAll(
    /(?<![а-яё])с\s+(\d{1,2})(?:[:.](\d{2}))?\s*(?:ч\.?\s*)?до\s+(\d{1,2})(?:[:.](\d{2}))?(?![\d:]|\.\d)\s*(ч(?:ас(?:а|ов)?)?\.?(?![а-яё]))?/gi,
  )) {
    const clock = m[2] !== undefined || m[4] !== undefined || m[5] !== undefined;
    if (!clock) continue; // «с 9 до 13» alone could be days
    const from = Number(m[1]) + Number(m[2] ?? 0) / 60;
    const to = Number(m[3]) + Number(m[4] ?? 0) / 60;
    if (from > 24 || to > 24 || to <= from || Number(m[2] ?? 0) > 59 || Number(m[4] ?? 0) > 59) continue;
    const hours = Math.round((to - from) * 100) / 100;
    // «4 часа (с 14:00 до 18:00)»: the span confirms the figure; a different figure stays beside it.
    if (out.some((h) => h.hours === hours || (h.start < m.index + m[0].length && m.index < h.end))) continue;
    out.push({ hours, start: m.index, end: m.index + m[0].length, each: false });
  }
  return out.sort((a, b) => a.start - b.start);
}
