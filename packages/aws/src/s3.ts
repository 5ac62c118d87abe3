import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3Client } from './clients';

let presigner: S3Client | undefined;

/**
 * A presigned PUT for a client that uploads later. Signed by a client that adds checksums only
 * when an operation requires them: with the SDK's default (since 3.729) the URL would carry the
 * CRC32 of the empty body known at signing (`x-amz-checksum-crc32=AAAAAA==`), and S3 would
 * reject every real upload (aws-sdk-js-v3 default-checksum behaviour).
 */
export async function presignPut(
  bucket: string,
  key: string,
  options: { metadata?: Record<string, string>; expiresIn: number },
): Promise<string> {
  presigner ??= new S3Client({
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return getSignedUrl(
    presigner,
    new PutObjectCommand({ Bucket: bucket, Key: key, Metadata: options.metadata }),
    {
      expiresIn: options.expiresIn,
    },
  );
}

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
