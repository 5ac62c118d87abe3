import { Logger } from '@aws-lambda-powertools/logger';
import { sendJsonBatch } from '@uii/aws';
import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import { isIsoDate, today } from '@uii/domain';
import { runScan } from './scan';

const logger = new Logger({ serviceName: 'deadline-scan' });

/**
 * Scheduled daily (EventBridge Scheduler); the input carries the scheduled time, so a
 * late or repeated run computes for the day it was meant for.
 */
export const handler = async (event: { time?: string } = {}) => {
  const at = event.time ? new Date(event.time) : undefined;
  const day = at && !Number.isNaN(at.getTime()) ? today(at) : today();
  if (!isIsoDate(day)) throw new Error(`deadline-scan: bad time ${event.time}`);
  const queueUrl = process.env.ALERT_OUTBOX_QUEUE_URL;
  if (!queueUrl) throw new Error('ALERT_OUTBOX_QUEUE_URL is not set');
  const result = await runScan(day, {
    cases: new CaseStore(),
    directory: new DirectoryStore(),
    emit: (jobs) => sendJsonBatch(queueUrl, jobs),
  });
  logger.info('scan done', { ...result, days: result.days.length });
  return result;
};
