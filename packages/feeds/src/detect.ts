import { detectEncoding, hasUtf8Bom, type TextEncoding } from './encoding';
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
  const encoding = detectEncoding(head);
  const body = hasUtf8Bom(head) ? head.subarray(3) : head;
  // Only ASCII is needed to tell formats apart, so latin1 decoding of the sample is fine.
  const text = body.toString('latin1');
  const start = text.search(/\S/);
  if (start === -1) throw new EmptyFeedError('файл пуст (только пробелы) / the file is blank');
  const first = text[start];
  if (first === '<') return { format: 'xml', encoding };
  if (first === '[') return { format: 'json-array', encoding };
  if (first === '{') return { format: looksLikeJsonLines(body, start) ? 'jsonl' : 'rostrud-json', encoding };
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
