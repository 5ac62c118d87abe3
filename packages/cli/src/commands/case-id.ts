import { echoRu, MAX_VACANCY_ID_LENGTH, tooLongRu } from '@uii/domain';
import { UsageError } from '../program';

/** The longest case id there is (the domain's `Case.id`). */
export const CASE_ID_MAX = 100;

/** An id typed on the command line: not blank, at most `max` characters, no control characters. */
function cliId(value: string, what: string, max: number): string {
  if (!value.trim()) throw new UsageError(`${what}: пустое значение`);
  const length = [...value].length;
  if (length > max) throw new UsageError(`${what}: ${tooLongRu(max, length)} (${echoRu(value)})`);
  if (/\p{Cc}/u.test(value))
    throw new UsageError(`${what}: недопустимый управляющий символ (перевод строки, табуляция…)`);
  return value;
}

/**
 * A case id typed on the command line, checked before any store is asked (a 5 000-character id
 * reached DynamoDB's own error): not blank, at most 100 characters, no control characters.
 */
export const cliCaseId = (value: string, what = 'номер дела'): string => cliId(value, what, CASE_ID_MAX);

/** `cliCaseId` as a commander argument or option parser: `.argument('<caseId>', 'дело', caseIdArg)`. */
export const caseIdArg = (value: string): string => cliCaseId(value);

/** A vacancy id argument: as long as a feed's ids may be (200 characters). */
export const vacancyIdArg = (value: string): string => cliId(value, 'номер вакансии', MAX_VACANCY_ID_LENGTH);
