import { sqsBatchHandler } from '../shared/sqs-batch-handler';

// Placeholder: logs the record's id and size (never its body: it may hold personal data).
export const handler = sqsBatchHandler({
  service: 'match-requests',
  parse: (record) => record,
  handle: async (record, { logger }) => {
    logger.info('received', { messageId: record.messageId, bytes: record.body.length });
  },
});
