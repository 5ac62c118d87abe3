import { Logger } from '@aws-lambda-powertools/logger';
import { sendJsonBatch } from '@uii/aws';
import { FeedStore } from '@uii/aws/feed-store';
import { planFeedReminders, today } from '@uii/domain';
import { z } from 'zod';
import { requiredEnv, setting, settingsOf } from '../shared/env';

const logger = new Logger({ serviceName: 'feed-check' });

/** FEED-MONTHLY settings from the environment (defaults: due by the 5th, officer told 3 days later). */
const Settings = z.object({
  TABLE_NAME: setting.required,
  ALERT_OUTBOX_QUEUE_URL: setting.required,
  FEED_DUE_DAY: setting.int(1, 28).default(5),
  FEED_ESCALATE_AFTER_DAYS: setting.int(0, 28).default(3),
});
/** Validated on the first run (a typo fails loudly, never becomes NaN), then reused. */
let checked: z.infer<typeof Settings> | undefined;
function settings(env: NodeJS.ProcessEnv = process.env) {
  checked ??= settingsOf(Settings, env);
  return { dueDay: checked.FEED_DUE_DAY, escalateAfterDays: checked.FEED_ESCALATE_AFTER_DAYS };
}

/**
 * FEED-MONTHLY, scheduled daily by EventBridge Scheduler with `{ "time": <scheduled time> }`:
 * registered services whose feed for the month has not arrived by the due day get a reminder,
 * and later their officer in charge. Job ids are deterministic, so each is sent once a month.
 */
export const handler = async (event: { time?: string; scheduledTime?: string }) => {
  settings();
  const at = event.time ?? event.scheduledTime;
  const day = today(at ? new Date(at) : undefined);
  const month = day.slice(0, 7);
  const store = new FeedStore();
  const services = await store.listServices();
  const received = new Set<string>();
  for (const service of services) {
    if (await store.getSummary(service.id, month)) received.add(service.id);
  }
  const jobs = planFeedReminders({ today: day, services, received, settings: settings() });
  if (jobs.length) await sendJsonBatch(requiredEnv('ALERT_OUTBOX_QUEUE_URL'), jobs);
  logger.info('feed check', {
    day,
    services: services.length,
    received: received.size,
    reminders: jobs.length,
  });
  return { day, services: services.length, received: received.size, jobs: jobs.map((j) => j.id) };
};
