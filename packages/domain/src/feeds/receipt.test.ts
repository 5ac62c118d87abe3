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
    expect(subject).toBe(
      'Лента вакансий за 11.2026 принята частично: 98 вакансий, 70 записей отклонено — ЦЗН Томска',
    );
    expect(text).toContain('Месяц: 11.2026, получена 03.11.2026');
    expect(text).not.toMatch(/docs\/|salary_min/);
    expect(text).toMatch(/Принято вакансий: 98\nОтклонено записей: 70\nПовторы .*: 2/);
    expect(text).toContain('строка 51, «Зарплата от»');
    expect(text).not.toContain('строка 52,');
    expect(text).toContain('… и ещё 20');
    expect(text).toContain('Не использованы столбцы: Примечание');
    expect(html).toContain('&lt;b&gt;0');
    expect(html).not.toContain('<b>0');
  });

  it('attaches every error as an Excel-friendly CSV', () => {
    const csv = errorsCsv(outcome(70).errors);
    expect(csv.startsWith('\uFEFFстрока;столбец;ошибка\r\n')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(71);
    expect(errorsCsv([{ row: 3, field: 'company.name', message: 'текст; с "кавычками"' }])).toContain(
      '3;Работодатель;"текст; с ""кавычками"""',
    );
    expect(
      errorsCsv([{ row: 4, field: 'job-name', column: 'Наименование вакансии', message: 'x' }]),
    ).toContain('4;Наименование вакансии;x');
  });

  it('neutralises cells Excel would run as formulas', () => {
    for (const hostile of ['=HYPERLINK("http://x")', '+7 000', '-1+1', '@SUM(A1)', '\tcmd', '\rcmd']) {
      const line = errorsCsv([{ row: 2, field: 'salary', message: hostile }]).split('\r\n')[1]!;
      const cell = line.split(';').slice(2).join(';').replace(/^"/, '');
      expect(cell.startsWith("'"), hostile).toBe(true);
    }
  });

  it('agrees Russian plurals and warns about a replaced feed and a short envelope', () => {
    const one = { ...outcome(1), accepted: 1, rejected: 1 };
    expect(feedReceiptContent(one).subject).toMatch(/: 1 вакансия, 1 запись отклонена/);
    expect(feedReceiptContent({ ...one, accepted: 22, rejected: 3 }).subject).toMatch(
      /: 22 вакансии, 3 записи отклонены/,
    );
    expect(feedReceiptContent({ ...one, accepted: 11, rejected: 0, errors: [] }).subject).toMatch(
      /принята: 11 вакансий — /,
    );
    const replaced = feedReceiptContent({
      ...one,
      replacedReceivedAt: '2026-11-02T09:00:00Z',
      declaredTotal: 500,
    }).text;
    expect(replaced).toContain('заменила ленту за 11.2026, полученную 02.11.2026');
    expect(replaced).toMatch(/указано 500 записей, а получено 101/);
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
    // The text names the attachment by the name it has.
    expect(a.text).toContain('во вложении errors-tomsk-czn-2026-11.csv');
    expect(feedReceiptJob({ ...outcome(1), hash: 'b'.repeat(64) }, ['x@y.example'], undefined).id).not.toBe(
      a.id,
    );
    // The same file again after another one replaced it: a receipt of its own.
    const again = feedReceiptJob(
      { ...outcome(1), replacedReceivedAt: '2026-11-10T07:00:00.000Z' },
      ['x@y.example'],
      undefined,
    );
    expect(again.id).not.toBe(a.id);
    expect(AlertJob.parse(again)).toEqual(again);
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
