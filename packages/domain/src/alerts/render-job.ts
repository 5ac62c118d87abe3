import { now } from '../clock';
import { RULE_IDS, ruleFor } from '../deadlines/rules';
import type { AlertJob } from './alert-job';
import { deadlineMessage } from './deadline-message';
import { clockUid, deadlineEvent } from './ics';

/** What rendering a job reads: the calendar SEQUENCE of a clock, the person's name parts. */
export interface RenderDeps {
  audit: { calendarSequence(uid: string, due: string, cancelled: boolean): Promise<number> };
  cases: {
    getPerson(
      caseId: string,
    ): Promise<{ lastName: string; firstName: string; middleName?: string } | undefined>;
  };
}

export interface RenderedJob {
  subject: string;
  text: string;
  html?: string;
  ics?: { method: 'PUBLISH' | 'REQUEST' | 'CANCEL'; content: string };
}

/**
 * A job carrying deadline facts is rendered here (templates, surname and initials, ICS with
 * its SEQUENCE); any other job is sent as its producer wrote it. Rendering again on a retry
 * gives the same message: the sequence only moves when the clock's due day does.
 */
export async function renderJob(job: AlertJob, deps: RenderDeps): Promise<RenderedJob> {
  const d = job.deadline;
  const rule = d && RULE_IDS.includes(d.rule) ? ruleFor(d.rule, d.trigger) : undefined;
  if (!d || !rule || !job.caseId)
    return { subject: job.subject, text: job.text, html: job.html, ics: job.ics };
  const person = await deps.cases.getPerson(job.caseId);
  const input = {
    caseId: job.caseId,
    person,
    rule,
    kind: d.kind,
    audience: job.audience === 'supervisor' ? ('supervisor' as const) : ('officer' as const),
    trigger: d.trigger,
    due: d.due,
    asOf: d.asOf,
    daysLeft: d.daysLeft,
    lang: job.lang,
    withCalendar: true,
  };
  const message = deadlineMessage(input);
  const cancelled = d.kind === 'met';
  const uid = clockUid(job.caseId, rule.id, d.trigger);
  const sequence = await deps.audit.calendarSequence(uid, d.due, cancelled);
  const ics = deadlineEvent({
    caseId: job.caseId,
    rule: rule.id,
    trigger: d.trigger,
    due: d.due,
    summary: message.subject,
    description: `${rule.title_ru}. ${rule.source.article}.`,
    sequence,
    cancelled,
    stamp: now(),
  });
  return { ...message, ics };
}
