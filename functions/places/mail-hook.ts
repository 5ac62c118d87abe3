import { Logger } from '@aws-lambda-powertools/logger';
import { importProposal } from '@uii/aws/places-import';
import { placesContext } from '@uii/aws/places-service';
import { looksLikePlacesTable, now, today } from '@uii/domain';
import { simpleParser } from 'mailparser';

const logger = new Logger({ serviceName: 'places-mail' });

/** A received mail as mail-intake has read it: the From address its parser found, the trust verdict. */
export interface ReceivedMail {
  sesMessageId: string;
  from: string | null;
  authenticated: boolean;
  raw: Buffer;
  /** When SES received it (ISO); the receipt day is the municipality's own (ADR 0029). */
  receivedAt?: string;
}

export interface PlacesMailOutcome {
  handled: boolean;
  municipalityId?: string;
  proposals?: string[];
}

/**
 * The hook mail-intake calls for a mail from no worksite administrator: a message from a registered
 * municipal address is a proposal of places, not a worksite report. Its CSV/Excel/JSON
 * attachments are imported (bad rows reported back to the sender in reply); unauthenticated
 * mail from such an address is not applied (`handled: false` lets mail-intake quarantine it).
 * Any other sender: `handled: false`, and mail-intake goes on as before. Safe to run twice:
 * proposal and receipt ids come from the file content.
 */
export async function placesMailHook(n: ReceivedMail): Promise<PlacesMailOutcome> {
  const ctx = placesContext();
  const sender = n.from;
  if (!sender || !ctx.store.tableName) return { handled: false };
  const municipality = (await ctx.store.partnersOfAddress(sender)).find((p) => p.kind === 'municipality');
  if (!municipality) return { handled: false };
  if (!n.authenticated) {
    logger.warn('municipal mail not authenticated', {
      municipalityId: municipality.id,
      sesMessageId: n.sesMessageId,
    });
    return { handled: false };
  }
  const mail = await simpleParser(n.raw);
  // Tables the intake cannot read (.xls, .ods, a document) are taken too: their sender is told why.
  const files = mail.attachments.filter((a) => looksLikePlacesTable(a.filename, a.contentType));
  const day = today(); // the inspection's day; importProposal counts in the municipality's zone
  const at = n.receivedAt ?? now().toISOString();
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
          uploadId: n.sesMessageId,
          fileName: mail.subject ?? 'письмо',
          reason: 'в письме нет вложения с предложением (CSV, Excel или JSON)',
          to: [sender],
        }),
      );
  }
  logger.info('municipal proposal mail', {
    municipalityId: municipality.id,
    sesMessageId: n.sesMessageId,
    attachments: files.length,
  });
  return { handled: true, municipalityId: municipality.id, proposals };
}
