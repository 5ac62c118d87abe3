/**
 * EventBridge Scheduler expressions: `cron(min hour dom month dow year)`, `rate(n unit)` and
 * `at(yyyy-mm-ddThh:mm:ss)`, evaluated in the schedule's time zone.
 */

export class ScheduleExpressionError extends Error {
  override readonly name = 'ScheduleExpressionError';
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface LocalTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 1 = SUN … 7 = SAT (AWS numbering)
  daysInMonth: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function zoneFields(at: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
}

/** The zone's UTC offset at `at`; Intl is slow, so one answer serves a whole UTC day without a change. */
const offsets = new Map<string, number | null>();
function offsetAt(at: number, timeZone: string): number {
  const minute = Math.floor(at / 60_000) * 60_000;
  const day = Math.floor(at / 86_400_000) * 86_400_000;
  const key = `${timeZone}|${day}`;
  let cached = offsets.get(key);
  if (cached === undefined) {
    const start = zoneFields(new Date(day), timeZone) - day;
    const end = zoneFields(new Date(day + 86_340_000), timeZone) - (day + 86_340_000);
    cached = start === end ? start : null; // null: the offset changes this day (DST)
    if (offsets.size > 5000) offsets.clear();
    offsets.set(key, cached);
  }
  return cached ?? zoneFields(new Date(minute), timeZone) - minute;
}

function localTime(at: Date, timeZone: string): LocalTime {
  const local = new Date(at.getTime() + offsetAt(at.getTime(), timeZone));
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  return {
    year,
    month,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: local.getUTCDay() + 1,
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
}

type FieldMatcher = (value: number, t: LocalTime) => boolean;

function parseField(field: string, min: number, max: number, names: string[] = [], base = min): FieldMatcher {
  if (field === '*' || field === '?') return () => true;
  const toNumber = (s: string) => {
    const named = names.indexOf(s.toUpperCase());
    const n = named >= 0 ? named + base : Number(s);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new ScheduleExpressionError(`bad cron value "${s}"`);
    return n;
  };
  const parts: FieldMatcher[] = field.split(',').map((part) => {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    if (!range) throw new ScheduleExpressionError(`bad cron field "${field}"`);
    if (range === '*') return (v) => (v - min) % step === 0;
    if (range.includes('-')) {
      const [a, b] = range.split('-').map(toNumber) as [number, number];
      return (v) => v >= a && v <= b && (v - a) % step === 0;
    }
    const start = toNumber(range);
    return stepText ? (v) => v >= start && (v - start) % step === 0 : (v) => v === start;
  });
  return (v, t) => parts.some((p) => p(v, t));
}

function parseDayOfMonth(field: string): FieldMatcher {
  if (field === 'L') return (v, t) => v === t.daysInMonth;
  if (/^\d+W$/.test(field)) {
    // Nearest weekday to the given day, within the month.
    const target = Number(field.slice(0, -1));
    return (v, t) => {
      const day = Math.min(target, t.daysInMonth);
      const weekdayOf = (d: number) => (((t.weekday - 1 + (d - t.day)) % 7) + 7) % 7; // 0 = SUN
      let nearest = day;
      const w = weekdayOf(day);
      if (w === 6) nearest = day === 1 ? 3 : day - 1;
      else if (w === 0) nearest = day === t.daysInMonth ? day - 2 : day + 1;
      return v === nearest;
    };
  }
  return parseField(field, 1, 31);
}

function parseDayOfWeek(field: string): FieldMatcher {
  const nth = /^(\w+)#(\d)$/.exec(field);
  if (nth) {
    const day = parseField(nth[1]!, 1, 7, DAYS, 1);
    const n = Number(nth[2]);
    return (v, t) => day(v, t) && Math.ceil(t.day / 7) === n;
  }
  const last = /^(\w+)L$/.exec(field);
  if (last) {
    const day = parseField(last[1]!, 1, 7, DAYS, 1);
    return (v, t) => day(v, t) && t.day + 7 > t.daysInMonth;
  }
  if (field === 'L') return (v) => v === 7;
  return parseField(field, 1, 7, DAYS, 1);
}

export interface Schedule {
  /** Every run time strictly after `from` and at or before `to`, in order. */
  between(from: Date, to: Date): Date[];
}

export function parseScheduleExpression(expression: string, timeZone = 'UTC'): Schedule {
  const at = /^at\((.+)\)$/.exec(expression.trim());
  if (at) {
    const when = zonedToUtc(at[1]!, timeZone);
    return { between: (from, to) => (when > from && when <= to ? [when] : []) };
  }
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const unit = rate[2]!.startsWith('minute')
      ? 60_000
      : rate[2]!.startsWith('hour')
        ? 3_600_000
        : 86_400_000;
    const every = Number(rate[1]) * unit;
    return {
      between: (from, to) => {
        const out: Date[] = [];
        for (let t = Math.floor(from.getTime() / every) * every + every; t <= to.getTime(); t += every)
          out.push(new Date(t));
        return out;
      },
    };
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) throw new ScheduleExpressionError(`unsupported schedule expression "${expression}"`);
  const fields = cron[1]!.trim().split(/\s+/);
  if (fields.length !== 6) throw new ScheduleExpressionError(`cron needs 6 fields: "${expression}"`);
  const [mi, ho, dom, mo, dow, yr] = fields as [string, string, string, string, string, string];
  const minute = parseField(mi, 0, 59);
  const hour = parseField(ho, 0, 23);
  const dayOfMonth = parseDayOfMonth(dom);
  const month = parseField(mo, 1, 12, MONTHS, 1);
  const dayOfWeek = parseDayOfWeek(dow);
  const year = parseField(yr, 1970, 2199);
  const matches = (t: LocalTime) =>
    minute(t.minute, t) &&
    hour(t.hour, t) &&
    month(t.month, t) &&
    year(t.year, t) &&
    dayOfMonth(t.day, t) &&
    dayOfWeek(t.weekday, t);
  return {
    between: (from, to) => {
      const out: Date[] = [];
      // Minute by minute is plain and fast enough for the jumps the local clock makes (a year ≈ 0.5 M steps).
      let t = Math.floor(from.getTime() / 60_000) * 60_000 + 60_000;
      for (; t <= to.getTime(); t += 60_000) {
        const local = localTime(new Date(t), timeZone);
        if (!hour(local.hour, local)) {
          t += (59 - local.minute) * 60_000; // skip to the next hour
          continue;
        }
        if (matches(local)) out.push(new Date(t));
      }
      return out;
    },
  };
}

/** `2026-03-01T06:00:00` read as wall time in `timeZone`. */
export function zonedToUtc(local: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local);
  if (!m) throw new ScheduleExpressionError(`bad local time "${local}"`);
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1) as string[];
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Correct by the zone's offset at that moment (twice, for offsets that change around it).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const t = localTime(new Date(guess), timeZone);
    const shown = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
    guess = asUtc - (shown - Math.floor(guess / 60_000) * 60_000);
  }
  return new Date(guess);
}
