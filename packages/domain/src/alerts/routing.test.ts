import { describe, expect, it } from 'vitest';
import type { AlertJob } from './alert-job';
import { urgencyRank } from './case-plan';
import { routeOf } from './routing';

const job = (over: Partial<AlertJob>): AlertJob => ({
  id: 'x',
  kind: 'deadline.reminder',
  audience: 'officer',
  to: ['officer@uii.example'],
  subject: 's',
  text: 't',
  ...over,
});
const place = (kind: 'first' | 'reminder' | 'overdue', asOf: string) =>
  job({
    kind: `deadline.${kind}`,
    rule: 'PLACE-DECIDE',
    deadline: { rule: 'PLACE-DECIDE', kind, trigger: '2026-03-02', due: '2026-03-16', asOf },
  });

describe('routeOf: shortlists and place clocks', () => {
  it('keeps a shortlist with more than the urgent days left for the digest, mails an urgent one at once', () => {
    expect(routeOf(job({ kind: 'match.shortlist', caseId: 'C', rule: 'CL-REFER' })).route).toBe('digest');
    expect(routeOf(job({ kind: 'match.shortlist.urgent', caseId: 'C', rule: 'CL-REFER' }))).toEqual({
      route: 'now',
      urgent: false, // it never takes the deadline's one urgent mail of the day
    });
  });

  it('keeps a place clock with days to spare for the digest; its last day and overdue go at once', () => {
    expect(routeOf(place('first', '2026-03-02')).route).toBe('digest');
    expect(routeOf(place('reminder', '2026-03-13')).route).toBe('digest'); // 3 days left
    expect(routeOf(place('reminder', '2026-03-15'))).toEqual({ route: 'now', urgent: true });
    expect(routeOf(place('overdue', '2026-03-17'))).toEqual({ route: 'now', urgent: true });
    // The head's escalation and the municipality's reminders are not the officer's digest.
    expect(routeOf({ ...place('first', '2026-03-02'), audience: 'supervisor' }).route).toBe('now');
    expect(routeOf({ ...place('first', '2026-03-02'), audience: 'partner' }).route).toBe('now');
  });
});

describe('routeOf: urgent findings', () => {
  const finding = (rule: string) =>
    job({ id: `C:${rule}:finding:2026-05-04`, kind: 'deadline.first', caseId: 'C', rule });

  it('mails whereabouts unknown (WANTED: 48-hour detention limit) at once, like evasion', () => {
    for (const rule of ['WANTED', 'CW-EVASION', 'CW-EVASION-RISK'])
      expect(routeOf(finding(rule)), rule).toEqual({ route: 'now', urgent: true });
    expect(routeOf(finding('CW-PACE')).route).toBe('digest');
  });

  it('puts WANTED first in a combined mail, before evasion and before the most overdue term', () => {
    const overdue = job({
      id: 'C:CL-REFER:overdue:2026-03-01',
      kind: 'deadline.overdue',
      caseId: 'C',
      rule: 'CL-REFER',
      deadline: {
        rule: 'CL-REFER',
        kind: 'overdue',
        trigger: '2026-01-01',
        due: '2026-01-16',
        asOf: '2026-05-04',
      },
    });
    const jobs = [overdue, finding('CW-EVASION'), finding('WANTED'), finding('CW-PACE')];
    expect([...jobs].sort((a, b) => urgencyRank(a) - urgencyRank(b)).map((j) => j.rule)).toEqual([
      'WANTED',
      'CW-EVASION',
      'CL-REFER',
      'CW-PACE',
    ]);
  });
});

describe('routeOf: a quarantined mail', () => {
  it('goes to the officer at once, as an urgent item (issue 11)', () => {
    expect(routeOf(job({ kind: 'mail.quarantine' }))).toEqual({ route: 'now', urgent: true });
  });
});
