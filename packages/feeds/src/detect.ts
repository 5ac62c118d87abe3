import { bomOf, decodeText, detectEncoding, type TextEncoding, UnknownEncodingError } from './encoding';
import { EmptyFeedError, FeedUnreadableError } from './errors';

export const FEED_FORMATS = ['rostrud-json', 'json-array', 'jsonl', 'csv', 'xml', 'xlsx'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export function isFeedFormat(value: string): value is FeedFormat {
  return (FEED_FORMATS as readonly string[]).includes(value);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Format and encoding from the first bytes (64 KB is plenty). */
export function detectFeed(head: Buffer): { format: FeedFormat; encoding: TextEncoding } {
  if (head.length === 0) throw new EmptyFeedError('файл пуст / the file is empty');
  if (ZIP_MAGIC.every((b, i) => head[i] === b)) return { format: 'xlsx', encoding: 'utf-8' };
  let encoding: TextEncoding;
  try {
    encoding = detectEncoding(head);
  } catch (error) {
    if (!(error instanceof UnknownEncodingError)) throw error;
    throw new FeedUnreadableError(
      'файл не похож на текстовую ленту вакансий: кодировка не UTF-8, UTF-16, Windows-1251 или KOI8-R ' +
        '(возможно, это двоичный файл); пришлите Excel (.xlsx), CSV, XML или JSON',
      { cause: error },
    );
  }
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  const body = head.subarray(bomOf(head)?.length ?? 0);
  // Only ASCII is needed to tell formats apart: latin1 of the bytes, or the decoded UTF-16.
  const text = utf16 ? decodeText(body.subarray(0, body.length & ~1), encoding) : body.toString('latin1');
  const start = text.search(/\S/);
  if (start === -1) throw new EmptyFeedError('файл пуст (только пробелы) / the file is blank');
  const first = text[start];
  if (first === '<') return { format: 'xml', encoding };
  if (first === '[') return { format: 'json-array', encoding };
  if (first === '{') {
    const jsonl = utf16
      ? looksLikeJsonLines(Buffer.from(text, 'utf8'), start)
      : looksLikeJsonLines(body, start);
    return { format: jsonl ? 'jsonl' : 'rostrud-json', encoding };
  }
  if (text.charCodeAt(start) < 0x20 && text.charCodeAt(start) !== 0x09) {
    throw new FeedUnreadableError('файл не похож на ленту вакансий (двоичные данные) / not a feed file');
  }
  return { format: 'csv', encoding };
}

/** JSON Lines when the first line is a whole JSON object that is not the Rostrud envelope. */
function looksLikeJsonLines(body: Buffer, start: number): boolean {
  const newline = body.indexOf(0x0a, start);
  const line = body.toString('utf8', start, newline === -1 ? body.length : newline).trim();
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    return typeof value === 'object' && value !== null && !('results' in value) && !('vacancies' in value);
  } catch {
    return false;
  }
}
