import { rowMapper } from '@uii/domain';
import { parse } from 'csv-parse';
import { FeedUnreadableError } from '../errors';
import { FeedTruncatedError, type RawRecord } from '../records';
import type { HeaderSpec, ReadInfo } from './info';

const DELIMITERS = ['|', ';', ',', '\t'] as const;

/** The delimiter the header line uses most (outside quotes): `|` in the Rostrud dump, `;` from Russian Excel. */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ',';
  let bestCount = 0;
  for (const [d, n] of counts) {
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Delimited text (`|`, `;`, `,` or tab) with a header row. Rows are numbered as a spreadsheet
 * shows them: the header is row 1, the first vacancy row 2.
 */
export async function* readCsv(
  text: AsyncIterable<string>,
  info: ReadInfo,
  header?: HeaderSpec,
): AsyncGenerator<RawRecord[]> {
  const iterator = text[Symbol.asyncIterator]();
  let head = '';
  const early: string[] = [];
  while (!head.includes('\n')) {
    const next = await iterator.next();
    if (next.done) break;
    early.push(next.value);
    head += next.value;
  }
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  info.delimiter = detectDelimiter(firstLine);

  const parser = parse({
    delimiter: info.delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  });
  // Records and errors are collected synchronously per written chunk: async-iterating the
  // stream would drop records already parsed when a later error (unclosed quote) destroys it.
  let pending: RawRecord[] = [];
  let failure: Error | undefined;
  let ended = false;
  let mapper: ReturnType<typeof rowMapper> | undefined;
  let lastLine = 0;
  parser.on('data', ({ record, info: at }: { record: string[]; info: { lines: number } }) => {
    if (failure) return;
    lastLine = at.lines;
    if (!mapper) {
      mapper = header ? header.mapper(record) : rowMapper(record);
      info.ignoredColumns = mapper.ignored;
      const refused = header
        ? header.refuse(mapper.known, record)
        : mapper.known.includes('id')
          ? undefined
          : `в строке заголовка нет столбца id (найдены: ${record.slice(0, 8).join(', ')}); см. docs/feeds.md`;
      if (refused) {
        failure = new FeedUnreadableError(refused);
        return;
      }
      info.headerSeen = true;
      return;
    }
    if (record.every((cell) => cell === '')) return;
    pending.push({ row: at.lines, value: mapper.toRecord(record) });
  });
  parser.on('error', (error) => {
    failure ??= error;
  });
  const done = new Promise<void>((resolve) => {
    parser.on('end', () => {
      ended = true;
      resolve();
    });
    parser.on('close', resolve);
  });

  const flush = function* () {
    if (pending.length) {
      const out = pending;
      pending = [];
      yield out;
    }
    if (failure) throw asFeedError(failure, lastLine);
  };

  for (const piece of early) {
    parser.write(piece);
    yield* flush();
  }
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    parser.write(next.value);
    yield* flush();
  }
  parser.end();
  if (!ended && !failure) await done;
  yield* flush();
}

function asFeedError(error: Error, lastLine: number): Error {
  if (error instanceof FeedUnreadableError) return error;
  const code = (error as { code?: string }).code;
  const why = code === 'CSV_QUOTE_NOT_CLOSED' ? 'незакрытая кавычка' : error.message;
  return new FeedTruncatedError(
    lastLine + 1,
    `файл обрывается или нарушен после строки ${lastLine}: ${why}`,
    {
      cause: error,
    },
  );
}
