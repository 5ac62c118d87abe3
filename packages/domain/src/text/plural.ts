/** The three Russian forms of a noun: for 1, for 2–4, for 5–20 («день», «дня», «дней»). */
export type PluralForms = readonly [one: string, few: string, many: string];

/**
 * The Russian plural agreeing with a number: «1 день», «2 дня», «5 дней», «11 дней», «21 день».
 * The one implementation for every message (alerts, receipts, letters, the web, the CLI).
 */
export function plural(n: number, forms: PluralForms): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return forms[2];
  if (b === 1) return forms[0];
  if (b >= 2 && b <= 4) return forms[1];
  return forms[2];
}

/** An integer as Russian text sets it: thousands apart by a no-break space («26 323», «1 500»). */
const RU_INT = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });
export const ruInt = (n: number): string => RU_INT.format(n);

/** The number with its agreed noun: «3 записи», «26 323 дня». */
export const countRu = (n: number, forms: PluralForms): string => `${ruInt(n)} ${plural(n, forms)}`;

/** The English count with its noun: «1 day», «26,323 days». */
export const enCount = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-GB')} ${Math.abs(n) === 1 ? one : many}`;

export const DAYS: PluralForms = ['день', 'дня', 'дней'];
export const WORKING_DAYS: PluralForms = ['рабочий день', 'рабочих дня', 'рабочих дней'];
/** After «из»: «из 1 рабочего дня», «из 20 рабочих дней», «из 21 рабочего дня». */
export const OF_WORKING_DAYS: PluralForms = ['рабочего дня', 'рабочих дней', 'рабочих дней'];
