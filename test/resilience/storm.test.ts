import type { LocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStorm, runStorm } from './storm';
import { startStackWithShortHolds } from './support';

/**
 * Proof 1 (issue 14) at CI size: UII_STORM_EVENTS mixed events (case events, alert jobs),
 * each delivered three times, faults on AWS calls (UII_FAULT_RATE per call). Lost and
 * duplicated must both be 0. `npm run test:soak` runs it at 50,000 events.
 */
const EVENTS = Number(process.env.UII_STORM_EVENTS ?? 60);
const FAULT_RATE = Number(process.env.UII_FAULT_RATE ?? 0.2);

/**
 * A faulted attempt can leave a hold: Powertools' in-progress record (until the function's
 * deadline) or an alert claim (ALERT_CLAIM_STALE_SECONDS, longer than the timeout). With the
 * 1 s visibility timeout here, all five receives of a message fit in an 8 s hold, and so does
 * a redrive right after: the proof catches a consumer that retries inside a hold, and stays
 * within a minute with one that waits for its end.
 */
let stack: LocalStack;
beforeAll(async () => {
  stack = await startStackWithShortHolds({ now: '2026-03-02', visibilityTimeoutSeconds: 1 });
});
afterAll(async () => {
  await stack?.stop();
});

let figures: Awaited<ReturnType<typeof runStorm>>;
describe('redelivery storm', () => {
  beforeAll(async () => {
    figures = await runStorm(stack, { events: EVENTS, faultRate: FAULT_RATE });
    console.info(`[proof 1: redelivery storm] ${formatStorm(figures)}`);
  }, 600_000);

  it('injects faults and leaves every case as its clean twin; every expected mail sent exactly once', () => {
    expect(figures.faultsInjected).toBeGreaterThan(0);
    expect(figures.caseAlertsExpected).toBeGreaterThanOrEqual(figures.casesChecked);
    expect({
      casesDiffering: figures.casesDiffering,
      lostJobs: figures.lostJobs,
      lostCaseAlerts: figures.lostCaseAlerts,
      duplicated: figures.duplicated,
    }).toEqual({
      casesDiffering: 0,
      lostJobs: 0,
      lostCaseAlerts: 0,
      duplicated: 0,
    });
  });
});
