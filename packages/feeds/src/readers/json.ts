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

function parseRecord(text: string, row: number): RawRecord {
  try {
    return { row, value: unwrap(JSON.parse(text)) };
  } catch (error) {
    return {
      row,
      error: { field: '(запись)', message: `некорректный JSON: ${(error as Error).message.slice(0, 120)}` },
    };
  }
}

/** Records of a Rostrud envelope (`results.vacancies[*].vacancy`) or a top-level array. */
export async function* readJson(chunks: AsyncIterable<Buffer>, mode: SplitMode): AsyncGenerator<RawRecord[]> {
  let batch: RawRecord[] = [];
  let row = 0;
  const splitter = new JsonRecordSplitter(mode, (text) => {
    row++;
    batch.push(parseRecord(text, row));
  });
  try {
    for await (const chunk of chunks) {
      splitter.push(chunk);
      if (batch.length) {
        yield batch;
        batch = [];
      }
    }
    splitter.end();
  } catch (error) {
    if (batch.length) yield batch;
    if (error instanceof JsonTruncatedError) {
      throw new FeedTruncatedError(row + 1, `файл обрывается на записи ${row + 1}: ${error.message}`, {
        cause: error,
      });
    }
    if (error instanceof JsonStructureError) {
      if (row > 0) {
        throw new FeedTruncatedError(
          row + 1,
          `после записи ${row} структура JSON нарушена: ${error.message}`,
          {
            cause: error,
          },
        );
      }
      throw new FeedUnreadableError(`не найден список вакансий в JSON: ${error.message}`, { cause: error });
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
