import iconv from 'iconv-lite';

/**
 * Text encodings of what employment services, worksites and officers send, in one module that
 * feeds, mail and the CLI share (`@uii/feeds/encoding`; it imports nothing but iconv-lite).
 *
 * Decided from the first bytes: a BOM (UTF-8, UTF-16 LE/BE — Excel's «Текст Юникод»), else
 * UTF-16 without BOM (zero bytes on every other position), else UTF-8 when the multi-byte
 * sequences are valid (a few broken ones do not make it another encoding: those rows are
 * rejected by the reader), else the Cyrillic single-byte encoding whose letters look like
 * Russian text: Windows-1251 (Excel, 1C) or KOI8-R (old mail systems).
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'koi8-r';

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const ICONV_NAME: Record<TextEncoding, string> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1251': 'win1251',
  'koi8-r': 'koi8r',
};

export class UnknownEncodingError extends Error {
  override readonly name = 'UnknownEncodingError';
}

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The byte-order mark's encoding and length, if the bytes start with one. */
export function bomOf(bytes: Uint8Array): { encoding: TextEncoding; length: number } | undefined {
  if (hasUtf8Bom(bytes)) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** Counts of valid multi-byte UTF-8 sequences and of bytes that break UTF-8 (a cut-off tail is allowed). */
export function utf8Census(bytes: Uint8Array): { multiByte: number; invalid: number } {
  const n = bytes.length;
  let multiByte = 0;
  let invalid = 0;
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
    else {
      invalid++;
      i++;
      continue;
    }
    let ok = true;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { multiByte, invalid }; // cut by the sample's end
      if ((bytes[i + k]! & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
    }
    if (ok) {
      multiByte++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { multiByte, invalid };
}

/** True when `bytes` is valid UTF-8; a sequence cut off by the end of the sample is allowed. */
export function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  return utf8Census(bytes).invalid === 0;
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

/** UTF-16 without BOM: ASCII-heavy text has a zero byte in every other position. */
function utf16WithoutBom(sample: Uint8Array): TextEncoding | undefined {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZero++;
    if (sample[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * cp1251 or KOI8-R: decode both and count ordinary Russian letters in the lower case that
 * prevails in prose (KOI8-R puts lower case at 0xC0–0xDF, where cp1251 has upper case).
 */
function cyrillicSingleByte(sample: Uint8Array): TextEncoding {
  let lowerCp1251 = 0;
  let lowerKoi8 = 0;
  for (const b of sample) {
    if (b >= 0xe0) lowerCp1251++;
    else if (b >= 0xc0) lowerKoi8++;
  }
  return lowerKoi8 > lowerCp1251 * 1.5 ? 'koi8-r' : 'windows-1251';
}

/**
 * The encoding of a text sample. Throws UnknownEncodingError when it is none of them (binary
 * data, or a single-byte encoding that is not Cyrillic).
 */
export function detectEncoding(sample: Uint8Array): TextEncoding {
  const bom = bomOf(sample);
  if (bom) return bom.encoding;
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return utf16;
  const { multiByte, invalid } = utf8Census(sample);
  // A few broken sequences among many good ones: UTF-8 with damaged rows, not another encoding.
  if (invalid === 0 || multiByte >= 10 * invalid) return 'utf-8';
  if (cp1251LetterShare(sample) >= 0.6) return cyrillicSingleByte(sample);
  throw new UnknownEncodingError(
    'не удалось определить кодировку: текст не в UTF-8, UTF-16, Windows-1251 или KOI8-R / unknown text encoding',
  );
}

/** A streaming decoder (characters split across chunks are carried over); the BOM is dropped. */
export function textDecoder(encoding: TextEncoding): {
  write(chunk: Buffer): string;
  end(): string | undefined;
} {
  return iconv.getDecoder(ICONV_NAME[encoding], { stripBOM: true });
}

/** The whole of `bytes` as text, in the given or the detected encoding; the BOM is dropped. */
export function decodeText(bytes: Buffer, encoding: TextEncoding = detectEncoding(bytes)): string {
  const text = iconv.decode(bytes, ICONV_NAME[encoding], { stripBOM: true });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The encoding named in a charset label (`utf8`, `cp1251`, `KOI8-R`…), if it is one of ours. */
export function encodingOfLabel(label: string): TextEncoding | undefined {
  const name = label.trim().toLowerCase().replace(/^x-/, '');
  if (name === 'utf8' || name === 'utf-8') return 'utf-8';
  if (['windows-1251', 'cp1251', 'win-1251', 'win1251'].includes(name)) return 'windows-1251';
  if (['koi8-r', 'koi8r', 'koi8'].includes(name)) return 'koi8-r';
  if (name === 'utf-16le') return 'utf-16le';
  if (name === 'utf-16be' || name === 'utf-16') return 'utf-16be';
  return undefined;
}

/** The encoding a file declares about itself (XML prolog), normalised; undefined when it says nothing. */
export function declaredXmlEncoding(head: string): TextEncoding | string | undefined {
  const m = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (!m) return undefined;
  return encodingOfLabel(m[1]!) ?? m[1]!.toLowerCase();
}
