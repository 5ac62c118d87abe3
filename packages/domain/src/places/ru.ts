import { countRu, type PluralForms } from '../text/plural';

export const count = countRu;

export { DAYS, WORKING_DAYS } from '../text/plural';
export const PLACES: PluralForms = ['место', 'места', 'мест'];
export const WORKPLACES: PluralForms = ['рабочее место', 'рабочих места', 'рабочих мест'];

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
