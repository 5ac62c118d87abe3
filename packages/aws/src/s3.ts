import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3Client } from './clients';

/** Streams an object's body: feeds and mails can be large, so never read them whole unless asked. */
export async function getObjectStream(bucket: string, key: string): Promise<Readable> {
  const out = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body as Readable;
}

export async function getObjectBytes(bucket: string, key: string): Promise<Buffer> {
  const out = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

export async function headObject(bucket: string, key: string) {
  return s3Client().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
}

export async function putObject(
  bucket: string,
  key: string,
  body: string | Uint8Array | Buffer,
  options: { contentType?: string; metadata?: Record<string, string> } = {},
) {
  await s3Client().send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentType: options.contentType,
      Metadata: options.metadata,
    }),
  );
}
