import { describe, expect, it } from 'vitest';
import { JsonRecordSplitter, JsonStructureError, JsonTruncatedError, type SplitMode } from './json-splitter';

/**
 * Splits `doc` fed in the given chunk sizes (cycled) and returns the parsed records. Runs both
 * hand-over paths (text for every record, and byte ranges for records inside one chunk as the
 * reader uses it) and requires them to agree.
 */
function split(doc: string | Buffer, mode: SplitMode, chunkSizes: number[] = [1 << 20]): unknown[] {
  const bytes = typeof doc === 'string' ? Buffer.from(doc, 'utf8') : doc;
  const run = (sliced: boolean) => {
    const out: unknown[] = [];
    const splitter = new JsonRecordSplitter(
      mode,
      (text) => out.push(JSON.parse(text)),
      sliced ? (chunk, start, end) => out.push(JSON.parse(chunk.toString('utf8', start, end))) : undefined,
    );
    let at = 0;
    for (let k = 0; at < bytes.length; k++) {
      const size = chunkSizes[k % chunkSizes.length]!;
      splitter.push(bytes.subarray(at, at + size));
      at += size;
    }
    splitter.end();
    return out;
  };
  const out = run(false);
  expect(run(true)).toEqual(out);
  return out;
}

const TRICKY = [
  'plain',
  'braces { } [ ] inside',
  'escaped \\" quote and \\\\ backslash',
  'ends with backslash \\',
  '\\\\\\" three then quote',
  'unicode \u0416\u0451 \u{1F600} and escapes \\u0041 \n \t',
  '"quoted"',
  '}{][',
  '',
];

describe('JsonRecordSplitter', () => {
  it('finds the records of the Rostrud envelope and nothing from status or meta', () => {
    const records = [{ vacancy: { id: 'a' } }, { vacancy: { id: 'b', nested: { x: [1, { y: 2 }] } } }];
    const doc = JSON.stringify({
      status: '200',
      meta: { total: 2, note: 'vacancies', list: [{ id: 'meta' }] },
      results: { vacancies: records },
    });
    expect(split(doc, 'envelope')).toEqual(records);
  });

  it('does not take a "vacancies" string value or a nested vacancies key inside a record as the list', () => {
    const records = [{ id: 1, vacancies: [{ id: 'inner' }] }, { id: 2 }];
    const doc = `{"note":"vacancies","meta":{"vacancies":5},"results":{"vacancies":${JSON.stringify(records)}},"after":[{"id":"x"}]}`;
    expect(split(doc, 'envelope')).toEqual(records);
  });

  it('keeps strings with braces, brackets, escaped quotes and backslashes intact', () => {
    const records = TRICKY.map((text, i) => ({ id: i, text }));
    expect(split(JSON.stringify(records), 'array')).toEqual(records);
    // Hand-written escapes: an escaped backslash before a closing quote, and an escaped quote.
    expect(split('[{"t":"\\\\"},{"t":"\\"}"}]', 'array')).toEqual([{ t: '\\' }, { t: '"}' }]);
  });

  it('gives the same records when fed one byte at a time', () => {
    const records = TRICKY.map((text, i) => ({ id: i, text, list: [text, { text }] }));
    const doc = JSON.stringify({ status: '200', results: { vacancies: records } });
    expect(split(doc, 'envelope', [1])).toEqual(records);
    expect(split(JSON.stringify(records), 'array', [1])).toEqual(records);
  });

  it('decodes multi-byte UTF-8 split at every possible chunk boundary', () => {
    const records = [
      { id: 'ж', text: 'Томская область 😀 «руб.»' },
      { id: 'ё', text: 'Ёлки' },
    ];
    const bytes = Buffer.from(JSON.stringify(records), 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const out: unknown[] = [];
      const splitter = new JsonRecordSplitter('array', (text) => out.push(JSON.parse(text)));
      splitter.push(bytes.subarray(0, cut));
      splitter.push(bytes.subarray(cut));
      splitter.end();
      expect(out, `cut at ${cut}`).toEqual(records);
    }
  });

  it('tracks an escape whose backslashes straddle chunk boundaries', () => {
    const records = [{ t: 'a\\\\' }, { t: '\\"}' }, { t: '\\\\\\"x' }];
    const doc = JSON.stringify(records);
    for (const sizes of [[1], [2], [3], [2, 1], [5, 1, 1]]) {
      expect(split(doc, 'array', sizes), `chunks ${sizes}`).toEqual(records);
    }
  });

  it('splits concatenated top-level values', () => {
    expect(split('{"a":1}\n{"b":"}"}  {"c":[1]}', 'values', [3])).toEqual([{ a: 1 }, { b: '}' }, { c: [1] }]);
  });

  it('reports a cut-off document after handing over the complete records', () => {
    const doc = JSON.stringify([{ id: 1 }, { id: 2, text: 'abc' }]).slice(0, -8);
    const out: unknown[] = [];
    const splitter = new JsonRecordSplitter('array', (text) => out.push(JSON.parse(text)));
    splitter.push(Buffer.from(doc));
    expect(() => splitter.end()).toThrow(JsonTruncatedError);
    expect(out).toEqual([{ id: 1 }]);
  });

  it('says so when an envelope has no vacancies list', () => {
    expect(() => split('{"status":"200","results":{}}', 'envelope')).toThrow(JsonStructureError);
  });

  it('rejects a stray closing bracket', () => {
    expect(() => split('[{"a":1}]]', 'array')).toThrow(JsonStructureError);
  });
});

// --- fuzz: random documents and random chunking against JSON.parse ---------------------------

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x1_0000_0000;
  };
}

const ALPHABET = [
  'a',
  'Я',
  'ё',
  '😀',
  '{',
  '}',
  '[',
  ']',
  '"',
  '\\',
  ':',
  ',',
  ' ',
  '\n',
  '\u0000',
  '\u2028',
  '€',
];

function randomString(r: () => number): string {
  let s = '';
  const n = Math.floor(r() * 12);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

function randomValue(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * (depth > 3 ? 5 : 7));
  switch (pick) {
    case 0:
      return randomString(r);
    case 1:
      return Math.floor(r() * 1e6) / 100 - 5000;
    case 2:
      return r() < 0.5;
    case 3:
      return null;
    case 4:
      return randomString(r);
    case 5:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 5); i > 0; i--) o[randomString(r)] = randomValue(r, depth + 1);
      return o;
    }
  }
}

/** JSON text with random whitespace between tokens (JSON.stringify with an indent, or none). */
function serialise(value: unknown, r: () => number): string {
  const indent = [undefined, 1, '\t', ' \n '.trim() || 2][Math.floor(r() * 4)] as string | number | undefined;
  return JSON.stringify(value, null, indent);
}

describe('JsonRecordSplitter fuzz', () => {
  it('agrees with JSON.parse on 400 random documents in random chunks', () => {
    const r = rng(20261123);
    for (let doc = 0; doc < 400; doc++) {
      const records = Array.from({ length: Math.floor(r() * 6) }, () => {
        const o: Record<string, unknown> = { id: randomString(r) };
        for (let i = Math.floor(r() * 4); i > 0; i--) o[randomString(r)] = randomValue(r, 1);
        return r() < 0.3 ? [o, randomString(r)] : o;
      });
      const envelope = r() < 0.5;
      const text = envelope
        ? serialise({ status: randomString(r), meta: randomValue(r, 2), results: { vacancies: records } }, r)
        : serialise(records, r);
      const sizes = Array.from({ length: 3 }, () => 1 + Math.floor(r() * 17));
      expect(
        split(text, envelope ? 'envelope' : 'array', sizes),
        `document ${doc}: ${text.slice(0, 200)}`,
      ).toEqual(JSON.parse(text).results?.vacancies ?? JSON.parse(text));
    }
  });
});
