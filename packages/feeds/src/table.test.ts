import { checkProposalRows, missingPlaceColumns, placeRecordOfObject, placeRowMapper } from '@uii/domain';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FeedUnreadableError } from './errors';
import { readTable } from './table';

const spec = {
  mapper: placeRowMapper,
  refuse: (known: readonly string[]) => {
    const missing = missingPlaceColumns(known);
    return missing.length ? `нет столбцов: ${missing.join(', ')}` : undefined;
  },
  fromObject: placeRecordOfObject,
};
const bytes = (b: Buffer) =>
  (async function* () {
    yield b;
  })();

const HEADERS = [
  'Организация',
  'ИНН',
  'Адрес',
  'Виды работ',
  'Рабочих мест',
  'Вид наказания',
  'График',
  'Охрана труда',
  'Ответственный',
  'E-mail',
  'Действует по',
];
const ROW = [
  'МБУ «Парк»',
  '7017005056',
  'г. Томск, Лагерный сад',
  'уборка, покраска',
  4,
  'ОР',
  'пн–сб',
  'инструктаж',
  'Парков Николай',
  'park@tomsk.example',
];
const ctx = { municipalityId: 'tomsk', receivedOn: '2026-11-02' };

describe('readTable: proposals through the feed readers', () => {
  it('reads the first sheet of an Excel workbook, rows numbered as Excel shows them, dates as ISO', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Места');
    sheet.addRow(HEADERS);
    sheet.addRow([...ROW, new Date(Date.UTC(2027, 11, 31))]);
    sheet.addRow([...ROW.slice(0, 4), 'много', ...ROW.slice(5), '31.12.2027']);
    const read = await readTable(bytes(Buffer.from(await wb.xlsx.writeBuffer())), spec);
    expect(read.format).toBe('xlsx');
    const { places, errors } = checkProposalRows(read.rows, ctx);
    expect(places).toMatchObject([
      { row: 2, workplaces: 4, validTo: '2027-12-31', organisation: 'МБУ «Парк»' },
    ]);
    expect(errors).toEqual([
      { row: 3, field: 'Количество рабочих мест', message: 'целое число рабочих мест (указано «много»)' },
    ]);
  });

  it('reads a Windows-1251 CSV from Russian Excel and a JSON array with Russian or English keys', async () => {
    const csv = iconv.encode(`${HEADERS.join(';')}\r\n${[...ROW, '31.12.2027'].join(';')}\r\n`, 'win1251');
    const fromCsv = await readTable(bytes(csv), spec);
    expect(fromCsv).toMatchObject({ format: 'csv', encoding: 'windows-1251' });
    expect(checkProposalRows(fromCsv.rows, ctx).places[0]).toMatchObject({ organisation: 'МБУ «Парк»' });

    const json = JSON.stringify([
      Object.fromEntries(HEADERS.map((h, i) => [h, [...ROW, '2027-12-31'][i]])),
      { organisation: 'ООО «Я»', inn: '123', address: 'г. Томск, ул. 1', workplaces: 1 },
    ]);
    const fromJson = await readTable(bytes(Buffer.from(json)), spec);
    const checked = checkProposalRows(fromJson.rows, ctx);
    expect(checked.places.map((p) => p.row)).toEqual([1]);
    expect(checked.errors.filter((e) => e.row === 2).map((e) => e.field)).toEqual([
      'ИНН',
      'Виды работ',
      'Вид наказания',
      'График',
      'Охрана труда',
      'Ответственный',
      'Эл. почта ответственного',
      'Действует по',
    ]);
  });

  it('refuses a file without the required columns, naming them', async () => {
    const csv = Buffer.from('Организация;Адрес\nМБУ;ул. 1\n');
    await expect(readTable(bytes(csv), spec)).rejects.toThrow(FeedUnreadableError);
    await expect(readTable(bytes(csv), spec)).rejects.toThrow(
      /ИНН, Виды работ, Количество рабочих мест, Вид наказания, График, Охрана труда, Ответственный/,
    );
  });
});
