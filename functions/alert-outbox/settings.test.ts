import { afterEach, describe, expect, it } from 'vitest';
import { claimStaleMs } from './handler';

describe('alert-outbox settings', () => {
  afterEach(() => {
    delete process.env.ALERT_CLAIM_STALE_SECONDS;
  });
  it('holds a claim 120 s by default and reads a valid override', () => {
    expect(claimStaleMs()).toBe(120_000);
    process.env.ALERT_CLAIM_STALE_SECONDS = '30';
    expect(claimStaleMs()).toBe(30_000);
  });
  it('fails loudly on a typo instead of holding claims for NaN ms', () => {
    process.env.ALERT_CLAIM_STALE_SECONDS = '5d';
    expect(() => claimStaleMs()).toThrow(/ALERT_CLAIM_STALE_SECONDS/);
  });
});
