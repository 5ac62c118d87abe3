import { detectFeed, type FeedFormat } from './detect';
import type { TextEncoding } from './encoding';
import { FeedTooLargeError, FeedUnreadableError } from './errors';
import { deepUtf8FromLatin1 } from './latin1';
import type { HeaderSpec, ReadInfo } from './readers/info';
import { readJson, readJsonLines } from './readers/json';
import { FeedTruncatedError, type RawRecord } from './records';
import { type ByteSource, MeteredSource } from './source';
import { textChunks, utf8Chunks } from './text';

export type { HeaderSpec } from './readers/info';

export interface TableRead {
  format: FeedFormat;
  encoding: TextEncoding;
  rows: RawRecord[];
  ignoredColumns: string[];
  headerOnly: boolean;
  /** The file stops in the middle: rows before the cut are kept, this is the file-level note. */
  truncated?: { row: number; message: string };
  bytes: number;
  hash?: string;
}

/**
 * A small table other than a vacancy feed (a municipality's proposal of places) read by the
 * feed machinery: the same format and encoding detection, CSV/XLSX readers with another header
 * mapping, JSON arrays or JSON Lines of objects. Whole-file problems throw FeedUnreadableError.
 */
export async function readTable(
  input: ByteSource,
  spec: HeaderSpec & {
    /** A JSON record (object) to the flat record the rows are validated as. */
    fromObject: (value: unknown) => Record<string, unknown> | undefined;
    maxBytes?: number;
    maxRows?: number;
  },
): Promise<TableRead> {
  const source = new MeteredSource(input, spec.maxBytes ?? 20 * 1024 ** 2, true);
  const head = await source.peek(64 * 1024);
  const { format, encoding } = detectFeed(head);
  if (format === 'xml')
    throw new FeedUnreadableError('XML не поддерживается для этого файла: пришлите CSV, Excel или JSON');
  if (format === 'rostrud-json')
    throw new FeedUnreadableError('JSON: ожидается массив объектов [{…}, …] (одна запись — одно место)');
  const info: ReadInfo = {};
  const chunks = source.chunks();
  const batches =
    format === 'csv'
      ? (await import('./readers/csv')).readCsv(textChunks(chunks, encoding), info, spec)
      : format === 'xlsx'
        ? (await import('./readers/xlsx')).readXlsx(chunks, info, spec)
        : format === 'jsonl'
          ? readJsonLines(utf8Chunks(chunks, encoding))
          : readJson(utf8Chunks(chunks, encoding), 'array');
  const rows: RawRecord[] = [];
  let truncated: TableRead['truncated'];
  const json = format !== 'csv' && format !== 'xlsx';
  try {
    for await (const batch of batches) {
      for (const r of batch) {
        if (rows.length >= (spec.maxRows ?? 10_000))
          throw new FeedTooLargeError(`в файле больше ${spec.maxRows ?? 10_000} строк`);
        if (!json || r.error) {
          rows.push(r);
          continue;
        }
        const value = spec.fromObject(r.latin1 ? deepUtf8FromLatin1(r.value) : r.value);
        rows.push(
          value
            ? { row: r.row, value }
            : { row: r.row, error: { field: '(запись)', message: 'запись должна быть объектом' } },
        );
      }
    }
  } catch (error) {
    if (!(error instanceof FeedTruncatedError)) throw error;
    truncated = { row: error.row, message: error.message };
  }
  return {
    format,
    encoding,
    rows,
    ignoredColumns: info.ignoredColumns ?? [],
    headerOnly: rows.length === 0 && info.headerSeen === true,
    truncated,
    bytes: source.bytes,
    hash: source.digest(),
  };
}
