import { FeedUnreadableError } from './errors';

/**
 * Text encoding of a feed, decided from its first bytes: a UTF-8 BOM, else valid UTF-8,
 * else Windows-1251 when the high bytes look like Cyrillic letters (0xC0–0xFF is А–я).
 * Employment services' Excel exports are often cp1251; the portal's dumps are UTF-8.
 */
export type TextEncoding = 'utf-8' | 'windows-1251';

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** True when `bytes` is valid UTF-8; a sequence cut off by the end of the sample is allowed. */
export function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return true; // cut by the sample's end
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

/** Share of high bytes that are cp1251 letters (А–я, Ёё): real Russian cp1251 text is nearly all letters. */
export function cp1251LetterShare(bytes: Uint8Array): number {
  let high = 0;
  let letters = 0;
  for (const b of bytes) {
    if (b < 0x80) continue;
    high++;
    if (b >= 0xc0 || b === 0xa8 || b === 0xb8) letters++;
  }
  return high === 0 ? 1 : letters / high;
}

/** A FeedUnreadableError: the intake refuses the upload with this reason instead of retrying it into the DLQ. */
export class UnknownEncodingError extends FeedUnreadableError {
  override readonly name = 'UnknownEncodingError';
}

export function detectEncoding(sample: Uint8Array): TextEncoding {
  if (hasUtf8Bom(sample) || isValidUtf8Prefix(sample)) return 'utf-8';
  if (cp1251LetterShare(sample) >= 0.6) return 'windows-1251';
  throw new UnknownEncodingError(
    'не удалось определить кодировку: файл не в UTF-8 и не похож на Windows-1251 / unknown text encoding',
  );
}

/** The encoding a file declares about itself (XML prolog), normalised; undefined when it says nothing. */
export function declaredXmlEncoding(head: string): TextEncoding | string | undefined {
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (!m) return undefined;
  const name = m[1]!.toLowerCase();
  if (name === 'utf8' || name === 'utf-8') return 'utf-8';
  if (name === 'windows-1251' || name === 'cp1251' || name === 'win-1251') return 'windows-1251';
  return name;
}
