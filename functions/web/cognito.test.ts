import { createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canSeeCase } from './auth';
import { cognitoAuthenticator } from './cognito';

/** Real RS256 tokens signed with a key of our own, verified by aws-jwt-verify as in AWS. */
const userPoolId = 'eu-central-1_TestPool1';
const clientId = 'webclient123';
const issuer = `https://cognito-idp.eu-central-1.amazonaws.com/${userPoolId}`;
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = {
  ...(publicKey.export({ format: 'jwk' }) as Record<string, unknown>),
  kid: 'k1',
  alg: 'RS256',
  use: 'sig',
};

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function token(claims: Record<string, unknown>, key = privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${b64({
    iss: issuer,
    aud: clientId,
    token_use: 'id',
    sub: 'user-1',
    iat: now,
    exp: now + 3600,
    ...claims,
  })}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(key).toString('base64url')}`;
}

const auth = cognitoAuthenticator({
  userPoolId,
  clientId,
  domain: 'https://x.auth.eu-central-1.amazoncognito.com',
  jwks: { keys: [jwk] },
});

describe('Cognito sign-in (ADR 0021)', () => {
  it('reads inspection, officer and the heads group from a valid ID token', async () => {
    expect(
      await auth.userOf(
        token({ 'custom:inspection_id': 'INSP-1', 'custom:officer_id': 'OFF-1', email: 'o@uii.example' }),
      ),
    ).toEqual({
      sub: 'user-1',
      role: 'officer',
      inspectionId: 'INSP-1',
      officerId: 'OFF-1',
      email: 'o@uii.example',
    });
    expect(
      await auth.userOf(token({ 'custom:inspection_id': 'INSP-1', 'cognito:groups': ['heads'] })),
    ).toMatchObject({
      role: 'head',
      inspectionId: 'INSP-1',
    });
  });

  it('refuses expired, foreign-audience, access-type, forged and inspection-less tokens', async () => {
    const past = Math.floor(Date.now() / 1000) - 10;
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    for (const bad of [
      token({ 'custom:inspection_id': 'INSP-1', exp: past }),
      token({ 'custom:inspection_id': 'INSP-1', aud: 'another-client' }),
      token({ 'custom:inspection_id': 'INSP-1', token_use: 'access' }),
      token({ 'custom:inspection_id': 'INSP-1' }, other),
      token({}),
      'not-a-token',
    ])
      expect(await auth.userOf(bad)).toBeUndefined();
  });

  it('lets officers and heads see the cases of their own inspection only', () => {
    const officer = { sub: 's', role: 'officer' as const, inspectionId: 'INSP-1', officerId: 'OFF-1' };
    expect(canSeeCase(officer, { inspectionId: 'INSP-1', officerId: 'OFF-2' })).toBe(true);
    expect(canSeeCase(officer, { inspectionId: 'INSP-2', officerId: 'OFF-1' })).toBe(false);
    expect(canSeeCase({ ...officer, role: 'head' }, { inspectionId: 'INSP-2' })).toBe(false);
    expect(canSeeCase(officer, {})).toBe(false);
  });
});
