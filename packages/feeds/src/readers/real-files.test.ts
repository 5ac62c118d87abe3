import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Vacancy } from '@uii/domain';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkFeed } from '../check';
import { FeedUnreadableError } from '../errors';

/** Files as employment services really send them (issue 9, «Feeds»). */
const EVENTS = join(import.meta.dirname, '../../../../events/feeds');
const bytes = (...parts: Array<string | Buffer>) =>
  (async function* () {
    for (const p of parts) yield Buffer.isBuffer(p) ? p : Buffer.from(p);
  })();

async function check(source: Parameters<typeof checkFeed>[0]) {
  const kept: Vacancy[] = [];
  const { report } = await checkFeed(source, { onVacancy: (v) => void kept.push(v) });
  return { report, kept };
}

describe('the open-data XML of «Работа России»', () => {
  it('reads identifier, title, region by reference, baseSalary, jobLocation/geo, workPlaces, innerInfo/dateModify', async () => {
    const { report, kept } = await check(createReadStream(join(EVENTS, 'opendata.xml')));
    expect(report).toMatchObject({ format: 'xml', total: 4, accepted: 2, rejected: 2 });
    expect(kept[0]).toMatchObject({
      id: '7a2f0c10-1111-4000-8000-000000000001',
      region: '70',
      jobName: 'Сторож (вахтер)',
      salaryMin: 56000,
      salaryMax: 60000,
      workPlaces: 2,
      professionCode: '189294',
      company: { name: 'ООО «СтройМонтаж»', inn: '7017000200' },
    });
    expect(kept[0]!.addresses[0]).toMatchObject({ lat: 56.51838, lng: 84.90046 });
    expect(kept[1]).toMatchObject({ jobName: 'Дворник', salaryText: 'от 30 000 руб.' });
    // The error names the element as the file does.
    expect(report.errors).toEqual([
      { row: 3, field: 'job-name', column: 'title', message: 'обязательное поле не заполнено' },
      // A vacancy the portal lists as deleted is not open: rejected, never matched.
      { row: 4, field: 'innerInfo/deleted', message: 'вакансия удалена с портала — не открыта' },
    ]);
  });

  it('says in one line that a layout is unknown, instead of one error per field per row', async () => {
    const xml = `<?xml version="1.0"?><root>${'<vacancy><foo>1</foo><bar>2</bar></vacancy>'.repeat(50)}</root>`;
    await expect(checkFeed(bytes(xml))).rejects.toThrow(/незнакомой разметке \(элементы: foo, bar\)/);
  });
});

describe('JSON of another layout', () => {
  it('is refused in one line naming its fields', async () => {
    const records = Array.from(
      { length: 20 },
      (_, i) => `{"vacancyName":"Сторож","num":${i},"город":"Томск"}`,
    );
    await expect(checkFeed(bytes(`[${records.join(',')}]`))).rejects.toThrow(
      /незнакомой разметке \(поля: vacancyName, num, город\)/,
    );
  });
});

describe('header below a title', () => {
  it('CSV: finds the header under a title and an empty line; rows keep the numbers Excel shows', async () => {
    const csv = [
      'Вакансии ЦЗН Томска на 01.11.2026;;;',
      ';;;',
      'Идентификатор;Код региона;Наименование вакансии;Заработная плата от',
      'v-1;7000000000000;Сторож;30000',
      'v-2;7000000000000;;25000',
    ].join('\r\n');
    const { report } = await check(bytes(csv));
    expect(report).toMatchObject({ total: 2, accepted: 1, rejected: 1 });
    expect(report.errors).toEqual([
      {
        row: 5,
        field: 'job-name',
        column: 'Наименование вакансии',
        message: 'обязательное поле не заполнено',
      },
    ]);
  });

  it('CSV: a quoted cell with line breaks is one row, as in Excel', async () => {
    const csv = [
      'id;region_code;job_name;work_places',
      'v-1;7000000000000;"Сторож\nночные смены\nс проживанием";1',
      'v-2;7000000000000;Грузчик;много',
    ].join('\n');
    const { report } = await check(bytes(csv));
    expect(report.errors).toEqual([
      { row: 3, field: 'work_places', column: 'work_places', message: 'ожидается число, получено: «много»' },
    ]);
  });

  it('CSV: no header in the first rows is refused once, naming what was found', async () => {
    const csv = ['Отчёт', 'a;b;c', '1;2;3'].join('\n');
    await expect(checkFeed(bytes(csv))).rejects.toThrow(
      /нет строки заголовка.*первая непустая строка: Отчёт/,
    );
  });

  it('XLSX: finds the header under a title row and an empty row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Вакансии');
    sheet.addRow(['Сведения о вакансиях, ноябрь 2026']);
    sheet.addRow([]);
    sheet.addRow(['Идентификатор', 'Код региона', 'Наименование вакансии', 'Количество рабочих мест']);
    sheet.addRow(['v-1', '7000000000000', 'Дворник', 2]);
    sheet.addRow(['v-2', '7000000000000', 'Сторож', 'много']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const { report } = await check(bytes(buffer));
    expect(report).toMatchObject({ format: 'xlsx', total: 2, accepted: 1 });
    expect(report.errors).toEqual([
      {
        row: 5,
        field: 'work_places',
        column: 'Количество рабочих мест',
        message: 'ожидается число, получено: «много»',
      },
    ]);
  });
});

describe('envelope totals', () => {
  it('reports meta.total when the envelope promises more records than arrived', async () => {
    const v = (id: string) =>
      `{"vacancy":{"id":"${id}","region":{"region_code":"7000000000000"},"job-name":"Сторож"}}`;
    const json = `{"status":"200","meta":{"total":500,"limit":100},"results":{"vacancies":[${v('a')},${v('b')}]}}`;
    const { report } = await check(bytes(json));
    expect(report).toMatchObject({ total: 2, declaredTotal: 500 });
  });
});

describe('refusals', () => {
  it('is an error about the file as a whole (exit 2 in the CLI)', async () => {
    await expect(checkFeed(bytes('<vacancy/>'.slice(0, 0)))).rejects.toBeInstanceOf(FeedUnreadableError);
  });
});

describe('XML errors in Russian', () => {
  it('names the place of a cut-off XML file without English parser text', async () => {
    const { report } = await check(createReadStream(join(EVENTS, 'truncated.xml')));
    const cut = report.errors.at(-1)!;
    expect(cut.message).toMatch(/XML обрывается или нарушен после записи \d+: .*\(строка \d+, символ \d+\)/);
    expect(cut.message).not.toMatch(/unclosed|unexpected/i);
  });
});
