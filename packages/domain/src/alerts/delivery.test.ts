import { describe, expect, it } from 'vitest';
import { backoffMs, decideClaim, statusAfterEvent } from './delivery';

describe('decideClaim', () => {
  const t0 = Date.parse('2026-03-02T06:00:00Z');
  const claim = (status: 'claimed' | 'sent' | 'delivered' | 'bounced', ageMs: number) => ({
    status,
    claimedAt: new Date(t0 - ageMs).toISOString(),
    attempts: 1,
  });

  it('sends when nothing was claimed', () => {
    expect(decideClaim(undefined, t0, 120_000)).toEqual({ action: 'send' });
  });
  it('never sends again once SES marked it, however old the claim', () => {
    for (const s of ['sent', 'delivered', 'bounced'] as const)
      expect(decideClaim(claim(s, 10 * 86_400_000), t0, 120_000)).toEqual({ action: 'done', status: s });
  });
  it('waits out a fresh claim, and re-sends a stale one with no mark', () => {
    expect(decideClaim(claim('claimed', 30_000), t0, 120_000)).toEqual({
      action: 'wait',
      retryAfterMs: 90_000,
    });
    expect(decideClaim(claim('claimed', 120_000), t0, 120_000)).toEqual({ action: 'resend-stale' });
  });
});

describe('statusAfterEvent', () => {
  it('moves forward only, whatever order the events come in', () => {
    expect(statusAfterEvent('claimed', 'Send')).toBe('sent');
    expect(statusAfterEvent('sent', 'Delivery')).toBe('delivered');
    expect(statusAfterEvent('delivered', 'Send')).toBe('delivered');
    expect(statusAfterEvent('delivered', 'Bounce', 'Permanent')).toBe('bounced');
    expect(statusAfterEvent('bounced', 'Delivery')).toBe('bounced');
    expect(statusAfterEvent('sent', 'Complaint')).toBe('complained');
  });
  it('ignores transient bounces and delays (SES keeps trying)', () => {
    expect(statusAfterEvent('sent', 'Bounce', 'Transient')).toBe('sent');
    expect(statusAfterEvent('sent', 'DeliveryDelay')).toBe('sent');
  });
});

describe('backoffMs', () => {
  it('grows exponentially up to the cap, with jitter below the ceiling', () => {
    expect([1, 2, 3, 4, 10].map((a) => backoffMs(a, () => 1))).toEqual([200, 400, 800, 1600, 5000]);
    expect(backoffMs(3, () => 0.5)).toBe(400);
  });
});
