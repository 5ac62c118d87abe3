import { deflateRawSync, gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkFeed } from './check';
import { detectEncoding } from './encoding';
import { FeedUnreadableError } from './errors';

const bytes = (...parts: Buffer[]) =>
  (async function* () {
    for (const p of parts) yield p;
  })();

const CSV = [
  'Идентификатор;Код региона;Наименование вакансии;Количество рабочих мест',
  'v-1;7000000000000;Сторож;1',
  'v-2;7000000000000;Дворник;2',
  'v-3;7000000000000;Грузчик;много',
].join('\r\n');

/** One file in a zip, deflated, with its sizes in the local header; plus a second, unread entry. */
function zipOf(name: string, data: Buffer, extra?: { name: string; data: Buffer }): Buffer {
  const entry = (n: string, d: Buffer) => {
    const packed = deflateRawSync(d);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x800, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(d.length, 22);
    header.writeUInt16LE(Buffer.byteLength(n), 26);
    return Buffer.concat([header, Buffer.from(n), packed]);
  };
  const central = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
  return Buffer.concat([entry(name, data), ...(extra ? [entry(extra.name, extra.data)] : []), central]);
}

describe('containers', () => {
  it('reads a gzip-compressed feed as the feed inside, hashing the upload as sent', async () => {
    const gz = gzipSync(Buffer.from(CSV));
    const { report } = await checkFeed(bytes(gz), { hash: true });
    expect(report).toMatchObject({ format: 'csv', total: 3, accepted: 2, rejected: 1, bytes: gz.length });
    expect(report.errors[0]).toMatchObject({ row: 4, column: 'Количество рабочих мест' });
  });

  it('refuses a gzip that unpacks past the size limit (a «zip bomb») as a whole', async () => {
    const bomb = gzipSync(
      Buffer.concat([Buffer.from('id;job_name\n'), Buffer.alloc(64 * 1024 * 1024, 0x41)]),
    );
    await expect(checkFeed(bytes(bomb), { maxBytes: 1024 * 1024 })).rejects.toThrow(
      /распакованный файл больше/,
    );
  });

  it('reads the first file of a zip archive and says so', async () => {
    const zip = zipOf('выгрузка/вакансии.csv', Buffer.from(CSV), {
      name: 'readme.txt',
      data: Buffer.from('x'),
    });
    const { report } = await checkFeed(bytes(zip.subarray(0, 40), zip.subarray(40)));
    expect(report).toMatchObject({ format: 'csv', total: 3, accepted: 2 });
    expect(report.errors.map((e) => e.message)).toContain(
      'из архива zip прочитан первый файл «вакансии.csv»',
    );
  });

  it('still reads .xlsx workbooks (also zip files) as Excel', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Лист1').addRow(['id', 'region_code', 'job_name']);
    workbook.getWorksheet('Лист1')!.addRow(['v-1', '7000000000000', 'Сторож']);
    const { report } = await checkFeed(bytes(Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(report).toMatchObject({ format: 'xlsx', accepted: 1 });
  });

  it.each([
    [
      '.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      /Excel 97–2003 \(\.xls\): .*сохраните как \.xlsx/,
    ],
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /это PDF-документ/],
    [
      'PNG',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      /изображение \(PNG\)/,
    ],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), /изображение \(JPEG\)/],
    ['RAR', Buffer.from('Rar!\x1a\x07\x00', 'latin1'), /архив RAR/],
  ])('refuses %s with a sentence naming what the file is', async (_kind, head, message) => {
    const run = checkFeed(bytes(head, Buffer.alloc(2000, 7)));
    await expect(run).rejects.toBeInstanceOf(FeedUnreadableError);
    await expect(checkFeed(bytes(head, Buffer.alloc(2000, 7)))).rejects.toThrow(message);
  });

  it('refuses binary data as not a text feed (an unreadable file, not a crash)', async () => {
    const noise = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 131 + 7) % 256));
    await expect(checkFeed(bytes(noise))).rejects.toBeInstanceOf(FeedUnreadableError);
  });
});

describe('encodings', () => {
  const tsv = CSV.replaceAll(';', '\t');
  it.each([
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tsv, 'utf16le')])],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(tsv, 'utf16be')])],
  ])("reads Excel's «Текст Юникод» (%s with BOM, tab-separated)", async (encoding, file) => {
    const { report } = await checkFeed(bytes(file.subarray(0, 51), file.subarray(51)));
    expect(report).toMatchObject({ format: 'csv', encoding, total: 3, accepted: 2 });
    expect(report.errors[0]).toMatchObject({ row: 4, column: 'Количество рабочих мест' });
  });

  it('tells KOI8-R from Windows-1251', () => {
    const text = 'Сторож в ночную смену, работа в охране объекта, график сменный';
    expect(detectEncoding(iconv.encode(text, 'koi8-r'))).toBe('koi8-r');
    expect(detectEncoding(iconv.encode(text, 'win1251'))).toBe('windows-1251');
  });

  it('rejects the rows holding invalid UTF-8, with their numbers, wherever they are in the file', async () => {
    const good = (i: number) => `v-${i};7000000000000;Сторож ночной смены;1`;
    const lines = ['id;region_code;job_name;work_places'];
    for (let i = 1; i <= 30_000; i++) lines.push(good(i));
    const broken = (row: number) => Buffer.from(`v-x${row};7000000000000;Стор\xff\xfeож;1`, 'latin1');
    const head = Buffer.from(`${lines.slice(0, 3).join('\n')}\n`);
    const middle = Buffer.from(`\n${lines.slice(3).join('\n')}\n`);
    // Row 4 (in the first kilobytes) and the last row (past the first megabyte) are broken alike.
    const file = Buffer.concat([head, broken(4), middle, broken(30_003)]);
    expect(file.length).toBeGreaterThan(1024 * 1024);
    const { report } = await checkFeed(bytes(file));
    expect(report.encoding).toBe('utf-8');
    expect(report.rejected).toBe(2);
    expect(report.errors.map((e) => e.row)).toEqual([4, 30_003]);
    expect(report.errors[0]!.message).toMatch(/недопустимые в UTF-8/);
  });
});

describe('hostile records', () => {
  it('rejects a record nested 100k levels deep and keeps its neighbours', async () => {
    const d = 100_000;
    const good = (id: string) =>
      `{"id":"${id}","region":{"region_code":"7000000000000"},"job-name":"Сторож"}`;
    const deep = `{"id":"deep","region":{"region_code":"7000000000000"},"job-name":"Сторож","company":${'['.repeat(d)}${']'.repeat(d)}}`;
    const { report } = await checkFeed(bytes(Buffer.from(`[${good('a')},${deep},${good('b')}]`)));
    expect(report).toMatchObject({ total: 3, accepted: 2, rejected: 1 });
    expect(report.errors[0]).toMatchObject({ row: 2, message: expect.stringMatching(/вложена глубже/) });
  });

  it('explains a broken JSON record in Russian', async () => {
    const json =
      '{"id":"a","region":{"region_code":"7000000000000"},"job-name":"Сторож"}\n{"id":"b","job-name":"x\n{"id":"c"}\n';
    const { report } = await checkFeed(bytes(Buffer.from(json)));
    expect(report.errors.length).toBeGreaterThan(0);
    for (const e of report.errors) expect(e.message.replaceAll('JSON', '')).not.toMatch(/[A-Za-z]{4,}/);
  });
});

describe('Excel date-times', () => {
  it('reads a date-time without zone as Moscow time, like CSV and JSON', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Лист1');
    sheet.addRow(['id', 'region_code', 'job_name', 'date_modify']);
    sheet.addRow(['v-1', '7000000000000', 'Сторож', new Date(Date.UTC(2026, 10, 10, 9, 15))]);
    const kept: Array<{ modifiedAt?: string }> = [];
    await checkFeed(bytes(Buffer.from(await workbook.xlsx.writeBuffer())), {
      onVacancy: (v) => void kept.push(v),
    });
    // 09:15 on the clerk's clock in Moscow is 06:15 UTC.
    expect(kept[0]!.modifiedAt).toBe('2026-11-10T06:15:00.000Z');
  });
});
