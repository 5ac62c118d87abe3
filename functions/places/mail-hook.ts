import { Logger } from '@aws-lambda-powertools/logger';
import { getObjectBytes } from '@uii/aws';
import { importProposal } from '@uii/aws/places-import';
import { placesContext } from '@uii/aws/places-service';
import { today } from '@uii/domain';
import { judge, type SesReceiptNotification, verdictsFromReceipt } from '@uii/mail';
import { simpleParser } from 'mailparser';

const logger = new Logger({ serviceName: 'places-mail' });

const TABLE_FILE = /\.(csv|xlsx|json|txt)$/i;

function senderOf(n: SesReceiptNotification): string | null {
  const from = n.mail.commonHeaders?.from?.[0] ?? n.mail.source ?? '';
  return from.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/)?.[0]?.toLowerCase() ?? null;
}

export interface PlacesMailOutcome {
  handled: boolean;
  municipalityId?: string;
  proposals?: string[];
}

/**
 * The hook mail-intake calls first for every received mail: a message from a registered
 * municipal address is a proposal of places, not a worksite report. Its CSV/Excel/JSON
 * attachments are imported (bad rows reported back to the sender in reply); unauthenticated
 * mail from such an address is not applied (`handled: false` lets mail-intake quarantine it).
 * Any other sender: `handled: false`, and mail-intake goes on as before. Safe to run twice:
 * proposal and receipt ids come from the file content.
 */
export async function placesMailHook(n: SesReceiptNotification): Promise<PlacesMailOutcome> {
  const ctx = placesContext();
  const sender = senderOf(n);
  if (!sender || !ctx.store.tableName) return { handled: false };
  const municipality = (await ctx.store.partnersOfAddress(sender)).find((p) => p.kind === 'municipality');
  if (!municipality) return { handled: false };
  if (!judge(verdictsFromReceipt(n.receipt)).authenticated) {
    logger.warn('municipal mail not authenticated', {
      municipalityId: municipality.id,
      sesMessageId: n.mail.messageId,
    });
    return { handled: false };
  }
  const bucket = n.receipt.action.bucketName ?? process.env.INBOUND_MAIL_BUCKET!;
  const raw = await getObjectBytes(bucket, n.receipt.action.objectKey!);
  const mail = await simpleParser(raw);
  const files = mail.attachments.filter(
    (a) => TABLE_FILE.test(a.filename ?? '') || /spreadsheet|csv|json/.test(a.contentType),
  );
  const day = today(); // the day the inspection received it
  const at = `${day}${new Date().toISOString().slice(10)}`;
  const proposals: string[] = [];
  for (const file of files) {
    const out = await importProposal(ctx, {
      municipalityId: municipality.id,
      fileName: file.filename ?? 'proposal',
      body: (async function* () {
        yield file.content;
      })(),
      channel: 'mail',
      today: day,
      at,
      replyTo: [sender],
      inReplyTo: mail.messageId,
    });
    proposals.push(out.proposalId);
  }
  if (!files.length) {
    const { proposalRefusedJob } = await import('@uii/domain');
    const { sendJson } = await import('@uii/aws');
    if (ctx.outbox)
      await sendJson(
        ctx.outbox,
        proposalRefusedJob({
          municipality,
          uploadId: n.mail.messageId,
          fileName: mail.subject ?? 'письмо',
          reason: 'в письме нет вложения с предложением (CSV, Excel или JSON)',
          to: [sender],
        }),
      );
  }
  logger.info('municipal proposal mail', {
    municipalityId: municipality.id,
    sesMessageId: n.mail.messageId,
    attachments: files.length,
  });
  return { handled: true, municipalityId: municipality.id, proposals };
}
