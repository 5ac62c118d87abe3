/**
 * Instants as a person in an inspection reads them: «02.12.2026 08:00 (МСК+4)» in the
 * inspection's own time zone (directory setting, Moscow when unset), «… (UTC)» when the
 * inspection is not known. Russian zones are said against Moscow, as offices say them; any
 * other zone as its UTC offset.
 */

const RUSSIAN_ZONES = new Set([
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Simferopol',
  'Europe/Kirov',
  'Europe/Volgograd',
  'Europe/Astrakhan',
  'Europe/Saratov',
  'Europe/Ulyanovsk',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Barnaul',
  'Asia/Tomsk',
  'Asia/Novokuznetsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Chita',
  'Asia/Yakutsk',
  'Asia/Khandyga',
  'Asia/Vladivostok',
  'Asia/Ust-Nera',
  'Asia/Magadan',
  'Asia/Sakhalin',
  'Asia/Srednekolymsk',
  'Asia/Kamchatka',
  'Asia/Anadyr',
]);

const formats = new Map<string, Intl.DateTimeFormat>();
const formatOf = (timeZone: string) => {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formats.set(timeZone, f);
  }
  return f;
};

/** Minutes east of UTC and the wall-clock parts of `at` in `timeZone`. */
function partsAt(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    formatOf(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.timeZoneName ?? '');
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return { ...parts, offset } as Record<string, string> & { offset: number };
}

const utcLabel = (minutes: number) => {
  if (minutes === 0) return 'UTC';
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '−' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
};

/** «МСК», «МСК+4», «МСК−1» for Russian zones; «UTC+05:30» for others. */
export function zoneLabel(at: Date, timeZone: string): string {
  const { offset } = partsAt(at, timeZone);
  if (!RUSSIAN_ZONES.has(timeZone) || offset % 60) return utcLabel(offset);
  const h = offset / 60 - 3;
  return h === 0 ? 'МСК' : `МСК${h > 0 ? '+' : '−'}${Math.abs(h)}`;
}

/** «02.12.2026 08:00 (МСК+4)»; without a zone, UTC said as such: «02.12.2026 01:00 (UTC)». */
export function localTimeRu(iso: string | undefined, timeZone: string | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const zone = timeZone ?? 'UTC';
  const p = partsAt(at, zone);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute} (${timeZone ? zoneLabel(at, zone) : 'UTC'})`;
}
