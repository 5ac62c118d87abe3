import { Logger } from '@aws-lambda-powertools/logger';
import { sendJsonBatch } from '@uii/aws';
import { FeedStore } from '@uii/aws/feed-store';
import { planFeedReminders, today } from '@uii/domain';

const logger = new Logger({ serviceName: 'feed-check' });

/** FEED-MONTHLY settings from the environment (defaults: due by the 5th, officer told 3 days later). */
function settings(env: NodeJS.ProcessEnv = process.env) {
  return {
    dueDay: Number(env.FEED_DUE_DAY ?? 5),
    escalateAfterDays: Number(env.FEED_ESCALATE_AFTER_DAYS ?? 3),
  };
}

/**
 * FEED-MONTHLY, scheduled daily by EventBridge Scheduler with `{ "time": <scheduled time> }`:
 * registered services whose feed for the month has not arrived by the due day get a reminder,
 * and later their officer in charge. Job ids are deterministic, so each is sent once a month.
 */
export const handler = async (event: { time?: string; scheduledTime?: string }) => {
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
  if (jobs.length) await sendJsonBatch(process.env.ALERT_OUTBOX_QUEUE_URL!, jobs);
  logger.info('feed check', {
    day,
    services: services.length,
    received: received.size,
    reminders: jobs.length,
  });
  return { day, services: services.length, received: received.size, jobs: jobs.map((j) => j.id) };
};
