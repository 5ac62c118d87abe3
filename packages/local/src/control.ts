import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { today } from '@uii/domain';
import type { MailVerdicts } from './demo/context';
import type { LocalRuntime } from './runtime';

/**
 * The runtime's loopback control API, for the CLI:
 *   GET  /status                        endpoints, queue depths, clock, recent invocations
 *   GET  /clock                         { now, today }
 *   POST /clock/set      { when }       moves the clock (fires crossed schedules)
 *   POST /clock/advance  { duration }   e.g. "3d"
 *   POST /mail/receive   { path | rawBase64, verdicts? }   simulated SES inbound
 */
export async function startControlServer(
  runtime: LocalRuntime,
  startedAt: Date,
): Promise<{ url: string; server: Server }> {
  const clockState = () => ({ now: runtime.clock.now().toISOString(), today: today(runtime.clock.now()) });
  const body = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const routes: Record<string, (req: IncomingMessage) => Promise<unknown>> = {
    'GET /status': async () => ({
      startedAt: startedAt.toISOString(),
      pid: process.pid,
      endpoints: runtime.endpoints,
      clock: clockState(),
      functions: runtime.model.functions.map((f) => f.name),
      queues: await runtime.queueDepths(),
      schedules: runtime.model.schedules.map((s) => ({
        name: s.name,
        expression: s.expression,
        timezone: s.timezone,
      })),
      invocations: runtime.invocations.length,
      failedInvocations: runtime.invocations.filter((i) => i.error).length,
      scheduledRuns: runtime.scheduledRuns.slice(-20),
    }),
    'GET /clock': async () => clockState(),
    'POST /clock/set': async (req) => {
      await runtime.setClock(String((await body(req)).when));
      return { ...clockState(), runs: runtime.scheduledRuns.slice(-50) };
    },
    'POST /clock/advance': async (req) => {
      const before = runtime.scheduledRuns.length;
      await runtime.advanceClock(String((await body(req)).duration));
      return { ...clockState(), runs: runtime.scheduledRuns.slice(before) };
    },
    'POST /mail/receive': async (req) => {
      const b = await body(req);
      const source = typeof b.rawBase64 === 'string' ? Buffer.from(b.rawBase64, 'base64') : String(b.path);
      const received = await runtime.receiveMail(source, b.verdicts as MailVerdicts | undefined);
      return {
        messageId: received.messageId,
        objectKey: received.objectKey,
        receipt: received.notification.receipt,
      };
    },
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const route = routes[`${req.method} ${req.url?.split('?')[0]}`];
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(value));
    };
    if (!route) return reply(404, { error: `no route ${req.method} ${req.url}` });
    route(req).then(
      (value) => reply(200, value),
      (error: unknown) => reply(400, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
