export interface HoursMention {
  hours: number;
  start: number;
  end: number;
  /** «по 4 часа»: the same hours on each listed day. */
  each: boolean;
}

/** «4 часа», «3,5 ч», «4ч.», «2 часов» — hours worked. */
export function findHours(text: string): HoursMention[] {
  const out: HoursMention[] = [];
  for (const m of text.matchAll(
    /(по\s+)?(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:ч(?:ас(?:а|ов)?)?\.?)(?![а-яё])/gi,
  )) {
    const hours = Number(m[2]!.replace(',', '.'));
    if (hours > 24) continue;
    out.push({ hours, start: m.index, end: m.index + m[0].length, each: Boolean(m[1]) });
  }
  return out;
}
