import { sendJsonBatch } from '@uii/aws';
import { CaseStore, eventIdOf } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import {
  type Case,
  type CaseEvent,
  type CaseEventMessage,
  type Clocks,
  clocksOfRecorded,
  isIsoDate,
  normaliseDate,
  type RecordedEvent,
  ruDate,
  today,
} from '@uii/domain';
import { control, localRuntime } from '@uii/local/client';
import { UsageError } from '../program';
import { useStack } from './notice';

/** A CLI date option: `YYYY-MM-DD` or `ДД.ММ.ГГГГ` (also `Д.М.ГГ`), checked to be a real day. */
export function cliDate(value: string, option: string): string {
  const iso = normaliseDate(value);
  if (!isIsoDate(iso))
    throw new UsageError(`${option}: нет такой даты «${value}» (ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)`);
  return iso;
}

export interface CaseStack {
  store: CaseStore;
  /** The stack's today: the local runtime's simulated clock, else Moscow's date. */
  today: string;
  /** The case-events queue, when known (local runtime, or CASE_EVENTS_QUEUE_URL). */
  caseEventsQueueUrl: string | undefined;
}

/**
 * The local stack's table, queue and clock when `npm start` runs (found through
 * .local/runtime.json), else the AWS table named by TABLE_NAME and the real today.
 */
export async function openCaseStack(): Promise<CaseStack> {
  const info = localRuntime();
  const { table, caseEventsQueueUrl } = await useStack();
  const clock = info
    ? await control<{ today: string }>(info, 'GET', '/clock').catch(() => ({ today: today() }))
    : { today: today() };
  return { store: new CaseStore(table), today: clock.today, caseEventsQueueUrl };
}

export interface Recorded {
  caseId: string;
  eventId: string;
  /** The event was already recorded before this run (nothing was sent). */
  duplicate: boolean;
  /** Recorded by case-events within the wait (false: sent, not yet seen). */
  recorded: boolean;
}

/**
 * Records officer events through the same path as mail: each goes to the case-events queue
 * (id = hash of case and payload, so the same event twice is recorded once) and the CLI
 * waits until case-events has written it, so «записано» is true when printed.
 */
export async function recordThroughQueue(
  stack: CaseStack,
  items: ReadonlyArray<{ caseId: string; event: CaseEvent }>,
  options: { timeoutMs?: number; source?: CaseEventMessage['source'] } = {},
): Promise<Recorded[]> {
  if (!stack.caseEventsQueueUrl)
    throw new UsageError('нет очереди case-events (CASE_EVENTS_QUEUE_URL) / no case-events queue');
  const out: Recorded[] = [];
  const toSend: CaseEventMessage[] = [];
  const known = new Map<string, Set<string>>();
  const eventIds = async (caseId: string) =>
    new Set((await stack.store.listEvents(caseId)).map((e) => e.eventId));
  for (const { caseId, event } of items) {
    const eventId = eventIdOf(caseId, event);
    const ids = known.get(caseId) ?? (await eventIds(caseId));
    known.set(caseId, ids);
    const duplicate = ids.has(eventId);
    out.push({ caseId, eventId, duplicate, recorded: duplicate });
    if (!duplicate) toSend.push({ caseId, event, eventId, source: options.source ?? 'officer' });
  }
  if (toSend.length) await sendJsonBatch(stack.caseEventsQueueUrl, toSend);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (
    let wait = 100;
    out.some((r) => !r.recorded) && Date.now() < deadline;
    wait = Math.min(wait * 2, 1000)
  ) {
    await new Promise((r) => setTimeout(r, wait));
    const pendingCases = [...new Set(out.filter((r) => !r.recorded).map((r) => r.caseId))];
    for (const caseId of pendingCases) {
      const ids = await eventIds(caseId);
      for (const r of out) if (r.caseId === caseId && ids.has(r.eventId)) r.recorded = true;
    }
  }
  return out;
}

/** Why an event sent through the queue is not recorded yet, in Russian. */
export function notRecordedRu(r: Recorded, timeoutMs = 30_000): string {
  return `событие для дела ${r.caseId} отправлено в очередь case-events, но не записано за ${timeoutMs / 1000} с (проверьте uii dlq list case-events-dlq)`;
}

/** Clocks as the handlers count them: in the case's inspection's calendar (regional holidays). */
export async function clocksFor(
  stack: CaseStack,
  c: Case,
  events: readonly RecordedEvent[],
  asOf: string,
): Promise<Clocks> {
  const inspection = await new DirectoryStore(stack.store.tableName).getInspection(c.inspectionId);
  return clocksOfRecorded(c, events, asOf, inspection);
}

export { ruDate };
