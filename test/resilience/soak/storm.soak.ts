import { type LocalStack, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStorm, runStorm } from '../storm';

/** `npm run test:soak` (not in CI): the storm at UII_SOAK_EVENTS (default 50,000) events. */
const EVENTS = Number(process.env.UII_SOAK_EVENTS ?? 50_000);

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ now: '2026-03-02', visibilityTimeoutSeconds: 2, faultInjection: true });
});
afterAll(async () => {
  await stack?.stop();
});

describe('soak', () => {
  it(
    `${EVENTS} events, each three times, with faults`,
    async () => {
      const figures = await runStorm(stack, {
        events: EVENTS,
        faultRate: Number(process.env.UII_FAULT_RATE ?? 0.2),
      });
      console.info(`[soak] ${formatStorm(figures)}`);
      expect({ lost: figures.lost, duplicated: figures.duplicated }).toEqual({ lost: 0, duplicated: 0 });
    },
    24 * 3600_000,
  );
});
