import { randomUUID } from 'node:crypto';
import { presignPut } from '@uii/aws';
import { isMailAddress } from '@uii/domain';

/** What upload-url answers (ADR 0008), and `uii places upload-url --json` prints. */
export interface UploadAnswer {
  url: string;
  key: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresIn: number;
}

export const EXPIRES_SECONDS = 15 * 60;

/** A safe object name: the file's base name; letters (Cyrillic too), digits, dot, dash, underscore. */
export function safeFileName(name: string | undefined, fallback = 'feed'): string {
  const base = (name ?? fallback).split(/[\\/]/).pop() ?? fallback;
  const clean = base
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 100);
  return clean || fallback;
}

/**
 * `places/<municipalityId>/<day>-<random>/<file>` (ADR 0030): the municipality's own prefix; the
 * file keeps its name (the receipt quotes it) and the folder makes the key unique.
 */
export const placesUploadKey = (municipalityId: string, file: string | undefined, day: string) =>
  `places/${municipalityId}/${day}-${randomUUID().slice(0, 8)}/${safeFileName(file, 'proposal')}`;

/** A presigned PUT for `key`; the uploader (for the receipt) is signed in as `x-amz-meta-uploader`. */
export async function presignedUpload(bucket: string, key: string, uploader?: string): Promise<UploadAnswer> {
  const url = await presignPut(bucket, key, {
    metadata: uploader ? { uploader } : undefined,
    expiresIn: EXPIRES_SECONDS,
  });
  return {
    url,
    key,
    method: 'PUT',
    headers: uploader ? { 'x-amz-meta-uploader': uploader } : {},
    expiresIn: EXPIRES_SECONDS,
  };
}

/** The receipt is mailed to the uploader: the alert's own address check. */
export const isEmail = isMailAddress;
