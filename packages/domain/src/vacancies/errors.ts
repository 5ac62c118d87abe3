import type { z } from 'zod';

/** One problem with one row: row (or record) number from 1, English field path, Russian reason. */
export interface RowError {
  row: number;
  field: string;
  message: string;
  /** The clerk's own column header (CSV, XLSX) or element name (XML) for `field`, when known. */
  column?: string;
}

/** `['addresses','address',0,'lat']` → `addresses.address[0].lat`. */
export function vacancyFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(запись)';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'текст',
  number: 'число',
  boolean: 'да/нет',
  object: 'объект',
  array: 'список',
};

/** zod's own issues in Russian (our field schemas already carry Russian messages). */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom') return issue.message;
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined || issue.input === null) return 'обязательное поле не заполнено';
    if (issue.message && !issue.message.startsWith('Invalid input')) return issue.message;
    return `ожидается ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  }
  if (issue.code === 'invalid_union') return 'значение не подходит ни под один допустимый вид';
  return issue.message;
}
