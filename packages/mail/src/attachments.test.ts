import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvRows, decodeText, detectDelimiter, kindOf } from './attachments';

const text = 'ФИО;дата;часы\nПетрова Мария Сергеевна;12.03.2026;4\n';

describe('table attachments', () => {
  it('decodes UTF-8 (with BOM), Windows-1251 and KOI8-R to the same text', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(decodeText(iconv.encode(text, 'win1251'))).toBe(text);
    expect(decodeText(iconv.encode(text, 'koi8-r'))).toBe(text);
  });

  it('finds the separator', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter(text)).toBe(';');
  });

  it('reads rows from a Windows-1251 comma CSV with quotes', () => {
    const rows = csvRows(iconv.encode('"ФИО","дата"\n"Смирнов, П.А.","13.11.26"\n', 'win1251'));
    expect(rows).toEqual([
      ['ФИО', 'дата'],
      ['Смирнов, П.А.', '13.11.26'],
    ]);
  });

  it('never opens archives', () => {
    expect(kindOf('tabel.zip', 'application/octet-stream')).toBe('archive');
    expect(kindOf('tabel.xlsx', 'application/octet-stream')).toBe('xlsx');
  });
});
