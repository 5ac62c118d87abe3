import { describe, expect, it } from 'vitest';
import { AlertJob } from '../alerts/alert-job';
import { errorsCsv, type FeedOutcome, feedReceiptContent, feedReceiptJob, feedRefusalJob } from './receipt';

const outcome = (errors: number): FeedOutcome => ({
  serviceId: 'tomsk-czn',
  serviceName: 'ЦЗН Томска',
  fileName: 'vacancies.csv',
  month: '2026-11',
  receivedAt: '2026-11-03T07:00:00.000Z',
  format: 'csv',
  encoding: 'windows-1251',
  total: 100 + errors,
  accepted: 98,
  rejected: errors,
  duplicates: 2,
  errors: Array.from({ length: errors }, (_, i) => ({
    row: i + 2,
    field: 'salary_min',
    message: `ожидается число, получено: «<b>${i}»`,
  })),
  errorsOmitted: 0,
  truncated: false,
  headerOnly: false,
  ignoredColumns: ['Примечание'],
  hash: 'a'.repeat(64),
});

describe('feed receipt', () => {
  it('states the counts and lists the first 50 errors, saying how many more', () => {
    const { subject, text, html } = feedReceiptContent(outcome(70));
    expect(subject).toBe('Лента вакансий за 2026-11 принята: 98 вакансий, 70 отклонено — ЦЗН Томска');
    expect(text).toMatch(/Принято вакансий: 98\nОтклонено записей: 70\nПовторы .*: 2/);
    expect(text).toContain('строка 51, поле salary_min');
    expect(text).not.toContain('строка 52,');
    expect(text).toContain('… и ещё 20');
    expect(text).toContain('Не использованы столбцы: Примечание');
    expect(html).toContain('&lt;b&gt;0');
    expect(html).not.toContain('<b>0');
  });

  it('attaches every error as an Excel-friendly CSV', () => {
    const csv = errorsCsv(outcome(70).errors);
    expect(csv.startsWith('\uFEFFстрока;поле;ошибка\r\n')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(71);
    expect(errorsCsv([{ row: 3, field: 'company.name', message: 'текст; с "кавычками"' }])).toContain(
      '3;company.name;"текст; с ""кавычками"""',
    );
  });

  it('makes a valid AlertJob whose id depends on the content only', () => {
    const a = feedReceiptJob(outcome(1), ['czn@trud.example'], { contentBase64: 'eA==' });
    const b = feedReceiptJob(
      { ...outcome(1), repeated: true, fileName: 'again.csv' },
      ['czn@trud.example'],
      undefined,
    );
    expect(AlertJob.parse(a)).toEqual(a);
    expect(a.id).toBe(b.id);
    expect(a.attachments?.[0]).toMatchObject({ filename: 'errors-tomsk-czn-2026-11.csv' });
    expect(feedReceiptJob({ ...outcome(1), hash: 'b'.repeat(64) }, ['x@y.example'], undefined).id).not.toBe(
      a.id,
    );
  });

  it('says plainly why a file was refused', () => {
    const job = feedRefusalJob({
      serviceId: 'tomsk-czn',
      fileName: 'empty.json',
      reason: 'файл пуст / the file is empty',
      uploadId: 'etag-1',
      to: ['czn@trud.example'],
    });
    expect(AlertJob.parse(job).subject).toMatch(/не принята/);
    expect(job.text).toContain('не принят: файл пуст');
  });
});
