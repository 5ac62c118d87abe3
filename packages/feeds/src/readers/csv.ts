import { rowMapper } from '@uii/domain';
import { parse } from 'csv-parse';
import { FeedUnreadableError } from '../errors';
import { FeedTruncatedError, type RawRecord } from '../records';
import { HEADER_SEARCH_ROWS, type HeaderSpec, type ReadInfo } from './info';

const DELIMITERS = ['|', ';', ',', '\t'] as const;

/**
 * The delimiter of the file, from its first lines: the one a single line uses most (outside
 * quotes), so a title line above the header («Вакансии на 01.11.2026») does not decide it.
 */
export function detectDelimiterOf(lines: readonly string[]): string {
  let best = ',';
  let bestCount = 0;
  for (const line of lines) {
    const d = detectDelimiter(line);
    const n = line.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

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
 * Delimited text (`|`, `;`, `,` or tab) with a header row, found within the first
 * HEADER_SEARCH_ROWS rows. Rows are numbered as a spreadsheet shows them — by records, not
 * physical lines: a quoted cell with a line break is one row, and empty lines count.
 */
export async function* readCsv(
  text: AsyncIterable<string>,
  info: ReadInfo,
  header?: HeaderSpec,
): AsyncGenerator<RawRecord[]> {
  const iterator = text[Symbol.asyncIterator]();
  let head = '';
  const early: string[] = [];
  while (head.split('\n').length <= HEADER_SEARCH_ROWS && head.length < 256 * 1024) {
    const next = await iterator.next();
    if (next.done) break;
    early.push(next.value);
    head += next.value;
  }
  const firstLines = head
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(0, HEADER_SEARCH_ROWS);
  info.delimiter = detectDelimiterOf(firstLines);

  const parser = parse({
    delimiter: info.delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
    info: true,
  });
  // Records and errors are collected synchronously per written chunk: async-iterating the
  // stream would drop records already parsed when a later error (unclosed quote) destroys it.
  let pending: RawRecord[] = [];
  let failure: Error | undefined;
  let ended = false;
  let mapper: (ReturnType<HeaderSpec['mapper']> & { labels?: Map<string, string> }) | undefined;
  // The refusal of the row that looked most like a header (most known columns).
  let bestRefusal: { known: number; why: string } | undefined;
  let lastLine = 0;
  let excelRow = 0;
  let firstNonEmpty: string[] | undefined;
  parser.on('data', ({ record }: { record: string[] }) => {
    if (failure) return;
    excelRow++;
    lastLine = excelRow;
    const empty = record.every((cell) => cell === '');
    if (!mapper) {
      if (empty) return;
      firstNonEmpty ??= record;
      const candidate = header ? header.mapper(record) : rowMapper(record);
      const refused = header ? header.refuse(candidate.known, record) : undefined;
      if (refused && (!bestRefusal || candidate.known.length > bestRefusal.known))
        bestRefusal = { known: candidate.known.length, why: refused };
      if (header ? refused : !candidate.known.includes('id')) {
        if (excelRow >= HEADER_SEARCH_ROWS)
          failure = bestRefusal ? new FeedUnreadableError(bestRefusal.why) : noHeader(firstNonEmpty);
        return;
      }
      mapper = candidate;
      info.ignoredColumns = mapper.ignored;
      info.labels = mapper.labels;
      info.headerSeen = true;
      return;
    }
    if (empty) return;
    pending.push({ row: excelRow, value: mapper.toRecord(record) });
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
  if (!mapper && !failure && firstNonEmpty)
    failure = bestRefusal ? new FeedUnreadableError(bestRefusal.why) : noHeader(firstNonEmpty);
  yield* flush();
}

function noHeader(first: readonly string[]): FeedUnreadableError {
  return new FeedUnreadableError(
    `в первых ${HEADER_SEARCH_ROWS} строках нет строки заголовка со столбцом «Идентификатор» (id); ` +
      `первая непустая строка: ${first.filter(Boolean).slice(0, 8).join(', ')}`,
  );
}

function asFeedError(error: Error, lastLine: number): Error {
  if (error instanceof FeedUnreadableError) return error;
  const code = (error as { code?: string }).code;
  const why = code === 'CSV_QUOTE_NOT_CLOSED' ? 'незакрытая кавычка' : 'нарушена разметка CSV';
  return new FeedTruncatedError(
    lastLine + 1,
    `файл обрывается или нарушен после строки ${lastLine}: ${why}`,
    {
      cause: error,
    },
  );
}
