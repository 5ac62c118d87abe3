import type { Context } from 'aws-lambda';
import type { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { createApp } from './app';
import { cognitoAuthenticator } from './cognito';
import { WebData } from './data';
import { moscowTime } from './views/pages';

/** The app behind a Function URL (payload v2), before any store is touched: sign-in and refusals. */
const auth = cognitoAuthenticator({
  userPoolId: 'eu-central-1_TestPool1',
  clientId: 'webclient123',
  domain: 'https://uii-test.auth.eu-central-1.amazoncognito.com',
  jwks: { keys: [] },
});
const app = createApp({
  auth,
  data: new WebData('main', 'http://sqs.invalid/000000000000/case-events'),
  today: () => '2026-03-02',
}) as unknown as Hono;
const lambda = handle(app);

function urlEvent(method: string, path: string, extra: Record<string, unknown> = {}) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'abc.lambda-url.eu-central-1.on.aws', 'x-forwarded-proto': 'https' },
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.1', userAgent: 'test' },
      domainName: 'abc.lambda-url.eu-central-1.on.aws',
    },
    isBase64Encoded: false,
    ...extra,
  };
}
const invoke = (event: ReturnType<typeof urlEvent>) =>
  lambda(event as never, {} as Context) as Promise<{
    statusCode: number;
    headers: Record<string, string>;
    body: string;
    cookies?: string[];
  }>;

describe('web on a Lambda Function URL', () => {
  it('asks a visitor without a session to sign in, in Russian, with security headers', async () => {
    const out = await invoke(urlEvent('GET', '/cases'));
    expect(out.statusCode).toBe(401);
    expect(out.body).toContain('<html lang="ru">');
    expect(out.body).toContain('href="/sign-in"');
    expect(out.body).not.toContain('Локальный стенд');
    expect(out.headers['content-security-policy']).toContain("script-src 'none'");
    expect(out.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('sends the browser to the hosted UI with PKCE and a state cookie', async () => {
    const out = await invoke(urlEvent('GET', '/sign-in'));
    expect(out.statusCode).toBe(302);
    const location = new URL(out.headers.location!);
    expect(location.origin + location.pathname).toBe(
      'https://uii-test.auth.eu-central-1.amazoncognito.com/oauth2/authorize',
    );
    expect(location.searchParams.get('redirect_uri')).toBe(
      'https://abc.lambda-url.eu-central-1.on.aws/auth/callback',
    );
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(out.cookies?.[0]).toMatch(
      /^__Host-uii_pkce=.+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('refuses a forged session cookie and a form post without a session', async () => {
    const forged = await invoke(
      urlEvent('GET', '/', { cookies: ['__Host-uii_session=eyJhbGciOiJub25lIn0.e30.'] }),
    );
    expect(forged.statusCode).toBe(401);
    const post = await invoke(
      urlEvent('POST', '/cases/C-1/events', {
        headers: {
          host: 'abc.lambda-url.eu-central-1.on.aws',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'type=dismissed&date=2026-03-01',
      }),
    );
    expect(post.statusCode).toBe(401);
  });

  it('signs out of the hosted UI too, back to the Function URL', () => {
    const url = new URL(
      auth.signOutUrl!({ req: { url: 'https://abc.lambda-url.eu-central-1.on.aws/cases' } } as never),
    );
    expect(url.pathname).toBe('/logout');
    expect(url.searchParams.get('logout_uri')).toBe('https://abc.lambda-url.eu-central-1.on.aws/');
    expect(url.searchParams.get('client_id')).toBe('webclient123');
  });

  it('rejects a callback whose state does not match', async () => {
    const out = await invoke(
      urlEvent('GET', '/auth/callback', {
        rawQueryString: 'code=abc&state=evil',
        cookies: ['__Host-uii_pkce=good.verifier'],
      }),
    );
    expect(out.statusCode).toBe(400);
    expect(out.body).toMatch(/Вход не удался/);
  });
});

describe('times on pages', () => {
  it('shows Moscow time, crossing midnight when UTC has not', () => {
    expect(moscowTime('2026-11-23T21:30:00.000Z')).toBe('24.11.2026 00:30 МСК');
    expect(moscowTime('2026-07-01T06:05:00Z')).toBe('01.07.2026 09:05 МСК');
  });
});
