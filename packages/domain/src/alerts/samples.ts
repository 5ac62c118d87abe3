import type { CaseEvent } from '../cases/events';
import { computeClocks } from '../deadlines/engine';
import { ruleFor } from '../deadlines/rules';
import { bounceNotice } from './bounce';
import { type DeadlineAlertInput, deadlineMessage } from './deadline-message';
import { digestMessage, headDigestMessage } from './digest';

/**
 * Sample data for the committed previews under docs/emails/ (and `uii alert preview`):
 * invented people, every template, Russian. Deterministic: no clock is read.
 */
const ivanov = { lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' };
const base: DeadlineAlertInput = {
  caseId: '123',
  person: ivanov,
  rule: ruleFor('CL-JOBSEARCH', '2026-02-25')!,
  kind: 'reminder',
  audience: 'officer',
  trigger: '2026-02-25',
  due: '2026-03-12',
  asOf: '2026-03-10',
  withCalendar: true,
};

export const SAMPLE_DEADLINE_ALERTS: Record<string, DeadlineAlertInput> = {
  'deadline-reminder': base,
  'deadline-last-day': { ...base, asOf: '2026-03-12' },
  'deadline-overdue': { ...base, kind: 'overdue', asOf: '2026-03-13' },
  'deadline-escalation': {
    ...base,
    caseId: '124',
    person: { lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна' },
    rule: ruleFor('CL-REFER', '2026-02-20')!,
    kind: 'escalation',
    audience: 'supervisor',
    trigger: '2026-02-20',
    due: '2026-03-06',
    asOf: '2026-03-10',
  },
  'deadline-met': { ...base, kind: 'met', asOf: '2026-03-11' },
  'deadline-reminder-en': { ...base, lang: 'en' },
};

const ev = (e: CaseEvent) => e;

/** The sample digest: an officer with four cases on Wednesday 11.03.2026. */
export function sampleDigest() {
  const date = '2026-03-11';
  const cases = [
    {
      caseId: '123',
      person: ivanov,
      c: { id: '123', sentence: 'corrective_labor' as const },
      events: [
        ev({ type: 'court_order_received', date: '2026-02-20' }),
        ev({ type: 'registered', date: '2026-02-25' }),
      ],
    },
    {
      caseId: '124',
      person: { lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна' },
      c: { id: '124', sentence: 'corrective_labor' as const },
      events: [ev({ type: 'court_order_received', date: '2026-02-16' })],
    },
    {
      caseId: '131',
      person: { lastName: 'Сидоров', firstName: 'Пётр' },
      c: { id: '131', sentence: 'corrective_labor' as const },
      events: [ev({ type: 'court_order_received', date: '2026-02-24' })],
    },
    {
      caseId: '140',
      person: { lastName: 'Кузнецова', firstName: 'Мария', middleName: 'Олеговна' },
      c: { id: '140', sentence: 'corrective_labor' as const },
      events: [ev({ type: 'court_order_received', date: '2026-03-10' })],
    },
  ];
  return digestMessage({
    officerId: 'officer-7',
    date,
    since: '2026-03-10',
    cases: cases.map((x) => ({
      caseId: x.caseId,
      person: x.person,
      clocks: computeClocks(x.c, x.events, date),
      events: [],
    })),
    waiting: { triage: 2, quarantine: 1 },
    shortlists: [{ caseId: '123', vacancies: 5 }],
    missingFeeds: [{ service: 'ЦЗН Томского района', month: '02.2026' }],
  });
}

/** The sample head's mail: Monday 16.03.2026, one officer's term missed for two working days. */
export function sampleHeadDigest() {
  const date = '2026-03-16';
  const clocksOf = (id: string, order: string) =>
    computeClocks(
      { id, sentence: 'corrective_labor' },
      [ev({ type: 'court_order_received', date: order })],
      date,
    );
  const message = headDigestMessage({
    inspectionId: 'УИИ-70-01',
    date,
    weekly: true,
    officers: [
      {
        officerId: 'officer-7',
        cases: [
          {
            caseId: '124',
            person: { lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна' },
            clocks: clocksOf('124', '2026-02-20'),
          },
          {
            caseId: '131',
            person: { lastName: 'Сидоров', firstName: 'Пётр' },
            clocks: clocksOf('131', '2026-03-10'),
          },
        ],
      },
      { officerId: 'officer-9', cases: [{ caseId: '140', clocks: clocksOf('140', '2026-03-12') }] },
    ],
  });
  if (!message) throw new Error('sample head digest is empty');
  return message;
}

/** Every template rendered with sample data: file name (under docs/emails/) → HTML. */
export function emailPreviews(): Record<string, { subject: string; html: string; text: string }> {
  const out: Record<string, { subject: string; html: string; text: string }> = {};
  for (const [name, input] of Object.entries(SAMPLE_DEADLINE_ALERTS)) out[name] = deadlineMessage(input);
  const bounce = bounceNotice(
    {
      jobId: '123:CL-JOBSEARCH:reminder:2026-03-10',
      alertKey: '3f2a9c0d41b7e8a65c1d09e2b4f7a8c3d5e6f701',
      kind: 'deadline.reminder',
      caseId: '123',
      rule: 'CL-JOBSEARCH',
    },
    ['head@uii70.example'],
    ['old.address@uii70.example'],
  );
  out['delivery-bounced'] = { subject: bounce.subject, html: bounce.html!, text: bounce.text };
  const digest = sampleDigest();
  out['digest-daily'] = { subject: digest.subject, html: digest.html, text: digest.text };
  const head = sampleHeadDigest();
  out['digest-head'] = { subject: head.subject, html: head.html, text: head.text };
  return out;
}
