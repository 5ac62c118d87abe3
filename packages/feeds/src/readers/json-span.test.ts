import { describe, expect, it } from 'vitest';
import { JsonRecordSplitter } from '../json-splitter';
import { deepUtf8FromLatin1 } from '../latin1';
import { FeedTruncatedError, type RawRecord } from '../records';
import { rng } from '../sample';
import { parseSpan, readJson } from './json';

/** Every record the reader gives for `doc` fed in chunks of the given sizes (cycled), strings decoded. */
async function read(doc: string | Buffer, sizes: number[], mode: 'envelope' | 'array' = 'envelope') {
  const bytes = typeof doc === 'string' ? Buffer.from(doc, 'utf8') : doc;
  const chunks = (async function* () {
    for (let at = 0, k = 0; at < bytes.length; k++) {
      const size = sizes[k % sizes.length]!;
      yield bytes.subarray(at, at + size);
      at += size;
    }
  })();
  const records: RawRecord[] = [];
  let thrown: unknown;
  try {
    for await (const batch of readJson(chunks, mode)) records.push(...batch);
  } catch (error) {
    thrown = error;
  }
  return {
    thrown,
    records: records.map((r) => ({
      ...r,
      latin1: undefined,
      value: r.latin1 ? deepUtf8FromLatin1(r.value) : r.value,
    })),
  };
}

const unwrap = (v: unknown) => (v as { vacancy?: unknown }).vacancy ?? v;
const envelope = (records: string[]) =>
  `{"status":"200","results":{"vacancies":[\n${records.join(',\n')}\n]}}`;
const expected = (doc: string) =>
  (JSON.parse(doc) as { results: { vacancies: unknown[] } }).results.vacancies.map((v, k) => ({
    row: k + 1,
    value: unwrap(v),
    latin1: undefined,
  }));

/** Counts the spans the splitter offers and how many of them parsed. */
function spansOffered(doc: string, chunkSize: number): { offered: number; taken: number; records: number } {
  const bytes = Buffer.from(doc, 'utf8');
  let offered = 0;
  let taken = 0;
  const splitter = new JsonRecordSplitter(
    'envelope',
    () => {},
    () => {},
    (chunk, start, end) => {
      offered++;
      const count = parseSpan(chunk, start, end, 1, []);
      if (count >= 0) taken++;
      return count;
    },
  );
  for (let at = 0; at < bytes.length; at += chunkSize) splitter.push(bytes.subarray(at, at + chunkSize));
  splitter.end();
  return { offered, taken, records: splitter.records };
}

describe('one cut per chunk', () => {
  it('ignores a separator look-alike inside a string and in a nested array', async () => {
    const records = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        vacancy: {
          id: `v${i}`,
          note: '},{"vacancy":{"id":"fake"}},{"vacancy":',
          nested: [{ vacancy: { id: `inner${i}` } }, { vacancy: { id: 'x' } }],
          'job-name': 'Рабочий',
        },
      }),
    );
    const doc = envelope(records);
    for (const size of [97, 256, 1000, 1 << 20]) {
      const { thrown, records: got } = await read(doc, [size]);
      expect(thrown).toBeUndefined();
      expect(got, `chunks of ${size}`).toEqual(expected(doc));
    }
    // The nested look-alikes are the last candidates of many chunks: their spans fail and the
    // exact scan takes over, yet whole-chunk cuts are still found and count every record.
    const { taken, records: counted } = spansOffered(doc, 1000);
    expect(taken).toBeGreaterThan(0);
    expect(counted).toBe(40);
  });

  it('falls back to the exact scan when a chunk has no safe cut (a record longer than the chunk)', async () => {
    const doc = envelope([
      JSON.stringify({ vacancy: { id: 'a', text: 'я'.repeat(5000) } }),
      JSON.stringify({ vacancy: { id: 'b', text: 'ё'.repeat(5000) } }),
      JSON.stringify({ vacancy: { id: 'c', text: 'ж'.repeat(5000) } }),
    ]);
    const { thrown, records } = await read(doc, [4096]);
    expect(thrown).toBeUndefined();
    expect(records).toEqual(expected(doc));
    expect(spansOffered(doc, 4096)).toMatchObject({ taken: 0, records: 3 });
  });

  it('reads 1-byte chunks and mixed chunk sizes exactly', async () => {
    const doc = envelope(Array.from({ length: 30 }, (_, i) => `{"vacancy":{"id":"${i}","name":"Ж\\"}{"}}`));
    for (const sizes of [[1], [1, 2, 3, 500], [7, 4096]]) {
      const { thrown, records } = await read(doc, sizes);
      expect(thrown).toBeUndefined();
      expect(records, `chunks ${sizes}`).toEqual(expected(doc));
    }
  });

  it('keeps the row and message of a broken record inside a span', async () => {
    const good = (i: number) => `{"vacancy":{"id":"${i}"}}`;
    const doc = envelope([good(1), good(2), '{"vacancy":{"id":"3","n":tru}}', good(4), good(5), good(6)]);
    const { thrown, records } = await read(doc, [1 << 20]);
    expect(thrown).toBeUndefined();
    expect(records.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(records[2]?.error?.message).toMatch(/^некорректный JSON: /);
    expect(records.filter((r) => r.error)).toHaveLength(1);
    expect(records[3]?.value).toEqual({ id: '4' });
  });

  it('skips bare values between records as the exact scan does, keeping record numbers', async () => {
    const doc = envelope([
      '{"vacancy":{"id":"1"}}',
      '17',
      '{"vacancy":{"id":"2"}}',
      '{"vacancy":{"id":"3"}}',
    ]);
    const { records } = await read(doc, [1 << 20]);
    expect(records.map((r) => [r.row, r.value])).toEqual([
      [1, { id: '1' }],
      [2, { id: '2' }],
      [3, { id: '3' }],
    ]);
  });

  it('reports a cut-off file at the same record', async () => {
    const doc = envelope(Array.from({ length: 50 }, (_, i) => `{"vacancy":{"id":"${i}"}}`));
    const cut = doc.slice(0, doc.indexOf('"id":"42"') + 3);
    for (const size of [1, 64, 1 << 20]) {
      const { thrown, records } = await read(cut, [size]);
      expect(thrown).toBeInstanceOf(FeedTruncatedError);
      expect((thrown as FeedTruncatedError).row).toBe(43);
      expect(records).toHaveLength(42);
    }
  });

  it('agrees with JSON.parse of the whole document on random feeds and chunkings (fuzz)', async () => {
    const r = rng(11);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    const texts = ['', 'Рабочий', '},{"vacancy":', '}, {"id":', '\\', '"', '{[', 'ё😀', '\u0000\u001f'];
    const value = (depth: number): unknown => {
      const roll = r();
      if (depth > 2 || roll < 0.4) return pick<unknown>([pick(texts), 1.5, -3, true, null, pick(texts)]);
      if (roll < 0.6) return Array.from({ length: Math.floor(r() * 3) }, () => value(depth + 1));
      return { vacancy: value(depth + 1), id: pick(texts), x: value(depth + 1) };
    };
    for (let doc = 0; doc < 40; doc++) {
      const wrapped = r() < 0.7;
      const records = Array.from({ length: 1 + Math.floor(r() * 200) }, (_, i) => {
        const v = { id: String(i), a: value(0), 'job-name': pick(texts) };
        const text = JSON.stringify(wrapped ? { vacancy: v } : v);
        return r() < 0.05 ? text.replace('"job-name"', '"\\u006aob-name"') : text;
      });
      const sep = pick([',', ',\n', ' , ', ',\r\n\t']);
      const text = wrapped ? `{"results":{"vacancies":[${records.join(sep)}]}}` : `[${records.join(sep)}]`;
      const want = JSON.parse(text) as { results?: { vacancies: unknown[] } } & unknown[];
      const list = (wrapped ? want.results!.vacancies : want) as unknown[];
      const sizes = [pick([1, 3, 64, 500, 4096, 1 << 16])];
      const { thrown, records: got } = await read(text, sizes, wrapped ? 'envelope' : 'array');
      expect(thrown, `document ${doc}`).toBeUndefined();
      expect(got, `document ${doc}, chunks ${sizes}`).toEqual(
        list.map((v, k) => ({ row: k + 1, value: unwrap(v), latin1: undefined })),
      );
    }
  });
});
