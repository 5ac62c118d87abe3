import { getObjectStream, headObject } from '@uii/aws';
import { importProposal } from '@uii/aws/places-import';
import { placesContext } from '@uii/aws/places-service';
import { isMailAddress, now, today } from '@uii/domain';
import { parseS3Notification, s3NotificationKey } from '../feed-intake/s3-event';
import { sqsBatchHandler } from '../shared/sqs-batch-handler';

/**
 * `places/<municipalityId>/<file>` → the municipality and file name; undefined for other keys.
 * A presigned upload (upload-url) always lies in a `<day>-<random>/` folder the caller cannot
 * choose (ADR 0030): that is the channel `link`; a file straight under the prefix was put there
 * with bucket rights (`uii places upload`): `upload`.
 */
export function placesUploadPath(
  key: string,
): { municipalityId: string; fileName: string; channel: 'link' | 'upload' } | undefined {
  const m = /^places\/([\w.-]{1,64})\/(.+)$/.exec(key);
  return m
    ? {
        municipalityId: m[1]!,
        fileName: m[2]!.split('/').pop()!,
        channel: m[2]!.includes('/') ? 'link' : 'upload',
      }
    : undefined;
}

/**
 * places-intake: S3 ObjectCreated under places/<municipalityId>/ → the proposal is read with the
 * feed readers and validated → places stored, PLACE-DECIDE started, receipt with the bad rows to
 * the municipality, first alert to the officer. Keyed on bucket, key and ETag; the proposal id is
 * the file's content hash, so a re-upload of the same file records and mails nothing new.
 */
export const handler = sqsBatchHandler({
  service: 'places-intake',
  parse: parseS3Notification,
  key: s3NotificationKey,
  handle: async (objects, { logger }) => {
    const ctx = placesContext();
    const outcomes = [];
    for (const object of objects) {
      const path = placesUploadPath(object.key);
      if (!path) {
        logger.warn('not a places upload', { size: object.size });
        continue;
      }
      const partner = await ctx.store.getPartner(path.municipalityId);
      if (partner?.kind !== 'municipality') {
        logger.warn('upload from an unregistered municipality ignored', {
          municipalityId: path.municipalityId,
        });
        continue;
      }
      // A presigned upload (upload-url) names who uploaded it: the receipt goes there (ADR 0030).
      const uploader = (await headObject(object.bucket, object.key)).Metadata?.uploader;
      const out = await importProposal(ctx, {
        municipalityId: path.municipalityId,
        fileName: path.fileName,
        body: await getObjectStream(object.bucket, object.key),
        channel: path.channel,
        today: today(),
        at: now().toISOString(),
        ...(isMailAddress(uploader) ? { replyTo: [uploader] } : {}),
      });
      logger.info('proposal', {
        municipalityId: out.municipalityId,
        proposalId: out.proposalId,
        accepted: out.accepted,
        new: out.new,
        rejected: out.rejected,
        receiptSent: out.receiptSent,
        refused: out.refused !== undefined,
      });
      outcomes.push({ proposalId: out.proposalId, accepted: out.accepted, rejected: out.rejected });
    }
    return outcomes;
  },
});
