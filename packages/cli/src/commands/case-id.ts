import { echoRu, tooLongRu } from '@uii/domain';
import { UsageError } from '../program';

/** The longest case id there is (the domain's `Case.id`). */
export const CASE_ID_MAX = 100;

/**
 * A case id typed on the command line, checked before any store is asked (a 5 000-character id
 * reached DynamoDB's own error): not blank, at most 100 characters, no control characters.
 */
export function cliCaseId(value: string, what = 'номер дела'): string {
  if (!value.trim()) throw new UsageError(`${what}: пустое значение`);
  const length = [...value].length;
  if (length > CASE_ID_MAX)
    throw new UsageError(`${what}: ${tooLongRu(CASE_ID_MAX, length)} (${echoRu(value)})`);
  if (/\p{Cc}/u.test(value))
    throw new UsageError(`${what}: недопустимый управляющий символ (перевод строки, табуляция…)`);
  return value;
}

/** `cliCaseId` as a commander argument or option parser: `.argument('<caseId>', 'дело', caseIdArg)`. */
export const caseIdArg = (value: string): string => cliCaseId(value);
