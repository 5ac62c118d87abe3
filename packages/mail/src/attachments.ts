import { decodeText as decodeDetected, UnknownEncodingError } from '@uii/feeds/encoding';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export class AttachmentError extends Error {
  override readonly name = 'AttachmentError';
  constructor(
    readonly filename: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type AttachmentKind = 'csv' | 'xlsx' | 'docx' | 'evidence' | 'archive' | 'other';

export function kindOf(filename: string, contentType: string): AttachmentKind {
  const f = filename.toLowerCase();
  const t = contentType.toLowerCase();
  if (/\.(zip|rar|7z|gz|tgz|tar|bz2|xz)$/.test(f) || /(zip|rar|7z|gzip|x-tar|compressed)/.test(t))
    return 'archive';
  if (f.endsWith('.xlsx') || t.includes('spreadsheetml')) return 'xlsx';
  if (f.endsWith('.docx') || t.includes('wordprocessingml')) return 'docx';
  // A scan or photo of a sick note, a PDF act: evidence the officer opens, not text we read.
  if (
    /\.(pdf|jpe?g|png|gif|heic|heif|tiff?|bmp|webp)$/.test(f) ||
    t === 'application/pdf' ||
    t.startsWith('image/')
  )
    return 'evidence';
  if (/\.(csv|txt)$/.test(f) || t === 'text/csv') return 'csv';
  return 'other';
}

/** The text of a DOCX («служебная записка»), paragraphs as lines; tables come out one cell a line. */
export async function docxText(bytes: Buffer, filename: string): Promise<string> {
  try {
    const mammoth = await import('mammoth');
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    return value.replace(/\n{3,}/g, '\n\n');
  } catch (error) {
    throw new AttachmentError(filename, 'файл Word не читается (повреждён или не .docx)', { cause: error });
  }
}

/**
 * The text of an attached table, in whatever encoding a worksite's program wrote it: the one
 * detector feeds, mail and the CLI share (`@uii/feeds/encoding`: BOM, UTF-8, UTF-16,
 * Windows-1251, KOI8-R).
 */
export function decodeText(bytes: Buffer, filename = 'file.csv'): string {
  try {
    return decodeDetected(bytes);
  } catch (error) {
    if (error instanceof UnknownEncodingError)
      throw new AttachmentError(filename, 'не удалось определить кодировку текста (это не таблица?)', {
        cause: error,
      });
    throw error;
  }
}

/** The separator that splits the first lines most consistently: ; , tab or |. */
export function detectDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 5);
  let best = ';';
  let bestScore = 0;
  for (const d of [';', ',', '\t', '|']) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const min = Math.min(...counts);
    if (min > bestScore) {
      best = d;
      bestScore = min;
    }
  }
  return best;
}

export function csvRows(bytes: Buffer, filename = 'file.csv'): string[][] {
  const text = decodeText(bytes, filename);
  try {
    return parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    throw new AttachmentError(filename, `CSV не разобран: ${(error as Error).message}`, { cause: error });
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates are stored without a zone; exceljs reads them as UTC midnight.
    const iso = value.toISOString().slice(0, 10);
    const [y, m, d] = iso.split('-');
    return `${d}.${m}.${y}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** The first worksheet with any content, as rows of strings. */
export async function xlsxRows(bytes: Buffer, filename = 'file.xlsx'): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new AttachmentError(filename, `XLSX не открыт: ${(error as Error).message}`, { cause: error });
  }
  for (const sheet of workbook.worksheets) {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
      rows.push(cells);
    });
    if (rows.length > 0) return rows;
  }
  return [];
}
