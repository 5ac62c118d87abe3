import { describe, expect, it } from 'vitest';
import type { AlertJob } from '../alerts/alert-job';
import {
  assignmentNoticeJob,
  checkProposalRows,
  decisionLetterJob,
  listExpiredJobs,
  listExpiryJob,
  looksLikePlacesTable,
  missingColumnsMessage,
  missingPlaceFields,
  PLACE_COLUMNS,
  PLACE_FIELDS,
  PLACES_FILE_EXTENSIONS,
  type PlaceDecision,
  placeRowMapper,
  placesBinaryProblem,
  placesContentMismatch,
  placesFileNameProblem,
  placesFileRefusal,
  proposalReceiptJob,
  proposalRefusedJob,
  REFUSAL_REASONS,
} from './index';

const good: Record<string, string> = {
  organisation: 'МБУ «Благоустройство»',
  inn: '7017000019',
  address: 'г. Томск, ул. Розы Люксембург, 1',
  lat: '56,48',
  lng: '84,95',
  kinds_of_work: 'уборка территории',
  workplaces: '3',
  sentence: 'ОР',
  hours: '08:00–12:00',
  schedule: 'пн–пт',
  safety: 'инструктаж, спецодежда',
  admin_name: 'Петров Пётр Петрович',
  admin_email: 'master@blag.example',
  admin_phone: '+7 3822 00-00-00',
  valid_from: '01.11.2026',
  valid_to: '31.12.2027',
};
const ruOf = (field: string) => PLACE_COLUMNS.find((c) => c.name === field)!.ru;

describe('proposal file types', () => {
  it('refuses a name no reader takes, naming the file and every accepted extension', () => {
    for (const name of ['a.exe', 'перечень.pdf', 'места.zip', 'list.docx']) {
      const problem = placesFileNameProblem(name);
      expect(problem).toContain(`«${name}»`);
      for (const ext of PLACES_FILE_EXTENSIONS) expect(problem).toContain(ext);
    }
    expect(placesFileNameProblem('перечень.xls')).toMatch(/сохраните как «Книга Excel \(\.xlsx\)»/);
    for (const name of ['перечень.xlsx', 'места.CSV', 'места.txt', 'места.json', 'proposal'])
      expect(placesFileNameProblem(name)).toBeUndefined();
    expect(placesFileNameProblem('места.jsonl')).toBeUndefined();
  });

  it('a file whose content is not what its name says is refused as that type, with what to do', () => {
    const textAsExcel = placesFileRefusal('перечень.xlsx', placesContentMismatch('перечень.xlsx', 'csv')!);
    expect(textAsExcel).toMatch(
      /^файл «перечень\.xlsx» не читается как Excel \(\.xlsx\): внутри обычный текст/,
    );
    expect(textAsExcel).toMatch(/сохраните его как «Книга Excel \(\.xlsx\)»/);
    expect(textAsExcel).toMatch(/расширение \.csv/);
    const excelAsCsv = placesFileRefusal('места.csv', placesContentMismatch('места.csv', 'xlsx')!);
    expect(excelAsCsv).toMatch(/^файл «места\.csv» не читается как CSV \(\.csv\): внутри книга Excel/);
    expect(excelAsCsv).toMatch(/расширение \.xlsx/);
    expect(placesFileRefusal('места.json', placesContentMismatch('места.json', 'csv')!)).toMatch(
      /не читается как JSON \(\.json\): внутри обычный текст, а не текст JSON/,
    );
    // Content as named, or no name to go by: read on.
    expect(placesContentMismatch('места.csv', 'csv')).toBeUndefined();
    expect(placesContentMismatch('места.txt', 'csv')).toBeUndefined();
    expect(placesContentMismatch('места.json', 'jsonl')).toBeUndefined();
    expect(placesContentMismatch('proposal', 'xlsx')).toBeUndefined();
  });

  it('a damaged workbook, a zip that is no workbook and binary data each say what they are', () => {
    expect(placesFileRefusal('перечень.xlsx', { kind: 'corrupt' })).toMatch(
      /^файл «перечень\.xlsx» не читается как Excel \(\.xlsx\): файл повреждён или передан не полностью/,
    );
    expect(placesFileRefusal('перечень.xlsx', { kind: 'not-workbook' })).toMatch(
      /не читается как Excel \(\.xlsx\): это zip-архив, но в нём нет листов Excel/,
    );
    expect(placesFileRefusal('места.csv', { kind: 'binary' })).toMatch(
      /^файл «места\.csv» не читается как CSV \(\.csv\): внутри двоичные данные/,
    );
    expect(placesFileRefusal('места.csv', { kind: 'empty' })).toBe(
      'файл «места.csv» пуст: в нём нет таблицы мест',
    );
  });

  it('binary content a code page would decode as text is binary; an OLE file is an old or locked Excel book', () => {
    const bytes = (...b: number[]) =>
      Uint8Array.from([...b, ...Buffer.from('This program cannot be run in DOS mode')]);
    expect(placesBinaryProblem(bytes(0x4d, 0x5a, 0x90, 0x00), 'windows-1251')).toEqual({ kind: 'binary' });
    expect(placesBinaryProblem(Uint8Array.from(Buffer.from('%PDF-1.4\n%âãÏÓ')), 'windows-1251')).toEqual({
      kind: 'binary',
    });
    expect(placesBinaryProblem(bytes(0x41, 0x00, 0x42), 'windows-1251')).toEqual({ kind: 'binary' });
    const ole = placesBinaryProblem(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1));
    expect(ole).toEqual({ kind: 'old-excel' });
    expect(placesFileRefusal('перечень.xlsx', ole!)).toMatch(
      /^файл «перечень\.xlsx» не читается как Excel \(\.xlsx\): это книга старого формата Excel 97–2003 \(\.xls\) или книга, защищённая паролем/,
    );
    // Text is text, UTF-16 with its NUL bytes too.
    expect(
      placesBinaryProblem(Uint8Array.from(Buffer.from('Организация;ИНН\n', 'utf8')), 'utf-8'),
    ).toBeUndefined();
    expect(
      placesBinaryProblem(Uint8Array.from(Buffer.from('Организация;ИНН\n', 'utf16le')), 'utf-16le'),
    ).toBeUndefined();
  });

  it('takes spreadsheets from mail (to refuse .xls with a reason) but not covering letters or logos', () => {
    expect(looksLikePlacesTable('перечень.xlsx')).toBe(true);
    expect(looksLikePlacesTable('перечень.xls')).toBe(true);
    expect(looksLikePlacesTable(undefined, 'text/csv')).toBe(true);
    expect(looksLikePlacesTable('письмо.pdf', 'application/pdf')).toBe(false);
    expect(looksLikePlacesTable('logo.png', 'image/png')).toBe(false);
  });
});

describe('missing columns', () => {
  // Coordinates are optional as a pair: the row without either is the complete one.
  const { lat: _lat, lng: _lng, ...complete } = good;
  const rowFails = (without: string) => {
    const { [without]: _gone, ...rest } = complete;
    return (
      checkProposalRows([{ row: 2, value: rest }], { municipalityId: 'm', receivedOn: '2026-11-02' }).places
        .length === 0
    );
  };

  it('the file is refused for exactly the columns a row cannot do without, each named as in the template', () => {
    const required = PLACE_FIELDS.filter(rowFails);
    expect(required.length).toBeGreaterThan(5);
    // A header of only the optional columns: every required column is named, none other.
    const header = PLACE_FIELDS.filter((f) => !required.includes(f)).map(ruOf);
    const missing = missingPlaceFields(placeRowMapper(header).known);
    expect(missing).toEqual(required);
    const message = missingColumnsMessage(missing);
    for (const f of required) expect(message).toContain(`«${ruOf(f)}»`);
    for (const f of PLACE_FIELDS.filter((x) => !required.includes(x)))
      expect(message).not.toContain(`«${ruOf(f)}»`);
    // Any one required column left out of a full header is named alone.
    for (const f of required) {
      const known = placeRowMapper(PLACE_FIELDS.filter((x) => x !== f).map(ruOf)).known;
      expect(missingPlaceFields(known)).toEqual([f]);
    }
  });

  it('reads in natural Russian with agreed plurals and names the headers it did not recognise', () => {
    expect(missingColumnsMessage(['inn'])).toBe('в файле нет обязательного столбца «ИНН»');
    expect(missingColumnsMessage(['inn', 'address'])).toBe(
      'в файле нет 2 обязательных столбцов: «ИНН» и «Адрес»',
    );
    expect(missingColumnsMessage(['inn', 'address', 'schedule', 'safety', 'valid_to'])).toBe(
      'в файле нет 5 обязательных столбцов: «ИНН», «Адрес», «График», «Охрана труда» и «Действует по»',
    );
    expect(missingColumnsMessage(['inn'], ['Кол-во', 'Инн орг-ции'])).toMatch(
      /не распознаны столбцы «Кол-во» и «Инн орг-ции»/,
    );
    expect(missingColumnsMessage(['inn'], ['Инн орг-ции', ''])).toBe(
      'в файле нет обязательного столбца «ИНН»; не распознан столбец «Инн орг-ции» — назовите столбцы, как в шаблоне',
    );
  });
});

describe('letters to partners', () => {
  const municipality = { id: 'm', name: 'Администрация', contacts: ['trud@m.example'] };
  const place = {
    id: 'PL-1',
    organisation: 'МБУ «Благоустройство»',
    inn: '7017000019',
    address: 'г. Томск, ул. Розы Люксембург, 1',
    workplaces: 3,
    sentence: 'compulsory_labor' as const,
    kindsOfWork: ['уборка'],
    validTo: '2027-12-31',
    conditions: { schedule: 'пн–пт', safety: 'инструктаж' },
  };
  const who = { by: 'OFF-1', date: '2026-11-10', at: '2026-11-10T10:00:00Z' };
  const decision = (d: PlaceDecision): PlaceDecision => d;
  const letters = (): AlertJob[] => [
    proposalReceiptJob({
      municipality,
      proposalId: 'PR-1',
      fileName: 'f.csv',
      receivedOn: '2026-11-02',
      due: '2026-11-17',
      accepted: 1,
      unchanged: 0,
      errors: [{ row: 3, field: 'ИНН', message: 'неверная контрольная цифра' }],
      ignoredColumns: [],
      to: ['trud@m.example'],
    }),
    proposalRefusedJob({
      municipality,
      uploadId: 'u',
      fileName: 'f.xlsx',
      reason: 'что-то',
      to: ['a@m.example'],
    }),
    ...(['consent', 'remarks'] as const).map((type) =>
      decisionLetterJob({
        municipality,
        inspectionName: 'УИИ',
        place,
        receivedOn: '2026-11-02',
        decision: decision(type === 'consent' ? { type, ...who } : { type, ...who, text: 'уточните график' }),
        to: ['trud@m.example'],
      }),
    ),
    decisionLetterJob({
      municipality,
      inspectionName: 'УИИ',
      place,
      receivedOn: '2026-11-02',
      decision: decision({ type: 'refusal', ...who, reasons: [REFUSAL_REASONS[0]!.code] }),
      to: ['trud@m.example'],
    }),
    listExpiryJob({ municipality, validTo: '2027-12-31', places: [place] }),
    ...listExpiredJobs({ municipality, validTo: '2027-12-31', places: [place], officer: [] }),
    assignmentNoticeJob({
      placeId: 'PL-1',
      organisation: 'МБУ',
      to: ['master@blag.example'],
      caseId: 'OR-1',
      shortName: 'Иванов И. И.',
      date: '2026-11-10',
    }),
  ];

  it('no letter to a municipality or worksite points into the repository', () => {
    for (const job of letters()) {
      expect(job.audience).not.toBe('officer');
      for (const text of [job.subject, job.text, job.html ?? ''])
        expect(text, job.kind).not.toMatch(/docs\/|\.md\b|packages\/|events\//);
    }
  });

  it('a refusal and a receipt with bad rows say how to send the file and carry the template', () => {
    for (const job of letters().slice(0, 2)) {
      expect(job.text).toContain('Как прислать файл:');
      expect(job.text).toContain('trud@m.example');
      for (const c of PLACE_COLUMNS) expect(job.text).toContain(c.ru);
      const template = job.attachments?.find((a) => a.filename.includes('shablon'));
      expect(template).toBeDefined();
      const header = Buffer.from((template as { contentBase64: string }).contentBase64, 'base64')
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split(';');
      // The template's header is one the intake reads with nothing missing.
      expect(missingPlaceFields(placeRowMapper(header).known)).toEqual([]);
      expect(placeRowMapper(header).known).toHaveLength(PLACE_FIELDS.length);
    }
  });

  it('a receipt to a second sender of the same file says when it came first and what that means', () => {
    const job = proposalReceiptJob({
      municipality,
      proposalId: 'PR-1',
      fileName: 'f.csv',
      receivedOn: '2026-11-05',
      due: '2026-11-05',
      accepted: 2,
      unchanged: 2,
      errors: [],
      ignoredColumns: [],
      to: ['second@m.example'],
      alreadyReceivedOn: '2026-11-02',
      recipientKey: 'k2',
    });
    expect(job.subject).toMatch(/^Файл уже получен 02\.11\.2026\./);
    expect(job.text).toMatch(/Этот же файл уже был получен 02\.11\.2026: .*новые сроки не начинаются/);
    expect(job.id).toBe('place-receipt:m:PR-1:k2');
    // A place of that file under remarks is proposed again: the letter does not say «nothing changes».
    const withRemarks = proposalReceiptJob({
      municipality,
      proposalId: 'PR-1',
      fileName: 'f.csv',
      receivedOn: '2026-11-05',
      due: '2026-11-19',
      accepted: 2,
      unchanged: 1,
      errors: [],
      ignoredColumns: [],
      to: ['second@m.example'],
      alreadyReceivedOn: '2026-11-02',
    });
    expect(withRemarks.text).not.toMatch(/ничего не меняет/);
    expect(withRemarks.text).toMatch(/по которым были замечания, снова приняты к рассмотрению/);
    expect(withRemarks.text).toContain('Срок рассмотрения — до 19.11.2026.');
  });
});
