import { Readable } from 'node:stream';
import { rowMapper } from '@uii/domain';
import ExcelJS from 'exceljs';
import { FeedUnreadableError, UnreadableWorkbookError } from '../errors';
import type { RawRecord } from '../records';
import { HEADER_SEARCH_ROWS, type HeaderSpec, type ReadInfo } from './info';

/** A cell as plain data: rich text and hyperlinks as their text, formulas as their result, dates as ISO. */
function cellValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    // Excel keeps wall-clock time without a zone (exceljs hands it over as if UTC): drop the
    // `Z`, so a date-time follows the same rule as in CSV and JSON (no zone → Moscow time).
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof value !== 'object') return value;
  const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if (v.text !== undefined) return cellValue(v.text);
  if ('result' in v) return cellValue(v.result);
  if (v.error) return undefined;
  return String(value);
}

/**
 * The first sheet of an .xlsx workbook, header in the first non-empty row, read with exceljs's
 * streaming WorkbookReader. Rows are numbered as Excel shows them.
 */
export async function* readXlsx(
  chunks: AsyncIterable<Buffer>,
  info: ReadInfo,
  header?: HeaderSpec,
): AsyncGenerator<RawRecord[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let mapper: (ReturnType<HeaderSpec['mapper']> & { labels?: Map<string, string> }) | undefined;
  // The refusal of the row that looked most like a header (most known columns).
  let bestRefusal: { known: number; why: string } | undefined;
  let firstNonEmpty: unknown[] | undefined;
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets++;
      const sheet = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
      info.sheet = sheet.name;
      for await (const row of sheet) {
        const cells = (row.values as unknown[]).slice(1).map(cellValue);
        if (!mapper) {
          if (cells.every((c) => c === undefined || c === '')) continue;
          firstNonEmpty ??= cells;
          // A title and an empty row may stand above the header (regional exports).
          const headers = cells.map((c) => String(c ?? ''));
          const candidate = header ? header.mapper(headers) : rowMapper(headers);
          const refused = header ? header.refuse(candidate.known, headers) : undefined;
          if (refused && (!bestRefusal || candidate.known.length > bestRefusal.known))
            bestRefusal = { known: candidate.known.length, why: refused };
          if (header ? refused : !candidate.known.includes('id')) {
            if (row.number >= HEADER_SEARCH_ROWS)
              throw bestRefusal ? new FeedUnreadableError(bestRefusal.why) : noHeader(firstNonEmpty);
            continue;
          }
          mapper = candidate;
          info.ignoredColumns = mapper.ignored;
          info.labels = mapper.labels;
          info.headerSeen = true;
          continue;
        }
        if (cells.every((c) => c === undefined || c === '')) continue;
        yield [{ row: row.number, value: mapper.toRecord(cells) }];
      }
      break; // first sheet only
    }
  } catch (error) {
    if (error instanceof FeedUnreadableError) throw error;
    throw new UnreadableWorkbookError(
      'файл Excel (.xlsx) повреждён и не читается; сохраните его в Excel заново',
      'corrupt',
      { cause: error },
    );
  }
  if (!mapper && sheets === 0)
    throw new UnreadableWorkbookError(
      'файл не является книгой Excel (.xlsx): в zip-архиве нет листов',
      'no-sheet',
    );
  if (!mapper) {
    if (bestRefusal) throw new FeedUnreadableError(bestRefusal.why);
    throw firstNonEmpty ? noHeader(firstNonEmpty) : new FeedUnreadableError('первый лист Excel пуст');
  }
}

function noHeader(first: readonly unknown[]): FeedUnreadableError {
  return new FeedUnreadableError(
    `на первом листе в первых ${HEADER_SEARCH_ROWS} строках нет строки заголовка со столбцом «Идентификатор» (id); ` +
      `первая непустая строка: ${first
        .filter((c) => c !== undefined && c !== '')
        .slice(0, 8)
        .join(', ')}`,
  );
}
