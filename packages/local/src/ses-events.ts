import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SesEventDestinationSpec } from './template';

/**
 * aws-ses-v2-local accepts `ConfigurationSetName` and `EmailTags` but publishes no sending
 * events (it has no configuration sets at all). This stand-in sits in front of it: every
 * request passes through unchanged, and for each SendEmail the emulator accepted it
 * synthesises the events SES would publish to the configuration set's SNS destination —
 * Send, then Delivery per recipient, or a permanent Bounce / a Complaint for the addresses of
 * the SES mailbox simulator (bounce@simulator.amazonses.com, complaint@simulator.amazonses.com)
 * — and delivers them, SNS-enveloped, to the queues subscribed to that topic.
 * Tests can also make it refuse the next sends (throttling), as SES does.
 */
export interface SesStandIn {
  url: string;
  /** The next `count` SendEmail calls answer like SES refusing them (default: throttled, 429). */
  failNextSends(count: number, failure?: { status: number; type: string }): void;
  /** Events published so far. */
  published: { queue: string; eventType: string; sesMessageId: string }[];
  /** Resolves when every event of the sends so far is on its queue. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export const SIMULATOR_DOMAIN = 'simulator.amazonses.com';

interface SendRequest {
  ConfigurationSetName?: string;
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  EmailTags?: { Name: string; Value: string }[];
  FromEmailAddress?: string;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** The SES event-publishing records for one accepted send, in the order SES publishes them. */
export function sesEventsFor(
  request: SendRequest,
  sesMessageId: string,
  at: Date,
): { eventType: string; record: Record<string, unknown> }[] {
  const recipients = [
    ...(request.Destination?.ToAddresses ?? []),
    ...(request.Destination?.CcAddresses ?? []),
    ...(request.Destination?.BccAddresses ?? []),
  ].map((a) => a.replace(/^.*<([^>]+)>.*$/, '$1').trim());
  const tags: Record<string, string[]> = {};
  for (const t of request.EmailTags ?? []) tags[t.Name] = [t.Value];
  tags['ses:configuration-set'] = [request.ConfigurationSetName ?? ''];
  const mail = {
    timestamp: at.toISOString(),
    source: request.FromEmailAddress,
    messageId: sesMessageId,
    destination: recipients,
    tags,
  };
  const later = (ms: number) => new Date(at.getTime() + ms).toISOString();
  const out: { eventType: string; record: Record<string, unknown> }[] = [
    { eventType: 'send', record: { eventType: 'Send', mail, send: {} } },
  ];
  const local = (a: string) => a.slice(0, a.lastIndexOf('@')).toLowerCase();
  const onSimulator = (a: string) => a.toLowerCase().endsWith(`@${SIMULATOR_DOMAIN}`);
  const bounced = recipients.filter((a) => onSimulator(a) && local(a).startsWith('bounce'));
  const complained = recipients.filter((a) => onSimulator(a) && local(a).startsWith('complaint'));
  const delivered = recipients.filter((a) => !bounced.includes(a));
  if (delivered.length)
    out.push({
      eventType: 'delivery',
      record: {
        eventType: 'Delivery',
        mail,
        delivery: {
          timestamp: later(500),
          recipients: delivered,
          smtpResponse: '250 2.6.0 Message received',
        },
      },
    });
  if (bounced.length)
    out.push({
      eventType: 'bounce',
      record: {
        eventType: 'Bounce',
        mail,
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          timestamp: later(500),
          bouncedRecipients: bounced.map((emailAddress) => ({
            emailAddress,
            action: 'failed',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 user unknown',
          })),
        },
      },
    });
  if (complained.length)
    out.push({
      eventType: 'complaint',
      record: {
        eventType: 'Complaint',
        mail,
        complaint: {
          timestamp: later(1000),
          complainedRecipients: complained.map((emailAddress) => ({ emailAddress })),
          complaintFeedbackType: 'abuse',
        },
      },
    });
  return out;
}

export async function startSesStandIn(options: {
  target: string;
  destinations: SesEventDestinationSpec[];
  publish: (queue: string, body: string) => Promise<void>;
  now: () => Date;
  onError: (error: unknown) => void;
}): Promise<SesStandIn> {
  const failures: { status: number; type: string }[] = [];
  const published: SesStandIn['published'] = [];
  const pending = new Set<Promise<void>>();

  const emit = async (request: SendRequest, sesMessageId: string) => {
    const destinations = options.destinations.filter(
      (d) => request.ConfigurationSetName && d.configurationSet === request.ConfigurationSetName,
    );
    for (const { eventType, record } of sesEventsFor(request, sesMessageId, options.now()))
      for (const d of destinations.filter((x) => x.events.includes(eventType)))
        for (const q of d.queues) {
          const message = JSON.stringify(record);
          const body = q.rawMessageDelivery
            ? message
            : JSON.stringify({
                Type: 'Notification',
                MessageId: randomUUID(),
                TopicArn: `arn:aws:sns:eu-central-1:000000000000:${d.topicName}`,
                Message: message,
                Timestamp: new Date().toISOString(),
                SignatureVersion: '1',
              });
          await options.publish(q.name, body);
          published.push({ queue: q.name, eventType, sesMessageId });
        }
  };

  const server: Server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const isSend = req.method === 'POST' && req.url?.startsWith('/v2/email/outbound-emails');
      if (isSend && failures.length) {
        const f = failures.shift()!;
        res.writeHead(f.status, { 'content-type': 'application/json', 'x-amzn-errortype': f.type });
        res.end(JSON.stringify({ message: `local SES stand-in: ${f.type}` }));
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
      const answer = await fetch(`${options.target}${req.url ?? '/'}`, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
      });
      const text = Buffer.from(await answer.arrayBuffer());
      const out: Record<string, string> = {};
      answer.headers.forEach((v, k) => {
        if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k))
          out[k] = v;
      });
      res.writeHead(answer.status, out);
      res.end(text);
      if (isSend && answer.ok) {
        const sesMessageId = (JSON.parse(text.toString('utf8')) as { MessageId?: string }).MessageId;
        if (sesMessageId) {
          const p = emit(JSON.parse(body.toString('utf8')) as SendRequest, sesMessageId)
            .catch(options.onError)
            .finally(() => pending.delete(p));
          pending.add(p);
        }
      }
    } catch (error) {
      options.onError(error);
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    failNextSends: (count, failure = { status: 429, type: 'TooManyRequestsException' }) => {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    published,
    settled: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
