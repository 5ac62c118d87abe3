import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/** Who is signed in. Ids only: the web never needs a person's name to decide access. */
export interface WebUser {
  /** Stable user id (Cognito `sub`, or the local demo's). */
  sub: string;
  role: 'officer' | 'head';
  inspectionId: string;
  officerId?: string;
  email?: string;
}

export const SESSION_COOKIE = '__Host-uii_session';

/**
 * Turns the session cookie into a user (or nothing). In AWS the cookie holds the Cognito ID
 * token, verified on every request (ADR 0021); locally it names an in-memory session.
 */
export interface Authenticator {
  userOf(sessionValue: string): Promise<WebUser | undefined>;
  /** Where «Войти» leads. */
  signInUrl(c: Context): string;
  /** Where «Выйти» leads after our cookie is cleared (Cognito's /logout ends its session too). */
  signOutUrl?(c: Context): string;
  /** Extra routes (the OAuth callback, the local one-time links). */
  routes?: (app: import('hono').Hono) => void;
  /** Shown on every page when the sign-in is not the real one. */
  label?: string;
}

export function sessionValue(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/**
 * Synchronizer token bound to the session: a hash of the HttpOnly session cookie, which a
 * page of another site can neither read nor compute.
 */
export function csrfTokenOf(session: string): string {
  return createHash('sha256').update(`csrf\n${session}`).digest('base64url');
}

export function csrfValid(session: string | undefined, token: string | undefined): boolean {
  if (!session || !token) return false;
  const want = Buffer.from(csrfTokenOf(session));
  const got = Buffer.from(token);
  return want.length === got.length && timingSafeEqual(want, got);
}

export const cookieOptions = {
  httpOnly: true,
  secure: true,
  sameSite: 'Lax' as const,
  path: '/',
};

/** May this user open this case? An officer and a head alike: the case of their inspection. */
export function canSeeCase(user: WebUser, c: { inspectionId?: string; officerId?: string }): boolean {
  return !!c.inspectionId && c.inspectionId === user.inspectionId;
}

export const newToken = (bytes = 24) => randomBytes(bytes).toString('base64url');
