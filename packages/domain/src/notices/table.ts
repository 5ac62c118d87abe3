import { dayOfHeader } from './grid';
import { fold } from './text';

export type Column = 'name' | 'caseId' | 'date' | 'hours' | 'reason';

/** Header words → columns, Russian and English. First match wins, so order matters. */
const HEADERS: Array<[Column, RegExp]> = [
  ['caseId', /^(№\s*дела|номер\s+дела|дело|личное\s+дело|case(\s*(id|no|number))?)$/],
  [
    'name',
    /^(фио|ф\.\s?и\.\s?о\.?|ф\s?и\s?о|фамилия.*|осужденн.*|работник.*|сотрудник.*|исполнител.*|name|full\s*name|person|employee)(\s+(осужденн|работник|сотрудник|исполнител)[а-я]*)?$/,
  ],
  ['date', /^(дата.*|число|день|date|day)$/],
  [
    'hours',
    /^(час.*|(кол-?во|количество|число)(\s+отработанных)?\s+часов.*|отработано.*|отработанные\s+часы|hours?(\s+worked)?|ч\.?)$/,
  ],
  ['reason', /^(причина.*|примечани.*|отметка|комментари.*|основание|reason|note|notes|comment|remark)$/],
];

export function columnOf(header: string): Column | undefined {
  const h = fold(header)
    .replace(/[*:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [col, re] of HEADERS) if (re.test(h)) return col;
  return undefined;
}

export interface HeaderMap {
  row: number;
  columns: Partial<Record<Column, number>>;
}

/** The first row (of the first ten) that names at least a person column and a date or hours column. */
export function findHeader(rows: readonly string[][]): HeaderMap | undefined {
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const columns: Partial<Record<Column, number>> = {};
    rows[r]!.forEach((cell, i) => {
      const col = columnOf(cell);
      if (col && columns[col] === undefined) columns[col] = i;
    });
    if (
      (columns.name !== undefined || columns.caseId !== undefined) &&
      (columns.date !== undefined || columns.hours !== undefined)
    ) {
      return { row: r, columns };
    }
  }
  return undefined;
}

/** Splits text lines that look like a table (|, ; or tab separated) into cells. */
export function textTableRows(
  lines: readonly string[],
): { rows: string[][]; lineIndexes: number[] } | undefined {
  for (const sep of ['|', ';', '\t']) {
    const idx: number[] = [];
    const rows: string[][] = [];
    lines.forEach((line, i) => {
      if (line.split(sep).length >= 3 && !/^[\s|+=-]+$/.test(line)) {
        const cells = line.split(sep).map((c) => c.trim());
        // Markdown-style | a | b | has empty outer cells.
        if (sep === '|' && cells[0] === '' && cells[cells.length - 1] === '') rows.push(cells.slice(1, -1));
        else rows.push(cells);
        idx.push(i);
      } else if (sep === '|' && /^[\s|:+-]+$/.test(line) && line.includes('|')) {
        idx.push(i);
      }
    });
    if (rows.length >= 2 && (findHeader(rows) || looksLikeGrid(rows))) return { rows, lineIndexes: idx };
  }
  return undefined;
}

/** A month grid (≥ 5 day columns) or a date column beside columns of names: read as a grid. */
export function looksLikeGrid(rows: readonly string[][]): boolean {
  return rows.slice(0, 10).some((row) => {
    if (row.filter((c) => dayOfHeader(c)).length >= 5) return true;
    const date = row.findIndex((c) => columnOf(c) === 'date');
    return date >= 0 && row.filter((c, i) => i !== date && /^[А-ЯЁ][а-яё]+/.test(c.trim())).length >= 1;
  });
}
