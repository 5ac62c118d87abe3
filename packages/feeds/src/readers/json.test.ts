import { normaliseVacancy, type RowError, type Vacancy } from '@uii/domain';
import { describe, expect, it } from 'vitest';
import { checkFeed } from '../check';
import { deepUtf8FromLatin1, utf8FromLatin1 } from '../latin1';
import type { RawRecord } from '../records';
import { rng, sampleVacancy } from '../sample';
import { jsonErrorRu, RecordSliceBatch } from './json';

const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('utf8FromLatin1', () => {
  it.each([
    'plain ascii',
    'Свердловская область',
    'ends with Р', // Р is D0 A0: a latin1 trim would eat the A0 (NBSP) byte
    ' Рабочий\u00a0 ',
    'emoji 😀 and € and ё',
    `${'x'.repeat(100)}Я`, // longer than the cache takes
  ])('decodes %j', (text) => {
    expect(utf8FromLatin1(latin1(text))).toBe(text);
    expect(utf8FromLatin1(latin1(text))).toBe(text); // second time from the cache
  });

  it('turns invalid UTF-8 into U+FFFD exactly as Buffer#toString does', () => {
    const bytes = Buffer.from([0x41, 0xd0, 0x20, 0xff, 0xe2, 0x82, 0x42]);
    expect(utf8FromLatin1(bytes.toString('latin1'))).toBe(bytes.toString('utf8'));
  });

  it('decodes keys and nested values, keeping "__proto__" a plain key', () => {
    const text = '{"имя":["Я",{"__proto__":"ё"}],"n":1}';
    expect(deepUtf8FromLatin1(JSON.parse(latin1(text)))).toEqual(JSON.parse(text));
    const inner = (deepUtf8FromLatin1(JSON.parse(latin1(text))) as { имя: [string, object] }).имя[1];
    expect(Object.keys(inner)).toEqual(['__proto__']);
  });
});

function batchOf(texts: string[]): RawRecord[] {
  const batch = new RecordSliceBatch();
  for (const t of texts) {
    const bytes = Buffer.from(`  ${t} `, 'utf8');
    batch.add(bytes, 2, bytes.length - 1);
  }
  const out: RawRecord[] = [];
  expect(batch.flush(10, out)).toBe(texts.length);
  expect(batch.size).toBe(0);
  return out;
}

describe('RecordSliceBatch', () => {
  it('parses a batch at once, numbering rows from the first', () => {
    const out = batchOf(['{"vacancy":{"id":"a"}}', '{"id":"б"}', '[1]']);
    expect(out.map((r) => r.row)).toEqual([10, 11, 12]);
    expect(out.map((r) => deepUtf8FromLatin1(r.value))).toEqual([{ id: 'a' }, { id: 'б' }, [1]]);
    expect(out.every((r) => r.latin1)).toBe(true);
  });

  it('decodes as UTF-8 when a \\u escape is present (an escape is a character, not a byte)', () => {
    const out = batchOf(['{"id":"\\u00d0\\u0416"}', '{"id":"Ж"}']);
    expect(out.map((r) => [r.latin1, r.value])).toEqual([
      [false, { id: '\u00d0Ж' }],
      [false, { id: 'Ж' }],
    ]);
  });

  it('gives a broken record the error it gets alone and keeps its neighbours', () => {
    const broken = '{"id":"x","n":tru}';
    let alone = '';
    try {
      JSON.parse(broken);
    } catch (error) {
      alone = (error as Error).message;
    }
    const out = batchOf(['{"id":"a"}', broken, '{"id":"c"}']);
    expect(out[0]).toMatchObject({ row: 10, value: { id: 'a' } });
    expect(out[1]).toEqual({
      row: 11,
      error: { field: '(запись)', message: `некорректный JSON: ${jsonErrorRu(alone)}` },
    });
    expect(out[2]).toMatchObject({ row: 12, value: { id: 'c' } });
  });
});

// --- differential fuzz: the batched latin1 reader against one JSON.parse + normalise per record ---

const TRICKY_TEXT = [
  'Рабочий Р',
  '  Подсобный рабочий\u00a0',
  'эмодзи 😀',
  'кавычки "и" {скобки} [ ] \\ обратная',
  '',
  '   ',
  'Ёлки\nпалки\t',
];
const TEXT_FIELDS = ['job-name', 'employment', 'schedule', 'salary', 'social_protected', 'conditions', 'id'];

/** A record as UTF-8 bytes, randomly damaged in the ways real feeds are. */
function randomRecordBytes(i: number, r: () => number, invalidUtf8: boolean): Buffer {
  const v = sampleVacancy(i, r, { verbose: r() < 0.3 });
  const roll = r();
  if (roll < 0.2) v[TEXT_FIELDS[Math.floor(r() * TEXT_FIELDS.length)]!] = TRICKY_TEXT[Math.floor(r() * 7)];
  else if (roll < 0.25)
    v.work_places = String(v.work_places); // lenient path
  else if (roll < 0.28) v.region = null;
  else if (roll < 0.3) (v.addresses as { address: Array<{ lat: unknown }> }).address[0]!.lat = '56,1';
  else if (roll < 0.32) v.date_modify = '10.11.2026 12:00';
  let text = JSON.stringify(r() < 0.5 ? { vacancy: v } : v);
  if (roll > 0.95)
    text = text.replace('"Вакансия', '"\\u0412\\u0430кансия'); // escapes
  else if (roll > 0.93) text = text.replace(/"work_places":\d+/, '"work_places":tru'); // broken JSON
  const bytes = Buffer.from(text, 'utf8');
  if (roll > 0.9 && roll <= 0.93 && invalidUtf8 && i >= 200) {
    // invalid UTF-8 inside a string value, past the bytes the encoding detector samples
    const at = bytes.indexOf(Buffer.from('"job-name":"')) + 12;
    return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xd0, 0xff]), bytes.subarray(at)]);
  }
  return bytes;
}

function reference(records: Buffer[]): { vacancies: Vacancy[]; errors: RowError[] } {
  const vacancies: Vacancy[] = [];
  const errors: RowError[] = [];
  records.forEach((bytes, k) => {
    const row = k + 1;
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      errors.push({
        row,
        field: '(запись)',
        message: `некорректный JSON: ${jsonErrorRu((error as Error).message)}`,
      });
      return;
    }
    const inner = (value as { vacancy?: unknown }).vacancy;
    const result = normaliseVacancy(typeof inner === 'object' && inner !== null ? inner : value, row);
    // Kept text with bytes that are not UTF-8 (U+FFFD after decoding) rejects the row.
    if (result.ok && JSON.stringify(result.vacancy).includes('\uFFFD'))
      errors.push({
        row,
        field: '(запись)',
        message: 'в записи есть байты, недопустимые в UTF-8 (файл повреждён или сохранён в другой кодировке)',
      });
    else if (result.ok) vacancies.push(result.vacancy);
    else errors.push(...result.errors);
  });
  return { vacancies, errors };
}

describe('JSON reader fuzz', () => {
  it('agrees with per-record JSON.parse + normaliseVacancy on random feeds in random chunks', async () => {
    const r = rng(5);
    for (let doc = 0; doc < 12; doc++) {
      const maxChunk = [7, 333, 4096, 1 << 20][doc % 4]!;
      // The detector samples the first chunks whole: big chunks would show it the damage.
      const records = Array.from({ length: 300 + Math.floor(r() * 1500) }, (_, i) =>
        randomRecordBytes(i, r, maxChunk <= 4096),
      );
      const parts: Buffer[] = [Buffer.from('{"status":"200","results":{"vacancies":[\n')];
      for (const [k, b] of records.entries()) parts.push(k ? Buffer.from(',\n') : Buffer.alloc(0), b);
      parts.push(Buffer.from('\n]}}'));
      const bytes = Buffer.concat(parts);
      const chunks = (async function* () {
        for (let at = 0; at < bytes.length; ) {
          const size = 1 + Math.floor(r() * maxChunk);
          yield bytes.subarray(at, at + size);
          at += size;
        }
      })();
      const vacancies: Vacancy[] = [];
      const { report } = await checkFeed(chunks, { onVacancy: (v) => void vacancies.push(v) });
      const expected = reference(records);
      expect(report.total, `document ${doc}`).toBe(records.length);
      expect(report.errors, `document ${doc}`).toEqual(expected.errors);
      expect(vacancies, `document ${doc}`).toEqual(expected.vacancies);
    }
  });
});
