import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fault-injecting HTTP proxy in front of one emulator, for resilience tests: with
 * probability `rate` a request fails — half of the time before it reaches the emulator (a 500
 * the SDK may retry), half after the emulator did the work (the connection drops, the answer
 * is lost: the caller cannot know whether its write happened). Rate 0 passes everything.
 */
export interface FaultProxy {
  url: string;
  /** `lostAnswers: false` fails requests only before they reach the emulator. */
  setRate(rate: number, lostAnswers?: boolean): void;
  counts(): { requests: number; before: number; after: number };
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const to = new URL(target);
  let rate = 0;
  let lost = true;
  const counts = { requests: 0, before: 0, after: 0 };
  const server: Server = createServer((req, res) => {
    counts.requests += 1;
    const roll = Math.random();
    if (roll < (lost ? rate / 2 : rate)) {
      counts.before += 1;
      req.resume();
      res.writeHead(500, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-errortype': 'InternalFailure',
      });
      res.end(JSON.stringify({ __type: 'InternalFailure', message: 'injected fault (before the call)' }));
      return;
    }
    const dropAnswer = lost && roll < rate;
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (dropAnswer) {
          counts.after += 1;
          answer.resume();
          answer.on('end', () => res.socket?.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.socket?.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setRate: (r, lostAnswers = true) => {
      rate = r;
      lost = lostAnswers;
    },
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
