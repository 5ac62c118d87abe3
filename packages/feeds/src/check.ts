import {
  DuplicateTally,
  fieldKey,
  normaliseStrictVacancy,
  normaliseVacancy,
  RawVacancy,
  type RowError,
  type Vacancy,
  type VacancyResult,
} from '@uii/domain';
import { containerOf, unpack } from './containers';
import { detectFeed, type FeedFormat } from './detect';
import { declaredXmlEncoding, type TextEncoding } from './encoding';
import { FeedTooLargeError, FeedUnreadableError } from './errors';
import { deepUtf8FromLatin1, MAX_RECORD_DEPTH, nestsDeeperThan, utf8FromLatin1 } from './latin1';
import type { ReadInfo } from './readers/info';
import { readJson, readJsonLines } from './readers/json';
import { FeedTruncatedError, type RawRecord, type RecordBatches } from './records';
import { type ByteSource, MeteredSource } from './source';
import { textChunks, utf8Chunks } from './text';

export interface FeedLimits {
  /** Refuse files larger than this many bytes. */
  maxBytes: number;
  /** Refuse feeds with more records than this. */
  maxRecords: number;
  /** Row errors kept for the report; more are counted but not listed. */
  maxErrorsKept: number;
}

export const DEFAULT_FEED_LIMITS: FeedLimits = {
  maxBytes: 4 * 1024 ** 3,
  maxRecords: 2_000_000,
  maxErrorsKept: 100_000,
};

/** File-level notes use these pseudo fields; row 0 means "the file as a whole". */
export const FILE_FIELD = '(файл)';

export interface FeedReport {
  format: FeedFormat;
  encoding: TextEncoding;
  /** Records read (good, bad and duplicate). */
  total: number;
  /** Distinct valid vacancies (after duplicates). */
  accepted: number;
  rejected: number;
  /** Valid records superseded by a later version of the same vacancy id. */
  duplicates: number;
  errors: RowError[];
  /** Errors beyond `maxErrorsKept` (counted, not listed). */
  errorsOmitted: number;
  bytes: number;
  /** sha256 of the file's bytes, when asked for. */
  hash?: string;
  truncated: boolean;
  headerOnly: boolean;
  ignoredColumns: string[];
  /** Accepted vacancies per two-digit region. */
  regions: Record<string, number>;
  /** Records the envelope says it holds (`meta.total` of the Rostrud API), when it says so. */
  declaredTotal?: number;
}

/** `meta.total` of a Rostrud API envelope, read from the file's head (meta precedes results). */
export function declaredTotalOf(head: Buffer): number | undefined {
  const m = /"meta"\s*:\s*\{[^{}]*?"total"\s*:\s*"?(\d{1,9})"?/.exec(head.toString('latin1'));
  return m ? Number(m[1]) : undefined;
}

export interface CheckOptions extends Partial<FeedLimits> {
  format?: FeedFormat;
  hash?: boolean;
  /** Called with every valid vacancy (duplicates included) and its sequence number for `tally.isWinner`. */
  onVacancy?: (vacancy: Vacancy, seq: number) => void | Promise<void>;
}

function recordsOf(
  format: FeedFormat,
  encoding: TextEncoding,
  chunks: AsyncIterable<Buffer>,
  info: ReadInfo,
  onReplacement: () => void,
): RecordBatches {
  switch (format) {
    case 'rostrud-json':
      return readJson(utf8Chunks(chunks, encoding, onReplacement), 'envelope');
    case 'json-array':
      return readJson(utf8Chunks(chunks, encoding, onReplacement), 'array');
    case 'jsonl':
      return readJsonLines(utf8Chunks(chunks, encoding, onReplacement));
    case 'csv':
      return lazily(async () =>
        (await import('./readers/csv')).readCsv(textChunks(chunks, encoding, onReplacement), info),
      );
    case 'xml':
      return lazily(async () =>
        (await import('./readers/xml')).readXml(textChunks(chunks, encoding, onReplacement), info),
      );
    case 'xlsx':
      return lazily(async () => (await import('./readers/xlsx')).readXlsx(chunks, info));
  }
}

/**
 * Readers whose libraries are loaded only for their format: exceljs, saxes and csv-parse
 * together hold ≈ 60 MB of heap and code, a fifth of the 300 MB budget of a JSON intake.
 */
async function* lazily(open: () => Promise<RecordBatches>): RecordBatches {
  yield* await open();
}

/**
 * Reads a feed in any supported format, validates and normalises every record, counts
 * duplicates, and reports. Streams: memory holds one chunk, one number per vacancy id and the
 * kept errors. Throws FeedUnreadableError (or a subclass) only when the file as a whole
 * cannot be read; a cut-off file reports the cut and keeps the rows before it.
 */
export async function checkFeed(
  input: ByteSource,
  options: CheckOptions = {},
): Promise<{ report: FeedReport; tally: DuplicateTally }> {
  const limits = { ...DEFAULT_FEED_LIMITS, ...stripUndefined(options) };
  const upload = new MeteredSource(input, limits.maxBytes, options.hash ?? false);
  let head = await upload.peek(64 * 1024);
  const containerNotes: string[] = [];
  const container = head.length ? containerOf(head) : undefined;
  // A gzip or zip holding the feed is read through, as a stream; the hash stays the upload's.
  const source = container
    ? new MeteredSource(unpack(container, upload.chunks(), limits.maxBytes, (m) => containerNotes.push(m)))
    : upload;
  if (container) head = await source.peek(64 * 1024);
  const detected = detectFeed(head);
  const format = options.format ?? detected.format;
  const encoding = detected.encoding;
  const errors: RowError[] = [];
  let errorsOmitted = 0;
  const info: ReadInfo = {};
  const note = (error: RowError) => {
    if (errors.length >= limits.maxErrorsKept) {
      errorsOmitted++;
      return;
    }
    const column = error.column ?? info.labels?.get(fieldKey(error.field));
    errors.push(column ? { ...error, column } : error);
  };

  if (format === 'xml') {
    const declared = declaredXmlEncoding(head.toString('latin1', 0, 200));
    const utf16 = (e: string) => e.startsWith('utf-16');
    if (declared && declared !== encoding && !(utf16(declared) && utf16(encoding))) {
      note({
        row: 0,
        field: 'encoding',
        message: `в заголовке XML указана кодировка ${declared}, но файл в ${encoding}; прочитан как ${encoding}`,
      });
    }
  }

  const tally = new DuplicateTally();
  // Invalid bytes become U+FFFD when decoded. Decoded text is searched for it only when the
  // decoder met one (CSV, XML), or for records JSON had to decode whole; the latin1 fast path
  // flags it while decoding the kept fields. A valid feed pays (almost) nothing.
  let replacementSeen = false;
  const sawReplacement = () => {
    replacementSeen = true;
  };
  const checkDecoded =
    format === 'xlsx' || format === 'rostrud-json' || format === 'json-array' || format === 'jsonl';
  let regionOfSeq = new Uint8Array(1024);
  let total = 0;
  let rejected = 0;
  let truncated = false;
  const onVacancy = options.onVacancy;

  try {
    for await (const batch of recordsOf(format, encoding, source.chunks(), info, sawReplacement)) {
      for (const record of batch) {
        total++;
        if (total === 1 && checkDecoded && format !== 'xlsx') assertKnownLayout(record);
        if (total > limits.maxRecords) {
          throw new FeedTooLargeError(
            `в файле больше ${limits.maxRecords} записей — это больше допустимого / too many records`,
          );
        }
        if (record.error) {
          rejected++;
          note({ row: record.row, ...record.error });
          continue;
        }
        const result = normaliseRecord(record, checkDecoded || replacementSeen);
        if (!result.ok) {
          rejected++;
          for (const e of result.errors) note(e);
          continue;
        }
        const v = result.vacancy;
        const seq = tally.add(v.id, v.modifiedAt);
        if (seq >= regionOfSeq.length) {
          const grown = new Uint8Array(regionOfSeq.length * 2);
          grown.set(regionOfSeq);
          regionOfSeq = grown;
        }
        regionOfSeq[seq] = Number(v.region);
        if (onVacancy) await onVacancy(v, seq);
      }
    }
  } catch (error) {
    if (!(error instanceof FeedTruncatedError)) throw error;
    truncated = true;
    total++;
    rejected++;
    note({ row: error.row, field: FILE_FIELD, message: error.message });
  }

  for (const m of containerNotes) note({ row: 0, field: FILE_FIELD, message: m });
  const headerOnly = total === 0 && info.headerSeen === true;
  if (headerOnly)
    note({ row: 1, field: FILE_FIELD, message: 'в файле только строка заголовка — вакансий нет' });

  const regions: Record<string, number> = {};
  for (const seq of tally.winners()) {
    const region = String(regionOfSeq[seq]).padStart(2, '0');
    regions[region] = (regions[region] ?? 0) + 1;
  }
  return {
    report: {
      format,
      encoding,
      total,
      accepted: tally.unique,
      rejected,
      duplicates: tally.duplicates,
      errors,
      errorsOmitted,
      bytes: upload.bytes,
      hash: upload.digest(),
      truncated,
      headerOnly,
      ignoredColumns: info.ignoredColumns ?? [],
      regions,
      declaredTotal: format === 'rostrud-json' ? declaredTotalOf(head) : undefined,
    },
    tally,
  };
}

/**
 * Latin1-held records take the fast path decoding only kept fields, else are decoded whole.
 * A record nested absurdly deep, or whose kept text holds bytes that are not UTF-8 (decoded as
 * U+FFFD), is rejected with its row number; the rows around it are unaffected.
 */
function normaliseRecord(record: RawRecord, checkDecoded: boolean): VacancyResult {
  let result: VacancyResult | undefined;
  let damaged = false;
  if (record.latin1) {
    damagedKeptText = false;
    result = normaliseStrictVacancy(record.value, record.row, decodeFlagging);
    damaged = damagedKeptText;
  }
  if (!result) {
    if (nestsDeeperThan(record.value, MAX_RECORD_DEPTH)) {
      return rowError(
        record.row,
        `запись вложена глубже ${MAX_RECORD_DEPTH} уровней — это не запись вакансии`,
      );
    }
    result = normaliseVacancy(record.latin1 ? deepUtf8FromLatin1(record.value) : record.value, record.row);
    damaged = result.ok && (record.latin1 || checkDecoded) && holdsReplacement(result.vacancy);
  }
  if (result.ok && damaged) {
    return rowError(
      record.row,
      'в записи есть байты, недопустимые в UTF-8 (файл повреждён или сохранён в другой кодировке)',
    );
  }
  return result;
}

const KNOWN_FIELDS = new Set(Object.keys(RawVacancy.shape));

/**
 * A JSON feed whose first record has none of the Rostrud fields is some other export: said
 * once for the file, instead of «обязательное поле не заполнено» three times per record.
 */
function assertKnownLayout(record: RawRecord): void {
  const value = record.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return;
  const keys = Object.keys(value);
  if (keys.length === 0 || keys.some((k) => KNOWN_FIELDS.has(k))) return;
  const names = keys.slice(0, 8).map((k) => (record.latin1 ? utf8FromLatin1(k) : k));
  throw new FeedUnreadableError(
    `JSON: записи в незнакомой разметке (поля: ${names.join(', ')}); ожидается запись «Работа России» ` +
      '(id, job-name, region…) / unknown record layout',
  );
}

/** The latin1 decoder of kept fields, noting U+FFFD (an invalid byte) in what it decoded. */
let damagedKeptText = false;
function decodeFlagging(s: string): string {
  const text = utf8FromLatin1(s);
  if (text !== s && text.includes('\uFFFD')) damagedKeptText = true;
  return text;
}

const rowError = (row: number, message: string): VacancyResult => ({
  ok: false,
  errors: [{ row, field: '(запись)', message }],
});

/** Whether any text of a normalised vacancy holds U+FFFD (where invalid bytes were). */
function holdsReplacement(v: Vacancy): boolean {
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'string') {
      if (x.includes('\uFFFD')) return true;
    } else if (typeof x === 'object' && x !== null) {
      for (const child of Object.values(x)) stack.push(child);
    }
  }
  return false;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
