import { Logger } from '@aws-lambda-powertools/logger';
import { sendJsonBatch } from '@uii/aws';
import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import { isIsoDate, today } from '@uii/domain';
import { z } from 'zod';
import { setting, settingsOf } from '../shared/env';
import { runScan } from './scan';

const Settings = z.object({ TABLE_NAME: setting.required, ALERT_OUTBOX_QUEUE_URL: setting.required });

const logger = new Logger({ serviceName: 'deadline-scan' });

/**
 * Scheduled daily (EventBridge Scheduler); the input carries the scheduled time, so a
 * late or repeated run computes for the day it was meant for.
 */
export const handler = async (event: { time?: string } = {}) => {
  const at = event.time ? new Date(event.time) : undefined;
  const day = at && !Number.isNaN(at.getTime()) ? today(at) : today();
  if (!isIsoDate(day)) throw new Error(`deadline-scan: bad time ${event.time}`);
  const { ALERT_OUTBOX_QUEUE_URL: queueUrl } = settingsOf(Settings);
  const result = await runScan(day, {
    cases: new CaseStore(),
    directory: new DirectoryStore(),
    emit: (jobs) => sendJsonBatch(queueUrl, jobs),
  });
  logger.info('scan done', { ...result, days: result.days.length });
  return result;
};
