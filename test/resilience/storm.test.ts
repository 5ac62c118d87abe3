import { type LocalStack, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStorm, runStorm } from './storm';

/**
 * Proof 1 (issue 14) at CI size: UII_STORM_EVENTS mixed events (case events, alert jobs),
 * each delivered three times, faults on AWS calls (UII_FAULT_RATE per call). Lost and
 * duplicated must both be 0. `npm run test:soak` runs it at 50,000 events.
 */
const EVENTS = Number(process.env.UII_STORM_EVENTS ?? 60);
const FAULT_RATE = Number(process.env.UII_FAULT_RATE ?? 0.2);

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ now: '2026-03-02', visibilityTimeoutSeconds: 1, faultInjection: true });
});
afterAll(async () => {
  await stack?.stop();
});

describe('redelivery storm', () => {
  it('leaves every case as one clean delivery would and sends every mail exactly once', async () => {
    const figures = await runStorm(stack, { events: EVENTS, faultRate: FAULT_RATE });
    console.info(`[proof 1: redelivery storm] ${formatStorm(figures)}`);
    expect(figures.faultsInjected).toBeGreaterThan(0);
    expect({ lost: figures.lost, duplicated: figures.duplicated }).toEqual({ lost: 0, duplicated: 0 });
  }, 600_000);
});
