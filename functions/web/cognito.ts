import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type Authenticator, cookieOptions, newToken, SESSION_COOKIE, type WebUser } from './auth';

/**
 * Amazon Cognito sign-in (ADR 0021): the hosted UI with the authorization-code flow and PKCE;
 * the function exchanges the code, keeps the ID token in an HttpOnly cookie and verifies it
 * with aws-jwt-verify (signature, issuer, audience, expiry) on every request.
 *
 * Claims: `custom:inspection_id`, `custom:officer_id`; group `heads` makes a head of inspection.
 */
export interface CognitoSettings {
  userPoolId: string;
  clientId: string;
  /** https://<prefix>.auth.<region>.amazoncognito.com */
  domain: string;
  /** Tests only: the pool's signing keys, instead of fetching them from Cognito. */
  jwks?: { keys: Array<Record<string, unknown>> };
}

/** Pool, client and hosted UI from the SSM parameter infra/lib/web.ts writes (read once per cold start). */
export async function cognitoSettingsFromParameter(
  name: string | undefined = process.env.WEB_SETTINGS_PARAMETER,
): Promise<CognitoSettings> {
  if (!name) throw new Error('WEB_SETTINGS_PARAMETER is not set');
  const out = await new SSMClient({}).send(new GetParameterCommand({ Name: name }));
  const value = JSON.parse(out.Parameter?.Value ?? '{}') as Partial<CognitoSettings>;
  if (!value.userPoolId || !value.clientId || !value.domain)
    throw new Error(`parameter ${name} lacks userPoolId, clientId or domain`);
  return { userPoolId: value.userPoolId, clientId: value.clientId, domain: value.domain };
}

const PKCE_COOKIE = '__Host-uii_pkce';

export function cognitoAuthenticator(settings: CognitoSettings): Authenticator {
  const verifier = CognitoJwtVerifier.create({
    userPoolId: settings.userPoolId,
    clientId: settings.clientId,
    tokenUse: 'id',
  });
  if (settings.jwks) verifier.cacheJwks(settings.jwks as unknown as Parameters<typeof verifier.cacheJwks>[0]);
  const redirectUri = (c: Context) => `${new URL(c.req.url).origin}/auth/callback`;
  return {
    async userOf(token) {
      try {
        const claims = (await verifier.verify(token)) as Record<string, unknown>;
        const inspectionId = claims['custom:inspection_id'];
        if (typeof inspectionId !== 'string' || !inspectionId) return undefined;
        const groups = (claims['cognito:groups'] as string[] | undefined) ?? [];
        const officerId = claims['custom:officer_id'];
        const user: WebUser = {
          sub: String(claims.sub),
          role: groups.includes('heads') ? 'head' : 'officer',
          inspectionId,
          ...(typeof officerId === 'string' && officerId ? { officerId } : {}),
          ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
        };
        return user;
      } catch {
        return undefined;
      }
    },
    signInUrl: () => '/sign-in',
    signOutUrl(c) {
      const url = new URL('/logout', settings.domain);
      url.search = new URLSearchParams({
        client_id: settings.clientId,
        logout_uri: `${new URL(c.req.url).origin}/`,
      }).toString();
      return url.toString();
    },
    routes(app: Hono) {
      app.get('/sign-in', async (c) => {
        const verifierValue = newToken(32);
        const state = newToken(16);
        setCookie(c, PKCE_COOKIE, `${state}.${verifierValue}`, { ...cookieOptions, maxAge: 600 });
        const challenge = await s256(verifierValue);
        const url = new URL('/oauth2/authorize', settings.domain);
        url.search = new URLSearchParams({
          response_type: 'code',
          client_id: settings.clientId,
          redirect_uri: redirectUri(c),
          scope: 'openid email',
          state,
          code_challenge: challenge,
          code_challenge_method: 'S256',
        }).toString();
        return c.redirect(url.toString());
      });
      app.get('/auth/callback', async (c) => {
        const [state, verifierValue] = (getCookie(c, PKCE_COOKIE) ?? '').split('.');
        deleteCookie(c, PKCE_COOKIE, cookieOptions);
        const code = c.req.query('code');
        if (!code || !state || state !== c.req.query('state') || !verifierValue)
          return c.text('Вход не удался: ссылка устарела, войдите заново.', 400);
        const response = await fetch(new URL('/oauth2/token', settings.domain), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: settings.clientId,
            code,
            redirect_uri: redirectUri(c),
            code_verifier: verifierValue,
          }),
        });
        if (!response.ok) return c.text('Вход не удался: Cognito не принял код, войдите заново.', 400);
        const tokens = (await response.json()) as { id_token?: string; expires_in?: number };
        if (!tokens.id_token) return c.text('Вход не удался: нет ID-токена.', 400);
        setCookie(c, SESSION_COOKIE, tokens.id_token, {
          ...cookieOptions,
          maxAge: tokens.expires_in ?? 3600,
        });
        return c.redirect('/');
      });
    },
  };
}

async function s256(value: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
  return Buffer.from(digest).toString('base64url');
}
