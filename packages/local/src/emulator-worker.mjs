// The three Node emulators (SQS, S3, SES v2) run in this worker thread, not on the main
// thread: a test that blocks its main thread (spawnSync of the CLI) must not freeze the
// emulators the CLI is talking to. Plain JS so it loads the same under tsx and vitest.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import sesModule from 'aws-ses-v2-local';
import { createSqsServer } from 'local-aws-sqs';
import S3rver from 's3rver';

const sesServer = sesModule.default ?? sesModule;

// s3rver knows one access key (S3RVER) and rejects any other before even looking at the
// signature; the other emulators accept any credentials. Accept any key here too, so tools
// and tests configured with other fake credentials work (SigV4 is not verified by s3rver).
const AWSAccount = createRequire(import.meta.url)('s3rver/lib/models/account');
const knownAccount = AWSAccount.registry.get.bind(AWSAccount.registry);
AWSAccount.registry.get = (accessKeyId) => knownAccount(accessKeyId) ?? AWSAccount.DUMMY_ACCOUNT;
const { sqsPort, region, accountId, s3Directory } = workerData;

// A fault inside one emulator (a stream error nobody listens to…) must not take the thread,
// and with it SQS, S3 and SES, down: report it to the runtime, which says so loudly.
const fault = (error) =>
  parentPort.postMessage({ type: 'fault', message: String(error?.stack ?? error).slice(0, 2000) });
process.on('uncaughtException', fault);
process.on('unhandledRejection', fault);

/**
 * s3rver stores each key segment as a file name; most file systems stop at 255 bytes, and the
 * failed write used to crash this thread. S3 itself takes keys up to 1024 bytes: refuse what
 * the local disk cannot hold with an S3-style 400 that says why, before s3rver tries.
 */
const MAX_SEGMENT_BYTES = 255;
const keySegmentGuard = async (ctx, next) => {
  let path;
  try {
    path = decodeURIComponent(ctx.path);
  } catch {
    path = ctx.path;
  }
  const segments = path.split('/');
  const tooLong = segments.find((s) => Buffer.byteLength(s) > MAX_SEGMENT_BYTES);
  if (tooLong !== undefined || Buffer.byteLength(path) > 1100) {
    ctx.status = 400;
    ctx.type = 'application/xml';
    ctx.body =
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>KeyTooLongError</Code>' +
      `<Message>Local S3 emulator: a key segment is longer than ${MAX_SEGMENT_BYTES} bytes (the local file-system limit; S3 allows it)</Message></Error>`;
    return;
  }
  await next();
};

const timed = async (work) => {
  const started = performance.now();
  const value = await work();
  return [value, Math.round(performance.now() - started)];
};

const [[sqs, sqsMs], [s3, s3Ms], [ses, sesMs]] = await Promise.all([
  timed(() =>
    createSqsServer({
      port: sqsPort,
      hostname: '127.0.0.1',
      region,
      accountId,
      // A second `npm start` recreates the same queues at once.
      emulateQueueCreationLifecycle: false,
    }),
  ),
  timed(async () => {
    const server = new S3rver({
      address: '127.0.0.1',
      port: workerData.s3Port ?? 0,
      silent: true,
      directory: s3Directory,
      vhostBuckets: false,
    });
    // Koa composes its middleware when it starts listening: the guard goes first.
    server.middleware.unshift(keySegmentGuard);
    const address = await server.run();
    server.on('event', (event) => parentPort.postMessage({ type: 's3-event', event }));
    return { server, port: address.port };
  }),
  timed(() => sesServer({ host: '127.0.0.1', port: workerData.sesPort ?? 0 })),
]);

const close = (server) =>
  new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });

parentPort.on('message', async (message) => {
  if (message?.type !== 'stop') return;
  await Promise.allSettled([close(sqs), s3.server.close(), close(ses)]);
  parentPort.postMessage({ type: 'stopped' });
});

parentPort.postMessage({
  type: 'ready',
  s3Port: s3.port,
  sesPort: ses.address().port,
  startupMs: { sqs: sqsMs, s3: s3Ms, ses: sesMs },
});
