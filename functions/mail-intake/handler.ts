import { sqsBatchHandler } from '../shared/sqs-batch-handler';
import { intake, parseReceipt } from './intake';

/**
 * mail-intake: SES receipt (via SNS → SQS) → fetch the .eml → parse → trust → case events,
 * triage, quarantine and the acknowledgment. Keyed on SES's message id; the mail store also
 * claims the Message-ID, so the same mail delivered twice records nothing twice.
 * Logs ids and counts only: mail holds personal data.
 */
export const handler = sqsBatchHandler({
  service: 'mail-intake',
  parse: parseReceipt,
  key: (n) => `mail:${n.mail.messageId}`,
  handle: async (n, { logger }) => {
    const outcome = await intake(n);
    logger.info('mail processed', { sesMessageId: n.mail.messageId, ...outcome });
    if (outcome.officersTold === 0)
      logger.warn('quarantined mail: nobody to tell at once, the digest counts it', {
        sesMessageId: n.mail.messageId,
        quarantinedUntold: 1,
      });
    return outcome;
  },
});
