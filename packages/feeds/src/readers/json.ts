import { FeedUnreadableError } from '../errors';
import { JsonRecordSplitter, JsonStructureError, JsonTruncatedError, type SplitMode } from '../json-splitter';
import { FeedTruncatedError, type RawRecord } from '../records';

/** The Rostrud envelope wraps each record as `{"vacancy": {…}}`; plain arrays and JSONL may not. */
function unwrap(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'vacancy' in value) {
    const inner = (value as { vacancy: unknown }).vacancy;
    if (typeof inner === 'object' && inner !== null) return inner;
  }
  return value;
}

/**
 * JSON.parse's and the splitter's English messages in the clerk's language: «Unterminated string
 * in JSON at position 534» → «незакрытая кавычка в строке (символ 534)».
 */
export function jsonErrorRu(message: string): string {
  const at = /position (\d+)/.exec(message)?.[1];
  const where = at ? ` (символ ${Number(at) + 1})` : '';
  if (/Unterminated string/i.test(message)) return `незакрытая кавычка в строке${where}`;
  if (/Unexpected end|end of (JSON )?input|ends inside/i.test(message)) return 'запись обрывается';
  if (/Bad control character/i.test(message)) return `недопустимый управляющий символ внутри строки${where}`;
  if (/Bad escaped character|escape/i.test(message)) return `неверная escape-последовательность${where}`;
  if (/Expected ',' or '\}'/.test(message)) return `пропущена запятая или закрывающая скобка «}»${where}`;
  if (/Expected ',' or '\]'/.test(message)) return `пропущена запятая или закрывающая скобка «]»${where}`;
  if (/Expected property name|double-quoted property/i.test(message))
    return `ожидалось имя поля в двойных кавычках${where}`;
  if (/Expected ':'/.test(message)) return `пропущено двоеточие после имени поля${where}`;
  if (/no "[^"]+" array/.test(message)) return 'нет списка results.vacancies';
  const token = /Unexpected (?:token|character|non-whitespace character)\s*'?([^',\s]*)'?/.exec(message);
  if (token) return `неожиданный символ${token[1] ? ` «${token[1]}»` : ''}${where}`;
  const quoted = /unexpected '(.)'/.exec(message);
  if (quoted) return `неожиданный символ «${quoted[1]}»${where}`;
  return `нарушен синтаксис JSON${where}`;
}

function parseRecord(text: string, row: number): RawRecord {
  try {
    return { row, value: unwrap(JSON.parse(text)) };
  } catch (error) {
    return {
      row,
      error: { field: '(запись)', message: `некорректный JSON: ${jsonErrorRu((error as Error).message)}` },
    };
  }
}

/**
 * Records lying wholly inside one input chunk, copied side by side into one scratch buffer as
 * `[r1,r2,…]` so that one UTF-8 decode and one native `JSON.parse` serve hundreds of records:
 * per-record decode and parse calls cost as much as the whole-file parse (measured). Any
 * failure falls back to parsing the batch record by record, so a broken record gets exactly the
 * error it would get alone and its neighbours are unaffected.
 */
export class RecordSliceBatch {
  private scratch = Buffer.allocUnsafe(1 << 20);
  /** Offsets of each record's bytes in `scratch`: [start0, end0, start1, end1, …]. */
  private bounds: number[] = [];
  private used = 1;

  get size(): number {
    return this.bounds.length >> 1;
  }

  get bytes(): number {
    return this.used;
  }

  add(chunk: Buffer, start: number, end: number): void {
    const need = this.used + (end - start) + 1;
    if (need > this.scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.scratch.length * 2));
      this.scratch.copy(bigger, 0, 0, this.used);
      this.scratch = bigger;
    }
    const at = this.used;
    chunk.copy(this.scratch, at, start, end);
    this.used = at + (end - start);
    this.bounds.push(at, this.used);
    this.scratch[this.used++] = 0x2c; // ','
  }

  /** Parses the batch into `out` with rows `firstRow`, `firstRow + 1`, …; returns the count. */
  flush(firstRow: number, out: RawRecord[]): number {
    const count = this.size;
    if (count === 0) return 0;
    const scratch = this.scratch;
    scratch[0] = 0x5b; // '['
    scratch[this.used - 1] = 0x5d; // ']' over the last ','
    // Without `\u` escapes the batch can be parsed as latin1 (see latin1.ts); `\\u` merely
    // takes the ordinary path.
    const end = this.used;
    const latin1 = scratch.subarray(0, end).indexOf(ESCAPE_U) === -1;
    let values: unknown;
    try {
      values = JSON.parse(scratch.toString(latin1 ? 'latin1' : 'utf8', 0, end));
    } catch {
      values = undefined;
    }
    if (Array.isArray(values) && values.length === count) {
      for (let i = 0; i < count; i++) {
        out.push({ row: firstRow + i, value: unwrap(values[i]), latin1 });
      }
    } else {
      const b = this.bounds;
      for (let i = 0; i < count; i++) {
        out.push(parseRecord(scratch.toString('utf8', b[2 * i], b[2 * i + 1]), firstRow + i));
      }
    }
    this.bounds.length = 0;
    this.used = 1;
    return count;
  }
}

const ESCAPE_U = Buffer.from('\\u');

/**
 * The records in `chunk[start, end)`, a span that should hold whole records separated by commas,
 * parsed with one `JSON.parse` of `[` + span + `]` into `out` (rows from `firstRow`). Returns
 * their count, or -1 (nothing added) when the span does not parse or holds a value that is not
 * an object or array: the caller then splits it record by record, which reports exactly as before.
 */
export function parseSpan(
  chunk: Buffer,
  start: number,
  end: number,
  firstRow: number,
  out: RawRecord[],
): number {
  const latin1 = chunk.subarray(start, end).indexOf(ESCAPE_U) === -1;
  let values: unknown;
  try {
    values = JSON.parse(`[${chunk.toString(latin1 ? 'latin1' : 'utf8', start, end)}]`);
  } catch {
    return -1;
  }
  if (!Array.isArray(values)) return -1;
  const count = values.length;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (typeof v !== 'object' || v === null) return -1;
  }
  for (let i = 0; i < count; i++) out.push({ row: firstRow + i, value: unwrap(values[i]), latin1 });
  return count;
}

/** Records per batched JSON.parse: big enough to amortise the call, small enough to stay in cache. */
const BATCH_RECORDS = 1024;

/** Records of a Rostrud envelope (`results.vacancies[*].vacancy`) or a top-level array. */
export async function* readJson(chunks: AsyncIterable<Buffer>, mode: SplitMode): AsyncGenerator<RawRecord[]> {
  let batch: RawRecord[] = [];
  let row = 0;
  const slices = new RecordSliceBatch();
  const flushSlices = () => {
    row += slices.flush(row + 1, batch);
  };
  const splitter = new JsonRecordSplitter(
    mode,
    (text) => {
      flushSlices(); // keep file order: earlier slices first
      row++;
      batch.push(parseRecord(text, row));
    },
    (chunk, start, end) => {
      slices.add(chunk, start, end);
      if (slices.size >= BATCH_RECORDS) flushSlices();
    },
    (chunk, start, end) => {
      flushSlices(); // keep file order
      const count = parseSpan(chunk, start, end, row + 1, batch);
      row += Math.max(count, 0);
      return count;
    },
  );
  try {
    for await (const chunk of chunks) {
      splitter.push(chunk);
      flushSlices(); // slices point into this chunk's bytes: parse them before the next read
      if (batch.length) {
        yield batch;
        batch = [];
      }
    }
    splitter.end();
  } catch (error) {
    flushSlices();
    if (batch.length) yield batch;
    if (error instanceof JsonTruncatedError) {
      throw new FeedTruncatedError(
        row + 1,
        `файл обрывается на записи ${row + 1}: ${jsonErrorRu(error.message)}`,
        {
          cause: error,
        },
      );
    }
    if (error instanceof JsonStructureError) {
      if (row > 0) {
        throw new FeedTruncatedError(
          row + 1,
          `после записи ${row} структура JSON нарушена: ${jsonErrorRu(error.message)}`,
          {
            cause: error,
          },
        );
      }
      throw new FeedUnreadableError(`не найден список вакансий в JSON: ${jsonErrorRu(error.message)}`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** JSON Lines: one record per line; a broken line is one bad row. */
export async function* readJsonLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<RawRecord[]> {
  let carry: Buffer | undefined;
  let line = 0;
  for await (const chunk of chunks) {
    const data = carry ? Buffer.concat([carry, chunk]) : chunk;
    const batch: RawRecord[] = [];
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      line++;
      const text = data.toString('utf8', start, nl).trim();
      if (text) batch.push(parseRecord(text, line));
      start = nl + 1;
    }
    carry = start < data.length ? Buffer.from(data.subarray(start)) : undefined;
    if (batch.length) yield batch;
  }
  const last = carry?.toString('utf8').trim();
  if (last) {
    const record = parseRecord(last, line + 1);
    if (record.error) {
      throw new FeedTruncatedError(
        line + 1,
        `последняя строка ${line + 1} оборвана: ${record.error.message}`,
      );
    }
    yield [record];
  }
}
