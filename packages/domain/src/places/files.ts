import { plural } from '../text/plural';
import { PLACE_COLUMNS, type PlaceField, REQUIRED_PLACE_COLUMNS } from './proposal';

/**
 * The file types a proposal of places is read from (places-intake, the mail hook, `uii places
 * import`), by name; the content is detected by the feed readers and must agree with the name.
 * A name without an extension is read by its content alone (a mail attachment without a name).
 */
export type PlacesFileType = 'xlsx' | 'csv' | 'json';

const BY_EXTENSION: Record<string, PlacesFileType> = {
  xlsx: 'xlsx',
  csv: 'csv',
  txt: 'csv',
  json: 'json',
  jsonl: 'json',
};

/** Every extension a proposal file may have: what upload-url and the CLI accept. */
export const PLACES_FILE_EXTENSIONS = Object.keys(BY_EXTENSION).map((e) => `.${e}`);

const TYPE_RU: Record<PlacesFileType, string> = {
  xlsx: 'Excel (.xlsx)',
  csv: 'CSV (.csv)',
  json: 'JSON (.json)',
};

/** «Excel (.xlsx), CSV (.csv или .txt) или JSON (.json или .jsonl)»: what to send instead. */
export const PLACES_FILE_TYPES_RU = 'Excel (.xlsx), CSV (.csv или .txt) или JSON (.json или .jsonl)';

/** The formats of the feed detector (`@uii/feeds` detectFeed) each type's content may have. */
const CONTENT_OF: Record<PlacesFileType, readonly string[]> = {
  xlsx: ['xlsx'],
  csv: ['csv'],
  // An object instead of an array is reported by the JSON reader itself.
  json: ['json-array', 'jsonl', 'rostrud-json'],
};

const extensionOf = (fileName: string): string | undefined => {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : undefined;
};

/** The type a file's name promises; undefined when it has no extension (content decides). */
export function placesFileTypeOf(fileName: string): PlacesFileType | undefined {
  const ext = extensionOf(fileName);
  return ext ? BY_EXTENSION[ext] : undefined;
}

const SPREADSHEETS = new Set(['xls', 'xlsm', 'xlsb', 'ods', 'numbers', 'et']);
const DOCUMENTS = new Set(['doc', 'docx', 'odt', 'rtf', 'pdf']);

/**
 * Why a file of this name is not taken (its extension is none of PLACES_FILE_EXTENSIONS), in
 * Russian with what to send instead; undefined when the name is fine or has no extension.
 */
export function placesFileNameProblem(fileName: string): string | undefined {
  const ext = extensionOf(fileName);
  if (!ext || BY_EXTENSION[ext]) return undefined;
  const what = SPREADSHEETS.has(ext)
    ? `таблица в формате .${ext} не читается: откройте её в Excel и сохраните как «Книга Excel (.xlsx)» (или как CSV)`
    : DOCUMENTS.has(ext)
      ? `документ .${ext} не читается как таблица: перенесите таблицу мест в Excel и сохраните как «Книга Excel (.xlsx)»`
      : `файлы .${ext} не принимаются`;
  return `файл «${fileName}»: ${what}. Предложение мест принимается в виде ${PLACES_FILE_TYPES_RU}`;
}

const INSIDE: Record<string, string> = {
  xlsx: 'внутри книга Excel (zip-архив)',
  csv: 'внутри обычный текст',
  'json-array': 'внутри текст JSON',
  jsonl: 'внутри текст JSON',
  'rostrud-json': 'внутри текст JSON',
  xml: 'внутри текст XML или HTML',
};
const NOT: Record<PlacesFileType, string> = { xlsx: 'книга Excel', csv: 'таблица CSV', json: 'текст JSON' };

/** What a file read as `detected` should be renamed to, when that type is accepted. */
const RENAME: Record<string, string> = {
  xlsx: 'если это книга Excel, дайте файлу расширение .xlsx',
  csv: 'если это таблица CSV, дайте файлу расширение .csv',
  'json-array': 'если это JSON, дайте файлу расширение .json',
  jsonl: 'если это JSON, дайте файлу расширение .json',
};

const SAVE_AS: Record<PlacesFileType, string> = {
  xlsx: 'откройте файл в Excel и сохраните его как «Книга Excel (.xlsx)»',
  csv: 'сохраните таблицу в Excel как «CSV UTF-8 (разделитель — запятая)» или «CSV (разделитель — точка с запятой)»',
  json: 'пришлите JSON-массив записей [{…}, …]',
};

/** A whole file that cannot be read as what it is named (or at all), by kind of problem. */
export type PlacesFileProblem =
  /** Its name promises one type, its content is another format (the detector's name). */
  | { kind: 'mismatch'; detected: string }
  /** Neither text nor a workbook. */
  | { kind: 'binary' }
  /** A workbook that breaks off or is damaged. */
  | { kind: 'corrupt' }
  /** A zip archive with no Excel sheet in it. */
  | { kind: 'not-workbook' }
  /** An OLE compound file: an Excel 97–2003 book (.xls) or a password-protected workbook. */
  | { kind: 'old-excel' }
  | { kind: 'empty' };

/**
 * The content of a proposal file against its name: the problem when they disagree (a text file
 * named .xlsx, a workbook named .csv), undefined when the content is what the name says or the
 * name has no extension.
 */
export function placesContentMismatch(fileName: string, detected: string): PlacesFileProblem | undefined {
  const type = placesFileTypeOf(fileName);
  return type && !CONTENT_OF[type].includes(detected) ? { kind: 'mismatch', detected } : undefined;
}

/**
 * The refusal of a whole file, in Russian: the file's name, what it could not be read as, and what
 * to do. «файл «перечень.xlsx» не читается как Excel (.xlsx): внутри обычный текст, …».
 */
export function placesFileRefusal(fileName: string, problem: PlacesFileProblem): string {
  const named = placesFileTypeOf(fileName);
  const type: PlacesFileType | undefined =
    problem.kind === 'corrupt' || problem.kind === 'not-workbook' ? 'xlsx' : named;
  if (problem.kind === 'old-excel')
    return `файл «${fileName}» не читается${named ? ` как ${TYPE_RU[named]}` : ''}: это книга старого формата Excel 97–2003 (.xls) или книга, защищённая паролем. Что сделать: откройте её в Excel, снимите пароль, если он есть, и сохраните как «Книга Excel (.xlsx)»`;
  if (problem.kind === 'empty') return `файл «${fileName}» пуст: в нём нет таблицы мест`;
  const as = type ? ` как ${TYPE_RU[type]}` : '';
  const head = `файл «${fileName}» не читается${as}`;
  switch (problem.kind) {
    case 'mismatch': {
      const rename = RENAME[problem.detected];
      const inside = INSIDE[problem.detected] ?? 'внутри данные другого формата';
      const fix = [type ? SAVE_AS[type] : undefined, rename].filter(Boolean).join(', или, ');
      return `${head}: ${inside}${type ? `, а не ${NOT[type]}` : ''}. Что сделать: ${fix}`;
    }
    case 'binary':
      return `${head}: внутри двоичные данные, а не таблица. Что сделать: пришлите таблицу мест в виде ${PLACES_FILE_TYPES_RU}`;
    case 'corrupt':
      return `${head}: файл повреждён или передан не полностью. Что сделать: откройте его в Excel, сохраните заново как «Книга Excel (.xlsx)» и пришлите снова`;
    case 'not-workbook':
      return `${head}: это zip-архив, но в нём нет листов Excel. Что сделать: пришлите саму книгу Excel (.xlsx), а не архив`;
  }
}

const PLACE_COLUMN_OF = new Map(PLACE_COLUMNS.map((c) => [c.name, c]));
const quoted = (names: readonly string[]) =>
  names.length < 2
    ? names.map((n) => `«${n}»`).join('')
    : `${names
        .slice(0, -1)
        .map((n) => `«${n}»`)
        .join(', ')} и «${names.at(-1)}»`;

const MISSING_COLUMNS = ['обязательного столбца', 'обязательных столбцов', 'обязательных столбцов'] as const;

/**
 * A header without some required columns: every one of them named as the template has it,
 * «в файле нет 3 обязательных столбцов: «Виды работ», «График» и «Охрана труда»», with the
 * file's headers that were not recognised.
 */
export function missingColumnsMessage(
  missing: readonly PlaceField[],
  unrecognised: readonly string[] = [],
): string {
  const names = missing.map((f) => PLACE_COLUMN_OF.get(f)?.ru ?? f);
  const what =
    names.length === 1
      ? `в файле нет ${MISSING_COLUMNS[0]} ${quoted(names)}`
      : `в файле нет ${names.length} ${plural(names.length, MISSING_COLUMNS)}: ${quoted(names)}`;
  const other = unrecognised.map((h) => h.trim()).filter(Boolean);
  return other.length
    ? `${what}; ${other.length === 1 ? 'не распознан столбец' : 'не распознаны столбцы'} ${quoted(other.slice(0, 10))}${other.length > 10 ? ` и ещё ${other.length - 10}` : ''} — назовите столбцы, как в шаблоне`
    : what;
}

/** The template's columns, required first: what a letter lists and the attached template holds. */
export function templateColumns(): { required: string[]; optional: string[] } {
  return {
    required: PLACE_COLUMNS.filter((c) => REQUIRED_PLACE_COLUMNS.includes(c.name)).map((c) => c.ru),
    optional: PLACE_COLUMNS.filter((c) => !REQUIRED_PLACE_COLUMNS.includes(c.name)).map((c) => c.ru),
  };
}

/** The header row of the template (CSV with «;», UTF-8 with BOM: Excel opens it in Russian). */
export function placesTemplateCsv(): string {
  return `\uFEFF${PLACE_COLUMNS.map((c) => c.ru).join(';')}\r\n`;
}

export const PLACES_TEMPLATE_FILE = 'shablon-predlozheniya-mest.csv';

/**
 * Whether a mail attachment is meant as a proposal: a name with an accepted extension, a table
 * the intake refuses with a reason (.xls, .ods…), or a table's content type. Logos, signatures
 * and covering letters (.pdf, .docx) are not: a proposal mailed with one is still read.
 */
export function looksLikePlacesTable(fileName: string | undefined, contentType = ''): boolean {
  const ext = fileName ? extensionOf(fileName) : undefined;
  if (ext && (BY_EXTENSION[ext] || SPREADSHEETS.has(ext))) return true;
  return /spreadsheet|excel|csv|json/i.test(contentType);
}

/** Signatures of files that are never a table, whatever their bytes decode to. */
const MAGIC: ReadonlyArray<readonly number[]> = [
  [0x4d, 0x5a], // MZ: a Windows program
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (head: Uint8Array, magic: readonly number[]) => magic.every((b, i) => head[i] === b);

/**
 * Binary content the feed detector may take for text in a single-byte code page (a program, a
 * PDF, an image): its signature, or a NUL byte in what is not UTF-16. An OLE file is an old or
 * password-protected Excel book. Undefined for anything that may be a table.
 */
export function placesBinaryProblem(head: Uint8Array, encoding?: string): PlacesFileProblem | undefined {
  if (startsWith(head, OLE)) return { kind: 'old-excel' };
  if (MAGIC.some((m) => startsWith(head, m))) return { kind: 'binary' };
  if (encoding?.startsWith('utf-16')) return undefined;
  return head.includes(0) ? { kind: 'binary' } : undefined;
}
