import { sendJson } from '@uii/aws';
import { CaseStore } from '@uii/aws/case-store';
import { getTriage, resolveTriageItem } from '@uii/aws/mail-store';
import {
  caseEventOf,
  type NoticeCaseEvent,
  type NoticeItem,
  OUTCOMES,
  OutcomeCode,
  today,
} from '@uii/domain';
import { UsageError } from '../program';
import { parseDay } from './alerts';

/**
 * An officer puts a triage passage onto a case: the guess (if any) completed by what the officer
 * says, sent as a case event (source "officer") with an id derived from the item, so resolving
 * twice records once.
 */
const ruDate = (iso: string) => iso.split('-').reverse().join('.');

export async function resolveTriage(input: {
  table: string;
  queueUrl: string | undefined;
  itemId: string;
  case: string;
  date?: string;
  outcome?: string;
  hours?: number;
  /** The stack's today (default: the domain clock). */
  today?: string;
}): Promise<NoticeCaseEvent> {
  const now = input.today ?? today();
  if (!input.queueUrl) throw new UsageError('нет очереди case-events / no CASE_EVENTS_QUEUE_URL');
  const item = await getTriage(input.table, input.itemId);
  if (!item) throw new UsageError(`нет такого фрагмента / no triage item ${input.itemId}`);
  if (item.status !== 'open')
    throw new UsageError(`уже разобран / already resolved onto ${item.resolvedCaseId}`);
  const given = input.date !== undefined ? parseDay(input.date, '--date') : undefined;
  if (!(await new CaseStore(input.table).getCase(input.case)))
    throw new UsageError(`дело не найдено: ${input.case} / no such case`);
  if (input.outcome && !OutcomeCode.safeParse(input.outcome).success) {
    throw new UsageError(
      `--outcome: «${input.outcome}» — не исход; допустимые: ${OUTCOMES.map((o) => `${o.code} (${o.name_ru.toLowerCase()})`).join(', ')}`,
    );
  }
  if (input.hours !== undefined && !(input.hours > 0 && input.hours <= 24))
    throw new UsageError(`--hours: нужно число часов больше 0 и не больше 24, указано «${input.hours}»`);
  const guess = item.guess;
  const date = given ?? guess?.date;
  if (!date) throw new UsageError('укажите --date: в тексте дня нет / the passage has no date, give --date');
  if (date > now)
    throw new UsageError(
      `дата в будущем: ${ruDate(date)}, сегодня ${ruDate(now)} / the date is in the future`,
    );
  const hours = input.hours ?? (guess?.kind === 'hours' ? guess.hours : null);
  const resolved: NoticeItem = {
    kind: hours ? 'hours' : 'absence',
    person: { name: guess?.person.name ?? null, caseId: input.case },
    date,
    hours: hours ?? null,
    outcome: hours
      ? null
      : ((input.outcome as OutcomeCode | undefined) ?? guess?.outcome ?? 'absent_unknown'),
    reasonText: guess?.reasonText ?? null,
    confidence: 1,
    source: item.text,
  };
  const message = caseEventOf(resolved, {
    eventId: `triage:${item.itemId}`,
    worksiteId: item.worksiteId,
    source: 'officer',
  })!;
  await sendJson(input.queueUrl, message);
  await resolveTriageItem(input.table, item.itemId, input.case, now);
  return message;
}
