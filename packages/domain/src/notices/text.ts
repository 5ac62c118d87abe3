/** Lower case with ё folded to е: the form every comparison in notices uses. */
export function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

export interface Token {
  text: string;
  /** folded form */
  norm: string;
  start: number;
  end: number;
}

/** Words (Cyrillic/Latin letters, hyphenated) with their offsets. */
export function words(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*/g)) {
    out.push({ text: m[0], norm: fold(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Damerau–Levenshtein (optimal string alignment) distance, capped for speed. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > cap) return cap + 1;
  }
  return rows[a.length]![b.length]!;
}

/** How many typos a word of this length may carry and still be the same name. */
export function typoAllowance(length: number): number {
  if (length >= 8) return 2;
  if (length >= 5) return 1;
  return 0;
}
