/** Russian plural forms: plural(1, ['день','дня','дней']) → «день», 2 → «дня», 5 → «дней». */
export function plural(n: number, forms: readonly [string, string, string]): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return forms[2];
  if (b === 1) return forms[0];
  if (b >= 2 && b <= 4) return forms[1];
  return forms[2];
}

export const count = (n: number, forms: readonly [string, string, string]) => `${n} ${plural(n, forms)}`;

export const DAYS: readonly [string, string, string] = ['день', 'дня', 'дней'];
export const WORKING_DAYS: readonly [string, string, string] = [
  'рабочий день',
  'рабочих дня',
  'рабочих дней',
];
export const PLACES: readonly [string, string, string] = ['место', 'места', 'мест'];
export const WORKPLACES: readonly [string, string, string] = [
  'рабочее место',
  'рабочих места',
  'рабочих мест',
];

export const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Plain text paragraphs (blank-line separated) as simple HTML. */
export function textToHtml(text: string): string {
  const body = text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('\n');
  return `<!doctype html><html lang="ru"><body style="font-family:sans-serif">\n${body}\n</body></html>`;
}
