import { Logger } from '@aws-lambda-powertools/logger';
import { sendJsonBatch } from '@uii/aws';
import { digestSources } from '@uii/aws/alert-roster';
import { now, runDigest } from '@uii/domain';
import { requiredEnv } from '../shared/env';

const logger = new Logger({ serviceName: 'digest' });

/**
 * Scheduled hourly (EventBridge Scheduler, `{ "time": <scheduled time> }`): Russia spans
 * eleven time zones, so each run sends the digests whose inspection is at its digest hour.
 */
export const handler = async (event: { time?: string } = {}) => {
  const at = event.time ? new Date(event.time) : now();
  if (Number.isNaN(at.getTime())) throw new Error('digest: bad time in the schedule input');
  const table = requiredEnv('TABLE_NAME');
  const run = await runDigest(at, digestSources(table));
  if (run.jobs.length) await sendJsonBatch(requiredEnv('ALERT_OUTBOX_QUEUE_URL'), run.jobs);
  logger.info('digest run', { at: run.at, officers: run.officers, due: run.due, sent: run.jobs.length });
  return { at: run.at, officers: run.officers, due: run.due, jobs: run.jobs.map((j) => j.id) };
};
