import { randomUUID } from 'node:crypto';
import { presignPut } from '@uii/aws';
import { PLACES_FILE_TYPES_RU, placesFileNameProblem, placesFileTypeOf } from '@uii/domain';

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

/**
 * Why a proposal of places cannot be uploaded under this name (places intake could not read
 * it), in Russian with the accepted extensions; undefined when it can.
 */
export function uploadFileProblem(file: string | undefined): string | undefined {
  const name = safeFileName(file, 'proposal');
  if (placesFileTypeOf(name)) return undefined;
  return (
    placesFileNameProblem(name) ??
    `у файла «${name}» нет расширения. Предложение мест принимается в виде ${PLACES_FILE_TYPES_RU}`
  );
}
