/**
 * UTF-8 bytes held as latin1 text (one char per byte). Decoding a whole chunk of Russian
 * UTF-8 to a JS string costs more than parsing it (≈ 5 ms vs 3 ms per MB here, Node 20), while
 * latin1 is a plain copy. The JSON reader therefore parses latin1 text and decodes only the
 * strings normalisation keeps; most of a record (duties, requirements, bonuses) is never decoded.
 * Sound only without `\u` escapes (an escape gives a real character, not a byte): the reader
 * checks for them and decodes normally when present.
 */
const scratch = { buffer: Buffer.allocUnsafe(4096) };

/** True when `s` has a char ≥ 0x80 (a byte of a multi-byte UTF-8 sequence). */
function hasHighByte(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return true;
  return false;
}

/** The text `s` stands for, where `s` holds UTF-8 bytes as latin1 chars (invalid bytes become U+FFFD, as in `toString('utf8')`). */
export function utf8FromLatin1(s: string): string {
  if (!hasHighByte(s)) return s;
  // Region names, schedules, education levels… repeat across a feed: a small cache saves
  // most decodes (a native decode call costs ≈ 0.4 µs, a hit ≈ 0.05 µs).
  if (s.length > CACHED_LENGTH) return decode(s);
  let text = cache.get(s);
  if (text === undefined) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    text = decode(s);
    cache.set(s, text);
  }
  return text;
}

const CACHED_LENGTH = 48;
const CACHE_SIZE = 16_384;
const cache = new Map<string, string>();

function decode(s: string): string {
  if (s.length > scratch.buffer.length) scratch.buffer = Buffer.allocUnsafe(s.length * 2);
  const n = scratch.buffer.write(s, 0, 'latin1');
  return scratch.buffer.toString('utf8', 0, n);
}

/** Nesting no real vacancy record comes near; deeper values are refused, never recursed into. */
export const MAX_RECORD_DEPTH = 64;

/**
 * Whether `value` nests deeper than `limit`, found without recursion (a record nested 100k
 * levels deep must not overflow the stack and lose the rows around it).
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * A parsed value with every string and key decoded (the rare slow path: records the fast check
 * refuses). Stops at MAX_RECORD_DEPTH, so a hostile `[[[[…]]]]` cannot overflow the stack.
 */
export function deepUtf8FromLatin1(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return utf8FromLatin1(value);
  if (typeof value !== 'object' || value === null || depth >= MAX_RECORD_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => deepUtf8FromLatin1(v, depth + 1));
  // fromEntries defines own properties, so a "__proto__" key stays a plain key as JSON.parse made it.
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [utf8FromLatin1(k), deepUtf8FromLatin1(v, depth + 1)]),
  );
}
