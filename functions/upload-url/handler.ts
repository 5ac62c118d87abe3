import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { FeedStore } from '@uii/aws/feed-store';
import { PlacesStore } from '@uii/aws/places-store';
import { isMailAddress, today } from '@uii/domain';
import type { Context, LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { z } from 'zod';
import { setting, settingsOf } from '../shared/env';
import { placesUploadKey, presignedUpload, safeFileName, uploadFileProblem } from './answer';

const Settings = z.object({ TABLE_NAME: setting.required, UPLOADS_BUCKET: setting.required });

const logger = new Logger({ serviceName: 'upload-url' });

/**
 * Each employment service calls with its own IAM role, named `uii-feed-upload-<serviceId>`
 * (ADR 0008, infra/lib/upload-roles.ts), in *our* account: a role of the same name in another
 * account is somebody else's.
 */
const ROLE =
  /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/uii-feed-upload-([A-Za-z0-9][A-Za-z0-9-]{0,62})\/[^/]+$/;
/**
 * A municipality's role `uii-places-upload-<municipalityId>` (ADR 0030): proposals of places
 * go to `places/<municipalityId>/` only. IAM role names are at most 64 characters, so the id
 * at most 46.
 */
const PLACES_ROLE =
  /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/uii-places-upload-([A-Za-z0-9][\w.-]{0,45})\/[^/]+$/;

const reply = (statusCode: number, body: unknown): LambdaFunctionURLResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

const callerArn = (event: LambdaFunctionURLEvent) =>
  (event.requestContext as { authorizer?: { iam?: { userArn?: string } } }).authorizer?.iam?.userArn;

/** The calling service, from the IAM principal the Function URL (AWS_IAM auth) has verified. */
export function callerService(event: LambdaFunctionURLEvent, account: string): string | undefined {
  const arn = callerArn(event);
  const m = arn ? ROLE.exec(arn) : null;
  return m && m[1] === account ? m[2] : undefined;
}

/** The calling municipality (its `uii-places-upload-<id>` role in our account), else undefined. */
export function callerMunicipality(event: LambdaFunctionURLEvent, account: string): string | undefined {
  const arn = callerArn(event);
  const m = arn ? PLACES_ROLE.exec(arn) : null;
  return m && m[1] === account ? m[2] : undefined;
}

/** This function's own account, from its ARN (`arn:aws:lambda:<region>:<account>:function:…`). */
export const accountOf = (context: Pick<Context, 'invokedFunctionArn'>) =>
  context.invokedFunctionArn.split(':')[4] ?? '';

export { safeFileName };

/**
 * POST/GET `?file=<name>&uploader=<email>` → `{ url, key, method: "PUT", headers, expiresIn }`.
 * The URL writes only `uploads/<callerService>/…` (a service) or `places/<callerMunicipality>/…`
 * (a municipality's proposal of places), and carries the uploader for the receipt.
 */
export const handler = async (
  event: LambdaFunctionURLEvent,
  context: Pick<Context, 'invokedFunctionArn'>,
): Promise<LambdaFunctionURLResult> => {
  const account = accountOf(context);
  const serviceId = callerService(event, account);
  const municipalityId = serviceId ? undefined : callerMunicipality(event, account);
  if (!serviceId && !municipalityId)
    return reply(403, {
      error:
        'Вызов не от роли службы занятости (uii-feed-upload-<id>) или органа местного самоуправления (uii-places-upload-<id>)',
    });
  const env = settingsOf(Settings);
  const query = event.queryStringParameters ?? {};
  // The receipt is mailed to the uploader: the alert's own address check.
  const uploader = isMailAddress(query.uploader) ? query.uploader : undefined;
  let key: string;
  if (serviceId) {
    const service = await new FeedStore().getService(serviceId);
    if (!service) return reply(403, { error: `Служба занятости ${serviceId} не зарегистрирована` });
    key = `uploads/${serviceId}/${today()}-${randomUUID().slice(0, 8)}-${safeFileName(query.file)}`;
  } else {
    const partner = await new PlacesStore().getPartner(municipalityId!);
    if (partner?.kind !== 'municipality')
      return reply(403, { error: `Орган местного самоуправления ${municipalityId} не зарегистрирован` });
    const problem = uploadFileProblem(query.file);
    if (problem) return reply(400, { error: `Ссылка не выдана: ${problem}` });
    key = placesUploadKey(municipalityId!, query.file, today());
  }
  const answer = await presignedUpload(env.UPLOADS_BUCKET, key, uploader);
  logger.info('upload url issued', {
    ...(serviceId ? { serviceId } : { municipalityId }),
    requestId: event.requestContext.requestId,
  });
  return reply(200, answer);
};
