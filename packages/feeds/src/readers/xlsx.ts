import { Readable } from 'node:stream';
import { rowMapper } from '@uii/domain';
import ExcelJS from 'exceljs';
import { FeedUnreadableError } from '../errors';
import type { RawRecord } from '../records';
import type { HeaderSpec, ReadInfo } from './info';

/** A cell as plain data: rich text and hyperlinks as their text, formulas as their result, dates as ISO. */
function cellValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
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
  let mapper: ReturnType<typeof rowMapper> | undefined;
  try {
    for await (const worksheet of reader) {
      const sheet = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
      info.sheet = sheet.name;
      for await (const row of sheet) {
        const cells = (row.values as unknown[]).slice(1).map(cellValue);
        if (!mapper) {
          if (cells.every((c) => c === undefined || c === '')) continue;
          const headers = cells.map((c) => String(c ?? ''));
          mapper = header ? header.mapper(headers) : rowMapper(headers);
          info.ignoredColumns = mapper.ignored;
          const refused = header
            ? header.refuse(mapper.known, headers)
            : mapper.known.includes('id')
              ? undefined
              : `на первом листе нет столбца id/«Идентификатор» (найдены: ${cells.slice(0, 8).join(', ')}); см. docs/feeds.md`;
          if (refused) throw new FeedUnreadableError(refused);
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
    throw new FeedUnreadableError(`файл Excel не читается: ${(error as Error).message}`, { cause: error });
  }
  if (!mapper) throw new FeedUnreadableError('на первом листе Excel нет строки заголовка');
}
