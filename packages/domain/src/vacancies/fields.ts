import { z } from 'zod';

/**
 * Field schemas that accept what real feeds carry (numbers as strings in CSV and XML, `1`/`да`
 * for flags, Russian dates from Excel) and turn it into one type, with Russian messages.
 * Built once at module load: no schema or closure is created per record.
 */

const nothing = (v: unknown) => v === undefined || v === null || v === '';

/** Optional text: strings and numbers (INN sent as a number) become trimmed strings; empty → absent. */
export const optText = z
  .unknown()
  .transform((v, ctx): string | undefined => {
    if (nothing(v)) return undefined;
    if (typeof v === 'string') return v.trim() || undefined;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    ctx.issues.push({ code: 'custom', input: v, message: `ожидается текст, получено: ${kind(v)}` });
    return z.NEVER;
  })
  .optional();

/** Required text. */
export const reqText = z.unknown().transform((v, ctx): string => {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number') return String(v);
  ctx.issues.push({
    code: 'custom',
    input: v,
    message:
      nothing(v) || (typeof v === 'string' && !v.trim())
        ? 'обязательное поле не заполнено'
        : `ожидается текст, получено: ${kind(v)}`,
  });
  return z.NEVER;
});

const NUMBER_TEXT = /^[+-]?\d+(?:[.,]\d+)?$/;

/** Optional number: `56.48`, `"56,48"`, `"35 000"` → number; empty → absent. */
export const optNumber = z
  .unknown()
  .transform((v, ctx): number | undefined => {
    if (nothing(v)) return undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string') {
      const t = v.replace(/[\s\u00a0]/g, '');
      if (t === '') return undefined;
      if (NUMBER_TEXT.test(t)) return Number(t.replace(',', '.'));
    }
    ctx.issues.push({ code: 'custom', input: v, message: `ожидается число, получено: ${kind(v)}` });
    return z.NEVER;
  })
  .optional();

/** Words around a salary figure: «от 30 000 руб.», «до 50 тыс. ₽ в месяц», «30 000 – 40 000 р.». */
const SALARY_WORDS =
  /^(?:от|до|з\/п|зп|оклад|руб(?:лей|ля|\.)?|р\.?|₽|rub|rur|тыс\.?|в\s+месяц|\/\s*мес\.?|мес\.?|на\s+руки|[\s.,:–—-]|\d)+$/i;
const NOT_STATED = /^(?:договорн|по\s+договор|по\s+результатам|не\s+указ|не\s+огранич|сдельн|—|-|нет)/i;

/**
 * An optional salary bound. Numbers as in optNumber; text as clerks type it: «от 30 000 руб.»
 * → 30000 (the first figure for a minimum, the last for a maximum), «30 тыс.» → 30000;
 * «договорная», «по договорённости», «не указана» → not stated. An optional field never costs
 * the row: other text with no figure is read as not stated too.
 */
function salaryBound(which: 'min' | 'max') {
  return z
    .unknown()
    .transform((v, ctx): number | undefined => {
      if (nothing(v)) return undefined;
      if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : undefined;
      if (typeof v !== 'string') {
        ctx.issues.push({ code: 'custom', input: v, message: `ожидается сумма, получено: ${kind(v)}` });
        return z.NEVER;
      }
      const t = v.replace(/\u00a0/g, ' ').trim();
      if (t === '' || NOT_STATED.test(t)) return undefined;
      const compact = t.replace(/(\d)\s+(?=\d{3}\b)/g, '$1');
      if (NUMBER_TEXT.test(compact.replace(/\s/g, '')))
        return Number(compact.replace(/\s/g, '').replace(',', '.'));
      if (!SALARY_WORDS.test(t)) return undefined;
      const figures = [...compact.matchAll(/\d+(?:[.,]\d+)?/g)].map((m) => Number(m[0].replace(',', '.')));
      if (!figures.length) return undefined;
      const thousands = /тыс/i.test(t) ? 1000 : 1;
      return (which === 'min' ? figures[0]! : figures[figures.length - 1]!) * thousands;
    })
    .optional();
}
export const optSalaryMin = salaryBound('min');
export const optSalaryMax = salaryBound('max');

const TRUE = new Set(['true', '1', 'да', 'yes', 'y', 'истина', '+']);
const FALSE = new Set(['false', '0', 'нет', 'no', 'n', 'ложь', '-']);

/** Optional flag: booleans, 1/0, «да»/«нет», true/false in any case. */
export const optFlag = z
  .unknown()
  .transform((v, ctx): boolean | undefined => {
    if (nothing(v)) return undefined;
    if (typeof v === 'boolean') return v;
    const t = String(v).trim().toLowerCase();
    if (TRUE.has(t)) return true;
    if (FALSE.has(t)) return false;
    ctx.issues.push({
      code: 'custom',
      input: v,
      message: `ожидается да/нет (true/false), получено: ${kind(v)}`,
    });
    return z.NEVER;
  })
  .optional();

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const RU_DATE = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Optional date or date-time → ISO 8601: a date stays `YYYY-MM-DD`; a date-time becomes UTC
 * (`2026-11-10T09:15:00+0300` → `2026-11-10T06:15:00.000Z`); a time without zone is Moscow time.
 */
export const optDate = z
  .unknown()
  .transform((v, ctx): string | undefined => {
    if (nothing(v)) return undefined;
    const iso = toIsoDate(v);
    if (iso) return iso;
    ctx.issues.push({
      code: 'custom',
      input: v,
      message: `ожидается дата (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ), получено: ${kind(v)}`,
    });
    return z.NEVER;
  })
  .optional();

export function toIsoDate(v: unknown): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  if (typeof v !== 'string') return undefined;
  const fast = rostrudDateTime(v);
  if (fast !== undefined) return fast;
  const t = v.trim();
  let m = ISO_DATE.exec(t);
  if (m) return validDay(+m[1]!, +m[2]!, +m[3]!) ? t : undefined;
  m = ISO_DATETIME.exec(t);
  if (m) {
    if (!validDay(+m[1]!, +m[2]!, +m[3]!)) return undefined;
    const zone = m[7] ? (m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].slice(-2)}`) : '+03:00';
    const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  m = RU_DATE.exec(t);
  if (m) {
    if (!validDay(+m[3]!, +m[2]!, +m[1]!)) return undefined;
    if (m[4] === undefined) return `${m[3]}-${m[2]}-${m[1]}`;
    return new Date(
      Date.parse(`${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}:${m[6] ?? '00'}+03:00`),
    ).toISOString();
  }
  return undefined;
}

const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22, 23];
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const num2 = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/**
 * The portal's own shape, `2026-11-10T09:15:00+0300`, parsed by hand: it is on every record,
 * and a regex plus Date.parse per record showed in the benchmark profile. Anything else → undefined.
 */
function rostrudDateTime(s: string): string | undefined {
  if (s.length !== 24 || s.charCodeAt(10) !== 84 /* T */) return undefined;
  const sign = s.charCodeAt(19);
  if (sign !== 43 && sign !== 45) return undefined;
  for (let k = 0; k < DIGIT_AT.length; k++) {
    const d = digit(s, DIGIT_AT[k]!);
    if (d < 0 || d > 9) return undefined;
  }
  if (s[4] !== '-' || s[7] !== '-' || s[13] !== ':' || s[16] !== ':') return undefined;
  const y = num2(s, 0) * 100 + num2(s, 2);
  const mo = num2(s, 5);
  const d = num2(s, 8);
  const h = num2(s, 11);
  const mi = num2(s, 14);
  const sec = num2(s, 17);
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || sec > 59) return undefined;
  const offset = (sign === 43 ? 1 : -1) * (num2(s, 20) * 60 + num2(s, 22));
  // Same UTC day (the usual case): only hours and minutes change, the date is copied.
  const utcMinutes = h * 60 + mi - offset;
  if (utcMinutes >= 0 && utcMinutes < 1440) {
    return `${s.slice(0, 11)}${TWO_DIGITS[(utcMinutes / 60) | 0]}:${TWO_DIGITS[utcMinutes % 60]}${s.slice(16, 19)}.000Z`;
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, sec) - offset * 60_000).toISOString();
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDay(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[mo - 1]! + (leap ? 1 : 0);
}

/** How a wrong value is described in a message: its type and a short excerpt (never a long text). */
export function kind(v: unknown): string {
  if (v === undefined || v === null) return 'пусто';
  if (Array.isArray(v)) return 'список';
  if (typeof v === 'object') return 'объект';
  const s = String(v);
  return `«${s.length > 40 ? `${s.slice(0, 40)}…` : s}»`;
}

/** Vacancy ids are UUIDs or registry numbers; a longer one is a broken row, not an id. */
export const MAX_VACANCY_ID_LENGTH = 200;
export const vacancyId = reqText.refine((id) => id.length <= MAX_VACANCY_ID_LENGTH, {
  message: `слишком длинный id (более ${MAX_VACANCY_ID_LENGTH} символов) / id too long`,
});
