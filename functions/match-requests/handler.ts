import { z } from 'zod';
import { sqsBatchHandler } from '../shared/sqs-batch-handler';

/** The match-requests contract of docs/architecture.md ("Queues and messages"). */
const MatchRequest = z.object({
  reason: z.enum(['clock_opened', 'feed_received']),
  caseIds: z.array(z.string().min(1)).optional(),
  region: z.string().min(1).optional(),
  asOf: z.iso.date(),
});

// Placeholder: logs the record's id and size (never its body: it may hold personal data).
export const handler = sqsBatchHandler({
  service: 'match-requests',
  schema: MatchRequest,
  handle: async (_request, { logger, record }) => {
    logger.info('received', { messageId: record.messageId, bytes: record.body.length });
  },
});
