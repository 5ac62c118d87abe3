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

/**
 * Holds left by a faulted attempt (Powertools' in-progress record: the function's deadline;
 * an alert claim: ALERT_CLAIM_STALE_SECONDS, longer than the timeout) delay their retries
 * until they end: short timeouts here keep the proof within a minute.
 */
const TIMEOUTS = { 'case-events': 4, 'alert-outbox': 4, 'ses-events': 4 };
let stack: LocalStack;
let claimStale: string | undefined;
beforeAll(async () => {
  claimStale = process.env.ALERT_CLAIM_STALE_SECONDS;
  process.env.ALERT_CLAIM_STALE_SECONDS = '6';
  stack = await startLocalStack({
    now: '2026-03-02',
    visibilityTimeoutSeconds: 1,
    faultInjection: true,
    timeouts: TIMEOUTS,
  });
});
afterAll(async () => {
  await stack?.stop();
  if (claimStale === undefined) delete process.env.ALERT_CLAIM_STALE_SECONDS;
  else process.env.ALERT_CLAIM_STALE_SECONDS = claimStale;
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
