import { daysBetween, ruDate } from '../calendar/dates';
import { type AlertRecipients, alertJobFor, legalFooterRu } from '../deadlines/alert-text';
import { foldedFindings, subjectOf } from '../deadlines/effects';
import { ruleFor } from '../deadlines/rules';
import { type Clocks, clockKey, type Deadline, isClockDone, type PlannedAlert } from '../deadlines/types';
import { shortHash } from '../matching/text';
import type { AlertJob, AlertPart } from './alert-job';
import { routeOf, URGENT_FINDING_RULES } from './routing';
import { countRu } from './ru';

/**
 * What one event or one day's scan of a case sends (docs/adr/0027-one-mail-per-case-event.md):
 * the planned alerts as jobs, the urgent ones for the same recipients folded into one mail,
 * and a calendar cancellation for each clock the event met.
 */
export interface CaseAlertPlan {
  jobs: AlertJob[];
  /** Planned alerts nobody could be told of (no address in the directory). */
  unaddressed: number;
}

export interface CaseAlertInput {
  caseId: string;
  /** The clocks after the event (or as of the scan day). */
  clocks: Clocks;
  /** The alerts to send now (`effectsOfEvent(...).alerts`, `alertsBetween(...)`). */
  planned: readonly PlannedAlert[];
  recipients: AlertRecipients;
  /** The clocks before the event: a clock met by it gets a calendar cancellation. */
  before?: Clocks;
  /** The day of the event (the inspection's date). */
  asOf: string;
  /** The case's inspection and officer, stamped on every job (the head's follow-up, bounces). */
  inspectionId?: string;
  officerId?: string;
}

/**
 * Sort key of an alert in a combined mail: a person whose whereabouts are unknown (WANTED:
 * hours count), escalations, evasion, most overdue, fewest days left.
 */
export function urgencyRank(job: Pick<AlertJob, 'kind' | 'rule' | 'deadline' | 'id'>): number {
  const d = job.deadline;
  if (d) {
    const left = d.daysLeft ?? daysBetween(d.asOf, d.due);
    if (d.kind === 'escalation') return -20_000 + left;
    return left;
  }
  if (job.rule === 'WANTED') return -30_000;
  if (job.rule && URGENT_FINDING_RULES.has(job.rule)) return -10_000;
  return 0;
}

const byUrgency = (a: AlertJob, b: AlertJob) =>
  urgencyRank(a) - urgencyRank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Clocks known before an event and met by it (their `metOn` appears). */
export function clocksMet(before: Clocks, after: Clocks): Deadline[] {
  const wasMet = new Set(before.deadlines.filter(isClockDone).map(clockKey));
  const known = new Set(before.deadlines.map(clockKey));
  return after.deadlines.filter((d) => isClockDone(d) && !wasMet.has(clockKey(d)) && known.has(clockKey(d)));
}

/**
 * The clocks an event met (its `metOn` appears): each gets a `deadline.met` job, which
 * alert-outbox sends only when a calendar event of that clock went out (METHOD:CANCEL, the
 * same UID, SEQUENCE raised). Id `<case>:<rule>:met:<due>`: a redelivery sends it once. The
 * head gets one too (`…:head`), sent only if an escalation put the event in the head's calendar.
 */
export function metJobs(
  caseId: string,
  before: Clocks,
  after: Clocks,
  asOf: string,
  recipients: AlertRecipients,
): AlertJob[] {
  if (!recipients.officer.length) return [];
  const jobs: AlertJob[] = [];
  for (const d of clocksMet(before, after)) {
    const rule = ruleFor(d.rule, d.trigger);
    if (!rule) continue;
    jobs.push({
      id: `${caseId}:${d.rule}:met:${d.due}`,
      kind: 'deadline.met',
      audience: 'officer',
      to: recipients.officer,
      subject: `[${rule.id}] Срок выполнен: ${rule.title_ru} — до ${ruDate(d.due)}`,
      text: [`Дело ${caseId}: ${rule.title_ru} — выполнено.`, ...legalFooterRu(rule)].join('\n'),
      caseId,
      rule: rule.id,
      reason: `срок выполнен, событие календаря снимается: ${rule.id} до ${ruDate(d.due)}`,
      deadline: { rule: rule.id, kind: 'met', trigger: d.trigger, due: d.due, asOf },
    });
    const head = recipients.supervisor?.filter((a) => !recipients.officer.includes(a)) ?? [];
    if (head.length)
      jobs.push({
        ...jobs.at(-1)!,
        id: `${caseId}:${d.rule}:met:${d.due}:head`,
        audience: 'supervisor',
        to: head,
        subject: `[${rule.id}] Срок выполнен, событие снято из календаря начальника: ${rule.title_ru} — до ${ruDate(d.due)}`,
      });
  }
  return jobs;
}

const partOf = (j: AlertJob): AlertPart => ({
  id: j.id,
  kind: j.kind,
  ...(j.rule ? { rule: j.rule } : {}),
  subject: j.subject,
  text: j.text,
  ...(j.deadline ? { deadline: j.deadline } : {}),
  ...(j.finding ? { finding: j.finding } : {}),
});

/**
 * Urgent alerts of one case for the same recipients, found together, as one job: the subject
 * names the most urgent, the body lists all. Its id is derived from the set of alerts (not
 * their order or the time), so a retry or a redelivered event gives the same job. A single
 * alert stays as it was.
 */
export function combinedJob(caseId: string, jobs: readonly AlertJob[]): AlertJob {
  const sorted = [...jobs].sort(byUrgency);
  if (sorted.length === 1) return sorted[0]!;
  const first = sorted[0]!;
  const ids = sorted.map((j) => j.id).sort();
  const more = sorted.length - 1;
  return {
    id: `${caseId}:group:${shortHash(ids.join('\n'))}`,
    kind: 'deadline.group',
    audience: first.audience,
    to: first.to,
    ...(first.cc ? { cc: first.cc } : {}),
    subject: `${first.subject} (и ещё ${countRu(more, ['срочное', 'срочных', 'срочных'])})`,
    text: sorted.map((j, i) => `${i + 1}. ${j.subject}\n${j.text}`).join('\n\n'),
    caseId,
    rule: first.rule,
    reason: `вместе ${sorted.length}: ${sorted.map((j) => j.rule ?? j.kind).join(', ')}`.slice(0, 500),
    parts: sorted.map(partOf),
  };
}

const recipientsKey = (j: AlertJob) =>
  `${j.audience}|${[...j.to].sort().join(',')}|${[...(j.cc ?? [])].sort().join(',')}`;

/**
 * The plan of one case's alerts for an event or a scan day: jobs for the planned alerts
 * (Russian text, deadline facts for the templates), urgent officer alerts and the head's
 * alerts each folded into one mail per recipient set, and calendar cancellations of clocks
 * the event met. Non-urgent alerts stay single: alert-outbox records them for the digest.
 */
export function planCaseAlerts(input: CaseAlertInput): CaseAlertPlan {
  const single: AlertJob[] = [];
  let unaddressed = 0;
  for (const alert of input.planned) {
    const subject = subjectOf(input.clocks, alert);
    const job = subject
      ? alertJobFor(input.caseId, alert, subject, input.recipients, foldedFindings(input.clocks, alert))
      : undefined;
    if (job) single.push(job);
    else unaddressed++;
  }
  const jobs: AlertJob[] = [];
  const groups = new Map<string, AlertJob[]>();
  for (const job of single) {
    const route = routeOf(job);
    const immediate = job.audience === 'supervisor' || (route.route === 'now' && route.urgent);
    if (!immediate) {
      jobs.push(job);
      continue;
    }
    const key = recipientsKey(job);
    groups.set(key, [...(groups.get(key) ?? []), job]);
  }
  for (const group of groups.values()) jobs.push(combinedJob(input.caseId, group));
  if (input.before)
    jobs.push(...metJobs(input.caseId, input.before, input.clocks, input.asOf, input.recipients));
  const stamp = {
    ...(input.inspectionId ? { inspectionId: input.inspectionId } : {}),
    ...(input.officerId ? { officerId: input.officerId } : {}),
  };
  return { jobs: jobs.map((j) => ({ ...j, ...stamp })), unaddressed };
}
