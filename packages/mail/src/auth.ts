import type { SenderEvidence } from '@uii/domain';
import { z } from 'zod';

/** SES's verdicts as they come in receipt.* of the receipt notification. */
const Verdict = z.object({ status: z.string() }).partial().optional();

export const SesReceiptNotification = z.object({
  notificationType: z.string().optional(),
  mail: z.object({
    messageId: z.string().min(1),
    /** When SES received the mail (ISO); an agreed list's last day is judged by it (ADR 0029). */
    timestamp: z.string().optional(),
    source: z.string().optional(),
    /** Every recipient of the message (SES `mail.destination`). */
    destination: z.array(z.string()).optional(),
    commonHeaders: z
      .object({
        messageId: z.string().optional(),
        subject: z.string().optional(),
        from: z.array(z.string()).optional(),
      })
      .partial()
      .optional(),
  }),
  receipt: z.object({
    /** The recipients this receipt rule accepted: our own inbound addresses. */
    recipients: z.array(z.string()).optional(),
    spfVerdict: Verdict,
    dkimVerdict: Verdict,
    dmarcVerdict: Verdict,
    spamVerdict: Verdict,
    virusVerdict: Verdict,
    action: z.object({
      type: z.string(),
      bucketName: z.string().optional(),
      objectKey: z.string().optional(),
    }),
  }),
});
export type SesReceiptNotification = z.infer<typeof SesReceiptNotification>;

/** SES's own verdicts (receipt.spfVerdict/dkimVerdict/dmarcVerdict); a missing one is GRAY. */
export function verdictsFromReceipt(
  receipt: SesReceiptNotification['receipt'],
): NonNullable<SenderEvidence['ses']> {
  return {
    spf: receipt.spfVerdict?.status ?? 'GRAY',
    dkim: receipt.dkimVerdict?.status ?? 'GRAY',
    dmarc: receipt.dmarcVerdict?.status ?? 'GRAY',
  };
}
