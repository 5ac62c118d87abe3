import { RULES } from '../deadlines/rules';
import type { AlertJob } from './alert-job';
import { isUrgentDeadline } from './deadline-message';
import { QUARANTINE_ALERT_KIND } from './quarantine';

/**
 * Findings that go to the officer at once, whatever else is pending: whereabouts unknown
 * (WANTED: a search, and a detention limited to 48 hours), persistent evasion and its risk.
 */
export const URGENT_FINDING_RULES: ReadonlySet<string> = new Set(['WANTED', 'CW-EVASION', 'CW-EVASION-RISK']);

export type Route =
  /** Send now. */
  | { route: 'now'; urgent: boolean }
  /** Not urgent: the officer reads it in the next daily digest instead. */
  | { route: 'digest'; why: string };

/**
 * When an alert reaches the officer: urgent items at once (≤ 1 day left, overdue,
 * escalations, whereabouts unknown, evasion and evasion risk, a quarantined mail), the rest of the officer's deadline alerts — place
 * clocks (PLACE-DECIDE, PLACE-REMARKS) included — and non-urgent match shortlists in the
 * daily digest. Everything that is not an officer's deadline alert (receipts, acknowledgments,
 * the head's escalations, bounce notices) goes now.
 */
export function routeOf(job: AlertJob): Route {
  // A shortlist with more than the urgent days left (match: `match.shortlist`) is a digest line.
  if (job.audience === 'officer' && job.kind === 'match.shortlist')
    return { route: 'digest', why: 'подбор вакансий: не срочно, в ежедневной сводке' };
  // A quarantined worksite mail waits on the officer's decision (issue 11, ADR 0034).
  if (job.audience === 'officer' && job.kind === QUARANTINE_ALERT_KIND) return { route: 'now', urgent: true };
  if (job.audience !== 'officer' || !job.kind.startsWith('deadline.')) return { route: 'now', urgent: false };
  // Urgent alerts found together, folded into one mail by the producer (planCaseAlerts).
  if (job.parts?.length) return { route: 'now', urgent: true };
  if (job.deadline) {
    // A met clock withdraws its calendar event at once: nothing to do, but the calendar must not lie.
    if (job.deadline.kind === 'met') return { route: 'now', urgent: false };
    if (isUrgentDeadline(job.deadline)) return { route: 'now', urgent: true };
    return { route: 'digest', why: `${job.deadline.rule}: не срочно, в ежедневной сводке` };
  }
  const rule = job.rule ? RULES.find((r) => r.id === job.rule) : undefined;
  if (rule?.kind === 'finding' && !URGENT_FINDING_RULES.has(rule.id))
    return { route: 'digest', why: `${rule.id}: не срочно, в ежедневной сводке` };
  return { route: 'now', urgent: true };
}
