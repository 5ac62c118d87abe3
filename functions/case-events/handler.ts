import { sendJson, sendJsonBatch } from '@uii/aws';
import { CaseStore, eventIdOf } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import { effectsOfEvent, parseCaseEventMessage, today } from '@uii/domain';
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
 */
export const handler = sqsBatchHandler({
  service: 'case-events',
  parse: (record) => parseCaseEventMessage(record.body),
  key: (m) => `${m.caseId}:${m.eventId ?? eventIdOf(m.caseId, m.event)}`,
  handle: async (m, { logger }) => {
    const { cases, directory } = storesOnce();
    const day = today();
    const eventId = m.eventId ?? eventIdOf(m.caseId, m.event);
    const result = await cases.appendEvent(
      m.caseId,
      { eventId, event: m.event, source: m.source, recordedAt: new Date().toISOString() },
      (c, events) => projectionOf(c, events, day),
    );
    if (result.duplicate) {
      logger.info('duplicate event ignored', { caseId: m.caseId, eventId });
      return { duplicate: true };
    }
    const c = result.stored.case;
    const before = clocksOf(c, result.previous, day);
    const after = clocksOf(c, result.events, day);
    const effects = effectsOfEvent(before, after, day);
    const { jobs, unaddressed } = await alertJobs(directory, c, after, effects.alerts);
    if (jobs.length) await sendJsonBatch(requiredEnv('ALERT_OUTBOX_QUEUE_URL'), jobs);
    if (effects.matchFor.length) {
      await sendJson(requiredEnv('MATCH_REQUESTS_QUEUE_URL'), {
        reason: 'clock_opened',
        caseIds: [c.id],
        ...(c.region ? { region: c.region } : {}),
        asOf: day,
      });
    }
    logger.info('event recorded', {
      caseId: m.caseId,
      eventId,
      type: m.event.type,
      alerts: jobs.length,
      unaddressed,
      matchFor: effects.matchFor,
      nextActionDate: result.stored.projection?.nextActionDate ?? null,
    });
    return { duplicate: false, alerts: jobs.map((j) => j.id), matchFor: effects.matchFor };
  },
});
