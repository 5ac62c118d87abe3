import { Logger } from '@aws-lambda-powertools/logger';

const logger = new Logger({ serviceName: 'feed-check' });

// Placeholder: scheduled by EventBridge Scheduler; the input carries the scheduled time.
export const handler = async (event: { time?: string }) => {
  logger.info('scheduled run', { time: event.time });
};
