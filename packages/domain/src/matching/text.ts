import { stemmer } from '@orama/stemmers/russian';
import { BASES, STOP_WORDS, SYNONYMS } from './data';

const WORD = /[\p{L}\p{N}]+/gu;
const cache = new Map<string, string>();

/** The canonical stem of one word: Russian Snowball stem, then the synonym table. */
export function canonicalStem(word: string): string {
  const lower = word.toLowerCase().replace(/ё/g, 'е');
  let out = cache.get(lower);
  if (out === undefined) {
    const stem = stemmer(lower);
    out = SYNONYMS[stem] ?? stem;
    if (cache.size > 50_000) cache.clear();
    cache.set(lower, out);
  }
  return out;
}

/** Canonical stems of a job name or skill phrase, without stop words or numbers. */
export function stemsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    if (w.length < 2 || /^\d+$/.test(w) || STOP_WORDS.has(w.toLowerCase())) continue;
    const s = canonicalStem(w);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** A stem and the base occupations it contains (электрогазосварщик → сварщик). */
export function expandStem(stem: string): string[] {
  const out = [stem];
  for (const base of BASES) if (stem !== base && stem.endsWith(base)) out.push(base);
  return out;
}

/** Folded lower case for substring tests (ё → е). */
export function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

const LOCALITY =
  /^(?:г|город|гор|пгт|рп|п|пос|поселок|посёлок|с|село|д|дер|деревня|ст|станица|х|хутор)\.?\s+(.+)$/i;

/** The settlement named in an address («Томская область, г Томск, ул …» → «томск»). */
export function localityOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  for (const part of address.split(',')) {
    const m = LOCALITY.exec(part.trim());
    if (m) return fold(m[1]!.trim());
  }
  return undefined;
}

/** Normalises a locality the officer typed («г. Томск», «Томск»). */
export function normaliseLocality(text: string): string {
  return localityOf(text) ?? fold(text.trim());
}

/** «12 км», «2,5 км», «800 м». */
export function ruKm(km: number): string {
  if (km < 1) return `${Math.max(100, Math.round(km * 10) * 100)} м`;
  return km < 10 ? `${km.toFixed(1).replace('.', ',')} км` : `${Math.round(km)} км`;
}

function fnv1a(text: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 64-bit content hash as 16 hex digits (idempotent job ids; not for security). */
export function shortHash(text: string): string {
  return [0x811c9dc5, 0x01000193 ^ 0x5bd1e995]
    .map((b) => fnv1a(text, b).toString(16).padStart(8, '0'))
    .join('');
}

/** A number in [0, 1) from text (the daily near-tie order). */
export const hash01 = (text: string): number => fnv1a(text, 0x811c9dc5) / 2 ** 32;

/** 32-bit hash of text, continuing from `basis`. */
export const mixString = (basis: number, text: string): number => fnv1a(text, basis >>> 0);

/** A number in [0, 1) from two 32-bit hashes (murmur3 finaliser). */
export function mix01(a: number, b: number): number {
  let h = Math.imul((a ^ Math.imul(b, 0x9e3779b1)) >>> 0, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}
