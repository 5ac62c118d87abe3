import { sendJson, sendJsonBatch } from '@uii/aws';
import { CaseStore, eventIdOf } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import {
  effectsOfEvent,
  futureDateReason,
  InvalidCaseEventError,
  now,
  parseCaseEventMessage,
  today,
} from '@uii/domain';
import { requiredEnv } from '../shared/env';
import { sqsBatchHandler } from '../shared/sqs-batch-handler';
import { alertJobs, clocksOf, projectionOf } from './case-service';

let stores: { cases: CaseStore; directory: DirectoryStore } | undefined;
const storesOnce = () => {
  stores ??= { cases: new CaseStore(), directory: new DirectoryStore() };
  return stores;
};

/**
 * case-events: validate → append (event + projection in one transaction) → recompute →
 * emit alert jobs and match requests. Keyed on the event id, so a redelivery records once.
 * Every step after the commit is re-run when the event is found already recorded
 * (docs/adr/0011-case-events-after-commit.md): alert ids and the match request id are
 * deterministic, so a retry after a partial failure completes what the first try began
 * and a plain redelivery sends nothing twice.
 */
export const handler = sqsBatchHandler({
  service: 'case-events',
  parse: (record) => parseCaseEventMessage(record.body),
  key: (m) => `${m.caseId}:${m.eventId ?? eventIdOf(m.caseId, m.event)}`,
  // An event the domain refuses (dated in the future) is refused on every retry: DLQ at once.
  permanent: (error) => error instanceof InvalidCaseEventError,
  handle: async (m, { logger }) => {
    const { cases, directory } = storesOnce();
    // Days are counted in the inspection's own date and calendar (time zone, regional holidays).
    const known = await cases.getCase(m.caseId);
    const inspection = await directory.getInspection(known?.case.inspectionId);
    const day = today(now(), inspection?.timeZone);
    const future = futureDateReason(m.event, day);
    if (future) throw new InvalidCaseEventError(`event ${m.event.type}: ${future}`);
    const eventId = m.eventId ?? eventIdOf(m.caseId, m.event);
    const result = await cases.appendEvent(
      m.caseId,
      { eventId, event: m.event, source: m.source, recordedAt: now().toISOString() },
      (c, events) => projectionOf(c, events, day, inspection),
    );
    const c = result.stored.case;
    // On a duplicate, `events` already holds this event: the clocks before it are the rest.
    const previous = result.duplicate ? result.events.filter((e) => e.eventId !== eventId) : result.previous;
    const before = clocksOf(c, previous, day, inspection);
    const after = clocksOf(c, result.events, day, inspection);
    const effects = effectsOfEvent(before, after, day);
    const { jobs, unaddressed } = await alertJobs(directory, c, after, effects.alerts, { before, asOf: day });
    if (jobs.length) await sendJsonBatch(requiredEnv('ALERT_OUTBOX_QUEUE_URL'), jobs);
    // A referral issued holds an opening, a refusal releases it: matching recounts (issue 10).
    const referral = m.event.type === 'referral_issued' || m.event.type === 'job_refused';
    if (effects.matchFor.length || referral) {
      await sendJson(requiredEnv('MATCH_REQUESTS_QUEUE_URL'), {
        reason:
          m.event.type === 'job_refused' ? 'referral_refused' : referral ? 'referral_issued' : 'clock_opened',
        caseIds: [c.id],
        ...(c.region ? { region: c.region } : {}),
        asOf: day,
        requestId: `clock_opened:${c.id}:${eventId}`,
      });
    }
    logger.info(result.duplicate ? 'event already recorded; follow-up steps re-run' : 'event recorded', {
      caseId: m.caseId,
      eventId,
      type: m.event.type,
      alerts: jobs.length,
      unaddressed,
      matchFor: effects.matchFor,
      nextActionDate: result.stored.projection?.nextActionDate ?? null,
    });
    return {
      duplicate: result.duplicate,
      alerts: jobs.map((j) => j.id),
      matchFor: effects.matchFor,
    };
  },
});
