import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { createApp } from '../../../functions/web/app';
import {
  type Authenticator,
  cookieOptions,
  newToken,
  SESSION_COOKIE,
  type WebUser,
} from '../../../functions/web/auth';
import { type ProposalSource, WebData } from '../../../functions/web/data';
import { matchStoreProposals } from '../../../functions/web/proposals';

export const LOCAL_SIGN_IN_LABEL =
  'Локальный стенд: вход по одноразовой ссылке без пароля — только здесь; в AWS вход через Amazon Cognito';

export interface LocalWeb {
  url: string;
  /** A fresh one-time sign-in link for this user. */
  signInLink(user: WebUser): string;
  /** The demo officer's and head's links (fresh each call). */
  demoLinks(): { officerSignIn: string; headSignIn: string };
  /** For `uii local status`: GET <url>/local/links with this header value mints fresh links. */
  controlToken: string;
  stop(): Promise<void>;
}

export interface LocalWebOptions {
  /** The stack's today (the simulated clock). */
  today: () => string;
  officer: WebUser;
  head: WebUser;
  port?: number;
  recordWaitMs?: number;
  /** Suggested vacancies (default: the matcher's store, functions/match). */
  proposals?: ProposalSource;
}

/**
 * The same web app as the Lambda, served on loopback, with a local sign-in: one-time links
 * (printed by `npm start` and `uii local status`) open an in-memory session. The deployed
 * stack has no such route: its handler mounts the Cognito authenticator only.
 */
export async function startLocalWeb(options: LocalWebOptions): Promise<LocalWeb> {
  const sessions = new Map<string, WebUser>();
  const tokens = new Map<string, WebUser>();
  const controlToken = randomBytes(18).toString('base64url');
  let base = '';
  const signInLink = (user: WebUser) => {
    const token = newToken();
    tokens.set(token, user);
    return `${base}/local/sign-in?token=${token}`;
  };
  const demoLinks = () => ({
    officerSignIn: signInLink(options.officer),
    headSignIn: signInLink(options.head),
  });
  const auth: Authenticator = {
    label: LOCAL_SIGN_IN_LABEL,
    userOf: async (session) => sessions.get(session),
    signInUrl: () => '/local/sign-in',
    routes(app: Hono) {
      app.get('/local/sign-in', (c) => {
        const token = c.req.query('token') ?? '';
        const user = tokens.get(token);
        if (!user) {
          c.header('cache-control', 'no-store');
          return c.html(
            `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Локальный вход — УИИ-Связь</title><link rel="stylesheet" href="/static/app.css"></head><body><header><div class="local-banner" role="note">${LOCAL_SIGN_IN_LABEL}</div></header><main id="main"><h1>Ссылка для входа не действует</h1><p class="lead">Ссылка одноразовая. Получите новую: <code>npm run uii -- local status</code>.</p></main></body></html>`,
            401,
          );
        }
        tokens.delete(token);
        const session = newToken(32);
        sessions.set(session, user);
        setCookie(c, SESSION_COOKIE, session, { ...cookieOptions, maxAge: 12 * 3600 });
        return c.redirect('/', 303);
      });
      app.get('/local/links', (c) => {
        if (c.req.header('x-uii-local') !== controlToken) return c.text('forbidden', 403);
        return c.json(demoLinks());
      });
    },
  };
  const app = createApp({
    auth,
    data: new WebData(),
    today: options.today,
    recordWaitMs: options.recordWaitMs,
    proposals: options.proposals ?? matchStoreProposals(),
  }) as unknown as Hono;
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    signInLink,
    demoLinks,
    controlToken,
    stop: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** The demo officer and head of `events/demo/cases.json`. */
export function demoUsers(directory: {
  officers: Array<{ id: string; email: string; inspectionId?: string }>;
}): { officer: WebUser; head: WebUser } {
  const o = directory.officers[0]!;
  const inspectionId = o.inspectionId ?? 'INSP-DEMO';
  return {
    officer: { sub: `local-${o.id}`, role: 'officer', officerId: o.id, inspectionId },
    head: { sub: `local-head-${inspectionId}`, role: 'head', inspectionId },
  };
}

/** `npm start`'s web: the demo directory's officer and head (events/demo/cases.json). */
export async function startDemoWeb(
  root: string,
  today: () => string,
  options: Omit<LocalWebOptions, 'today' | 'officer' | 'head'> = {},
): Promise<LocalWeb> {
  const { readFileSync, existsSync } = await import('node:fs');
  const file = `${root}/events/demo/cases.json`;
  const directory = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { directory: Parameters<typeof demoUsers>[0] }).directory
    : { officers: [{ id: 'OFF-DEMO', email: 'inspector@uii.example', inspectionId: 'INSP-DEMO' }] };
  return startLocalWeb({ ...options, today, ...demoUsers(directory) });
}
