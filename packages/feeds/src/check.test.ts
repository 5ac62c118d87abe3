import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Vacancy } from '@uii/domain';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type CheckOptions, checkFeed } from './check';
import { EmptyFeedError, FeedTooLargeError, FeedUnreadableError } from './errors';
import { envelope, rng, sampleVacancy } from './sample';

const EVENTS = join(import.meta.dirname, '../../../events/feeds');
const file = (name: string) => createReadStream(join(EVENTS, name), { highWaterMark: 4096 });

async function check(source: Parameters<typeof checkFeed>[0], options: CheckOptions = {}) {
  const winners: Vacancy[] = [];
  const all: Array<[Vacancy, number]> = [];
  const { report, tally } = await checkFeed(source, {
    ...options,
    onVacancy: (v, seq) => void all.push([v, seq]),
  });
  for (const [v, seq] of all) if (tally.isWinner(v.id, seq)) winners.push(v);
  return { report, winners };
}

const chunks = (...parts: Array<string | Buffer>) =>
  (async function* () {
    for (const p of parts) yield Buffer.isBuffer(p) ? p : Buffer.from(p);
  })();

describe('formats', () => {
  it.each([
    ['sample.json', 'rostrud-json'],
    ['sample-array.json', 'json-array'],
    ['sample.jsonl', 'jsonl'],
  ])('%s (%s): 7 records, 5 accepted, 1 rejected, 1 duplicate', async (name, format) => {
    const { report, winners } = await check(file(name));
    expect(report).toMatchObject({
      format,
      encoding: 'utf-8',
      total: 7,
      accepted: 5,
      rejected: 1,
      duplicates: 1,
    });
    // «тридцать тысяч» in the optional salary costs nothing; the record's 0 openings do.
    expect(report.errors).toEqual([
      {
        row: 7,
        field: 'work_places',
        message: 'число рабочих мест должно быть целым и не меньше 1, получено 0',
      },
    ]);
    // The duplicate with the later date_modify (2 openings) wins over the first record.
    const first = winners.find((v) => v.id === '6a1c0e52-0000-4000-8000-000000000001')!;
    expect(first.workPlaces).toBe(2);
    expect(first.modifiedAt).toBe('2026-11-21T07:00:00.000Z');
  });

  it('reads the | dump with flattened columns and names the bad rows as a spreadsheet does', async () => {
    const { report, winners } = await check(file('rostrud-dump.csv'));
    expect(report).toMatchObject({ format: 'csv', encoding: 'utf-8', total: 8, accepted: 6, rejected: 2 });
    expect(report.errors).toEqual([
      {
        row: 4,
        field: 'addresses.address[0].lat',
        column: 'lat',
        message: 'ожидается число, получено: «северная»',
      },
      { row: 6, field: 'job-name', column: 'job-name', message: 'обязательное поле не заполнено' },
    ]);
    const v = winners[0]!;
    expect(v.region).toBe('70');
    expect(typeof v.addresses[0]!.lat).toBe('number');
  });

  it('detects Windows-1251 and maps Russian Excel headers, decimal commas and dd.mm.yyyy dates', async () => {
    const { report, winners } = await check(file('excel-cp1251.csv'));
    expect(report).toMatchObject({
      format: 'csv',
      encoding: 'windows-1251',
      total: 5,
      accepted: 5,
      rejected: 0,
    });
    expect(report.ignoredColumns).toEqual(['Примечание']);
    const v = winners[0]!;
    expect(v.jobName).toMatch(/^[А-Яа-яЁё() -]+$/);
    expect(v.company.name).toMatch(/^ООО "/);
    expect(v.modifiedAt).toBe('2026-11-10');
    expect(v.addresses[0]!.lat).toBeGreaterThan(56);
    expect(winners.map((w) => w.quota)).toEqual([false, true, false, true, false]);
  });

  it('reads a UTF-8 CSV with a BOM and commas', async () => {
    const { report } = await check(file('excel-utf8-bom.csv'));
    expect(report).toMatchObject({ encoding: 'utf-8', total: 3, accepted: 3 });
  });

  it('reads the open-data XML into the same records', async () => {
    const { report, winners } = await check(file('rostrud.xml'));
    expect(report).toMatchObject({ format: 'xml', total: 4, accepted: 4, errors: [] });
    expect(winners[0]!.region).toBe('70');
    expect(winners[0]!.addresses).toHaveLength(1);
  });

  it('reads the first sheet of an .xlsx, Excel dates to ISO, and reports the bad cell', async () => {
    const { report, winners } = await check(file('vacancies.xlsx'));
    expect(report).toMatchObject({ format: 'xlsx', total: 6, accepted: 5, rejected: 1 });
    expect(report.errors).toEqual([
      {
        row: 7,
        field: 'work_places',
        column: 'Количество рабочих мест',
        message: 'ожидается число, получено: «много»',
      },
    ]);
    expect(winners[0]!.modifiedAt).toBe('2026-11-10');
  });

  it('honours a --format override where detection cannot see far enough', async () => {
    // A JSON Lines file whose first line is longer than the 64 KB sample looks like an envelope.
    const long = { ...sampleVacancy(1, rng(1)), conditions: 'д'.repeat(40_000) };
    const text = `${JSON.stringify(long)}\n${JSON.stringify(sampleVacancy(2, rng(2)))}\n`;
    const bytes = Buffer.from(text);
    const pieces = () =>
      chunks(
        ...Array.from({ length: Math.ceil(bytes.length / 16384) }, (_, k) =>
          bytes.subarray(k * 16384, (k + 1) * 16384),
        ),
      );
    await expect(checkFeed(pieces())).rejects.toThrow(/не найден список вакансий/);
    await expect(checkFeed(pieces(), { format: 'jsonl' })).resolves.toMatchObject({
      report: { format: 'jsonl', total: 2, accepted: 2 },
    });
  });
});

describe('normalisation', () => {
  it('turns coordinates into numbers, salary 0 into "not stated", the region code into two digits', async () => {
    const v = sampleVacancy(1, rng(3), { regionCode: '7700000000000' });
    Object.assign(v, { salary_min: 0, date_modify: '2026-11-10T09:15:00+0300' });
    const { winners } = await check(chunks(envelope([v])));
    expect(winners[0]).toMatchObject({
      region: '77',
      salaryMin: undefined,
      modifiedAt: '2026-11-10T06:15:00.000Z',
    });
    expect(winners[0]!.addresses[0]!.lat).toBeCloseTo(
      Number((v.addresses as { address: Array<{ lat: string }> }).address[0]!.lat),
      5,
    );
  });
});

describe('broken feeds', () => {
  it('missing fields: each bad row named with its field, the good rows kept', async () => {
    const { report } = await check(file('missing-fields.json'));
    expect(report).toMatchObject({ total: 5, accepted: 2, rejected: 3 });
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'job-name'],
      [3, 'id'],
      [4, 'region'],
    ]);
    expect(report.errors.every((e) => e.message === 'обязательное поле не заполнено')).toBe(true);
  });

  it('wrong types: text for numbers and flags, a malformed region code', async () => {
    const { report } = await check(file('wrong-types.json'));
    expect(report).toMatchObject({ total: 5, accepted: 1, rejected: 4 });
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'addresses.address[0].lat'],
      [2, 'work_places'],
      [3, 'workPlaceType.workPlaceQuota'],
      [4, 'region.region_code'],
    ]);
  });

  it.each([
    ['truncated.json', 3, 4],
    ['truncated.csv', 2, 5],
    ['truncated.xml', 2, 3],
  ])('%s: the rows before the cut count, the cut is reported', async (name, accepted, cutRow) => {
    const { report } = await check(file(name));
    expect(report.truncated).toBe(true);
    expect(report.accepted).toBe(accepted);
    const last = report.errors.at(-1)!;
    expect(last).toMatchObject({ row: cutRow, field: '(файл)' });
    expect(last.message).toMatch(/обрывается/);
  });

  it('wrong declared encoding: read as what the bytes are, with a note', async () => {
    const { report, winners } = await check(file('wrong-encoding-declared.xml'));
    expect(report).toMatchObject({ encoding: 'windows-1251', total: 3, accepted: 3, rejected: 0 });
    expect(report.errors[0]).toMatchObject({ row: 0, field: 'encoding' });
    expect(winners[0]!.regionName).toBe('Томская область');
  });

  it('empty file: unreadable as a whole', async () => {
    await expect(checkFeed(file('empty.json'))).rejects.toThrow(EmptyFeedError);
  });

  it('header-only CSV: no records, said plainly', async () => {
    const { report } = await check(file('header-only.csv'));
    expect(report).toMatchObject({ total: 0, accepted: 0, rejected: 0, headerOnly: true });
    expect(report.errors[0]!.message).toMatch(/только строка заголовка/);
  });

  it('a CSV without an id column is refused as a whole', async () => {
    await expect(checkFeed(chunks('name;salary\nГрузчик;30000\n'))).rejects.toThrow(FeedUnreadableError);
  });

  it('binary junk is refused as a whole', async () => {
    await expect(checkFeed(chunks(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04])))).rejects.toThrow(
      FeedUnreadableError,
    );
  });

  it('refuses files over the size limit and feeds over the record limit', async () => {
    const doc = envelope(Array.from({ length: 20 }, (_, i) => sampleVacancy(i, rng(5))));
    await expect(checkFeed(chunks(doc), { maxBytes: 1000 })).rejects.toThrow(FeedTooLargeError);
    await expect(checkFeed(chunks(doc), { maxRecords: 10 })).rejects.toThrow(/больше 10 записей/);
  });

  it('a record with broken JSON syntax inside an array is one bad row', async () => {
    const good = JSON.stringify(sampleVacancy(1, rng(9)));
    const { report } = await check(
      chunks(`[${good}, {"id": "x",, "job-name": 1}, ${good.replace('6a1c', '7a1c')}]`),
    );
    expect(report).toMatchObject({ total: 3, accepted: 2, rejected: 1 });
    expect(report.errors[0]).toMatchObject({ row: 2, field: '(запись)' });
  });

  it('a Windows-1251 JSON feed is decoded too', async () => {
    const doc = iconv.encode(envelope([sampleVacancy(1, rng(2))]), 'win1251');
    const { report, winners } = await check(chunks(doc));
    expect(report.encoding).toBe('windows-1251');
    expect(winners[0]!.regionName).toMatch(/область|Москва/);
  });
});

describe('content hash', () => {
  it('is the sha256 of the bytes, the same for the same file', async () => {
    const a = await checkFeed(file('sample.json'), { hash: true });
    const b = await checkFeed(chunks(readFileSync(join(EVENTS, 'sample.json'))), { hash: true });
    expect(a.report.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.report.hash).toBe(b.report.hash);
  });
});
