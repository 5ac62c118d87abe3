import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { presignPut } from '@uii/aws';
import { FeedStore } from '@uii/aws/feed-store';
import { today } from '@uii/domain';
import type { Context, LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { z } from 'zod';
import { setting, settingsOf } from '../shared/env';

const Settings = z.object({ TABLE_NAME: setting.required, UPLOADS_BUCKET: setting.required });

const logger = new Logger({ serviceName: 'upload-url' });

/**
 * Each employment service calls with its own IAM role, named `uii-feed-upload-<serviceId>`
 * (ADR 0008, infra/lib/upload-roles.ts), in *our* account: a role of the same name in another
 * account is somebody else's.
 */
const ROLE =
  /^arn:aws[a-z-]*:sts::(\d{12}):assumed-role\/uii-feed-upload-([A-Za-z0-9][A-Za-z0-9-]{0,62})\/[^/]+$/;
const EXPIRES_SECONDS = 15 * 60;

const reply = (statusCode: number, body: unknown): LambdaFunctionURLResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

/** The calling service, from the IAM principal the Function URL (AWS_IAM auth) has verified. */
export function callerService(event: LambdaFunctionURLEvent, account: string): string | undefined {
  const iam = (event.requestContext as { authorizer?: { iam?: { userArn?: string } } }).authorizer?.iam;
  const m = iam?.userArn ? ROLE.exec(iam.userArn) : null;
  return m && m[1] === account ? m[2] : undefined;
}

/** This function's own account, from its ARN (`arn:aws:lambda:<region>:<account>:function:…`). */
export const accountOf = (context: Pick<Context, 'invokedFunctionArn'>) =>
  context.invokedFunctionArn.split(':')[4] ?? '';

/** A safe object name: the file's base name; letters (Cyrillic too), digits, dot, dash, underscore. */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? 'feed').split(/[\\/]/).pop() ?? 'feed';
  const clean = base
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 100);
  return clean || 'feed';
}

/**
 * POST/GET `?file=<name>&uploader=<email>` → `{ url, key, method: "PUT", headers, expiresIn }`.
 * The URL writes only `uploads/<callerService>/…` and carries the uploader for the receipt.
 */
export const handler = async (
  event: LambdaFunctionURLEvent,
  context: Pick<Context, 'invokedFunctionArn'>,
): Promise<LambdaFunctionURLResult> => {
  const serviceId = callerService(event, accountOf(context));
  if (!serviceId) return reply(403, { error: 'Вызов не от роли службы занятости (uii-feed-upload-<id>)' });
  const env = settingsOf(Settings);
  const service = await new FeedStore().getService(serviceId);
  if (!service) return reply(403, { error: `Служба занятости ${serviceId} не зарегистрирована` });

  const query = event.queryStringParameters ?? {};
  const uploader =
    query.uploader && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(query.uploader) ? query.uploader : undefined;
  const key = `uploads/${serviceId}/${today()}-${randomUUID().slice(0, 8)}-${safeFileName(query.file)}`;
  const metadata = uploader ? { uploader } : undefined;
  const url = await presignPut(env.UPLOADS_BUCKET, key, { metadata, expiresIn: EXPIRES_SECONDS });
  logger.info('upload url issued', { serviceId, requestId: event.requestContext.requestId });
  return reply(200, {
    url,
    key,
    method: 'PUT',
    headers: uploader ? { 'x-amz-meta-uploader': uploader } : {},
    expiresIn: EXPIRES_SECONDS,
  });
};
