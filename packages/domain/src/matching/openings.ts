import { addDays } from '../calendar/dates';
import type { CaseEvent } from '../cases/events';

/** One referral to a vacancy and what followed it (from the case's events). */
export interface Referral {
  caseId: string;
  vacancyId: string;
  issuedOn: string;
  refusedOn?: string;
  startedOn?: string;
}

/**
 * Referrals of one case from its events: `referral_issued` with a vacancy id opens one;
 * `job_refused` (same vacancy, or none named) closes it as refused; `work_started` after it
 * marks it as taken.
 */
export function referralsOf(caseId: string, events: readonly CaseEvent[]): Referral[] {
  const out: Referral[] = [];
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const e of sorted) {
    const vacancyId = (e as { vacancyId?: string }).vacancyId;
    if (e.type === 'referral_issued' && vacancyId) {
      out.push({ caseId, vacancyId, issuedOn: e.date });
    } else if (e.type === 'job_refused') {
      const open = [...out]
        .reverse()
        .find((r) => !r.refusedOn && !r.startedOn && (!vacancyId || r.vacancyId === vacancyId));
      if (open) open.refusedOn = e.date;
    } else if (e.type === 'work_started') {
      const open = [...out].reverse().find((r) => !r.refusedOn && !r.startedOn);
      if (open) open.startedOn = e.date;
    }
  }
  return out;
}

/**
 * Does this referral still hold an opening on `asOf`? Refused: no. Work started: yes (the
 * place is taken until the next feed says otherwise). Otherwise only for `releaseDays`.
 */
export function holdsOpening(r: Referral, asOf: string, releaseDays: number): boolean {
  if (r.issuedOn > asOf) return false;
  if (r.refusedOn && r.refusedOn <= asOf) return false;
  if (r.startedOn && r.startedOn <= asOf) return true;
  return asOf <= addDays(r.issuedOn, releaseDays);
}

/** Openings held per vacancy id on `asOf`. */
export function heldOpenings(
  referrals: readonly Referral[],
  asOf: string,
  releaseDays: number,
): Map<string, number> {
  const held = new Map<string, number>();
  for (const r of referrals)
    if (holdsOpening(r, asOf, releaseDays)) held.set(r.vacancyId, (held.get(r.vacancyId) ?? 0) + 1);
  return held;
}
