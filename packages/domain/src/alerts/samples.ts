import type { CaseEvent } from '../cases/events';
import { alertJobFor } from '../deadlines/alert-text';
import { computeClocks } from '../deadlines/engine';
import { ruleWords } from '../deadlines/rule-words';
import { ruleFor } from '../deadlines/rules';
import { placeProposalMail } from '../places/proposal-mail';
import { bounceNotice } from './bounce';
import { caseLabel, type DeadlineAlertInput, deadlineMessage } from './deadline-message';
import { digestMessage, headDigestMessage } from './digest';
import { quarantineAlert } from './quarantine';
import { combinedMessage, findingMessage } from './render-job';
import { type MailPreview, producerPreviews } from './samples-mail';

export type { MailPreview } from './samples-mail';

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
SAMPLE_DEADLINE_ALERTS['deadline-escalation-en'] = {
  ...SAMPLE_DEADLINE_ALERTS['deadline-escalation']!,
  lang: 'en',
};

const ev = (e: CaseEvent) => e;

/** The sample digest: an officer with four cases on Wednesday 11.03.2026. */
export function sampleDigest(lang: 'ru' | 'en' = 'ru') {
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
      person: { lastName: 'Сидоров', firstName: 'Пётр', middleName: 'Ильич' },
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
    shortlists: [{ caseId: '123', vacancies: 5, rule: 'CL-REFER', due: '2026-03-20', daysLeft: 9 }],
    places: [
      {
        municipality: 'Администрация г. Томска',
        rule: 'PLACE-DECIDE',
        places: 3,
        due: '2026-03-20',
        placeIds: ['PL-70-014', 'PL-70-015', 'PL-70-016'],
      },
      {
        municipality: 'Администрация ЗАТО Северск',
        rule: 'PLACE-REMARKS',
        places: 1,
        due: '2026-03-16',
        placeIds: ['PL-70-009'],
      },
    ],
    missingFeeds: [{ service: 'ЦЗН Томского района', month: '02.2026' }],
    lang,
  });
}

/** The sample head's mail: Monday 16.03.2026, one officer's term missed for two working days. */
export function sampleHeadDigest(lang: 'ru' | 'en' = 'ru') {
  const date = '2026-03-16';
  const clocksOf = (id: string, order: string) =>
    computeClocks(
      { id, sentence: 'corrective_labor' },
      [ev({ type: 'court_order_received', date: order })],
      date,
    );
  const message = headDigestMessage({
    inspectionId: 'УИИ-70-01',
    inspectionName: 'УИИ по Томской области, филиал № 1',
    date,
    weekly: true,
    lang,
    unacted: [
      {
        caseId: '124',
        person: { lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна' },
        officerId: 'officer-7',
        rules: ['CL-REFER'],
        sentAt: '2026-03-12T07:30:00.000Z',
      },
    ],
    officers: [
      {
        officerId: 'officer-7',
        name: 'Смирнова Елена Викторовна',
        cases: [
          {
            caseId: '124',
            person: { lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна' },
            clocks: clocksOf('124', '2026-02-20'),
          },
          {
            caseId: '131',
            person: { lastName: 'Сидоров', firstName: 'Пётр', middleName: 'Ильич' },
            clocks: clocksOf('131', '2026-03-10'),
          },
        ],
      },
      {
        officerId: 'officer-9',
        name: 'Орлов Денис Павлович',
        cases: [{ caseId: '140', clocks: clocksOf('140', '2026-03-12') }],
      },
    ],
  });
  if (!message) throw new Error('sample head digest is empty');
  return message;
}

/**
 * The sample combined mail (several urgent alerts of one case found together, ADR 0027): an
 * evasion finding and two warning clocks of a compulsory-labour case on 10.03.2026.
 */
export function sampleCombined(lang: 'ru' | 'en' = 'ru') {
  const person = { lastName: 'Сидоров', firstName: 'Пётр', middleName: 'Ильич' };
  const warn = (trigger: string, due: string) => {
    const rule = ruleFor('CW-WARN', trigger)!;
    const m = deadlineMessage({
      caseId: '131',
      person,
      rule,
      kind: 'reminder',
      audience: 'officer',
      trigger,
      due,
      asOf: '2026-03-10',
      lang,
    });
    return {
      ...m,
      urgent: true,
      event: {
        caseId: '131',
        rule: rule.id,
        trigger,
        due,
        summary: m.subject,
        description: ruleWords(rule, lang).title,
        sequence: 0,
        stamp: new Date('2026-03-10T07:00:00Z'),
      },
    };
  };
  // The evasion finding as the engine makes it: a third unexcused absence in March.
  const clocks = computeClocks(
    { id: '131', sentence: 'compulsory_labor', hoursOrdered: 120 },
    ['2026-03-02', '2026-03-04', '2026-03-05'].map((date) =>
      ev({ type: 'absence_reported', date, outcome: 'absent_unexcused' }),
    ),
    '2026-03-10',
  );
  const evasion = clocks.findings.find((f) => f.rule === 'CW-EVASION')!;
  const job = alertJobFor(
    '131',
    {
      id: `131:CW-EVASION:finding:${evasion.date}`,
      rule: 'CW-EVASION',
      date: evasion.date,
      kind: 'first',
      audience: 'officer',
      stage: 'finding',
    },
    evasion,
    { officer: ['officer@uii70.example'] },
  )!;
  const finding = findingMessage(job, '131', person, lang)!;
  return combinedMessage({
    who: caseLabel('131', person, lang),
    lang,
    parts: [{ ...finding, urgent: true }, warn('2026-03-04', '2026-03-10'), warn('2026-03-05', '2026-03-11')],
  });
}

/**
 * Every mail the system sends, rendered with sample data: file name (under docs/emails/) →
 * subject, plain text and (when the mail has one) HTML. Templated mails first, then the mails
 * the producers write themselves (receipts, letters, acknowledgments, findings, reminders).
 */
export function emailPreviews(): Record<string, MailPreview> {
  const out: Record<string, MailPreview> = {};
  for (const [name, input] of Object.entries(SAMPLE_DEADLINE_ALERTS)) {
    const { subject, text, html } = deadlineMessage(input);
    out[name] = { subject, text, html, lang: input.lang ?? 'ru' };
  }
  for (const lang of ['ru', 'en'] as const) {
    const bounce = bounceNotice(
      {
        jobId: '123:CL-JOBSEARCH:reminder:2026-03-10',
        alertKey: '3f2a9c0d41b7e8a65c1d09e2b4f7a8c3d5e6f701',
        kind: 'deadline.reminder',
        audience: 'officer',
        officerId: 'officer-7',
        caseId: '123',
        rule: 'CL-JOBSEARCH',
        due: '2026-03-12',
      },
      ['head@uii70.example'],
      ['old.address@uii70.example'],
      lang,
    );
    out[`delivery-bounced${lang === 'en' ? '-en' : ''}`] = {
      subject: bounce.subject,
      html: bounce.html!,
      text: bounce.text,
      lang,
    };
    const quarantine = quarantineAlert(
      {
        sesMessageId: 'k3v9q2m7x1c8b4n6z0ty',
        receivedAt: '2026-11-23T06:40:00.000Z',
        from: 'master@stroy-primer.example',
        subject: 'Неявка',
        reason: 'not_authenticated',
        why: 'DMARC не пройден для домена stroy-primer.example',
        itemsParsed: 1,
        senderNotified: true,
        worksite: { id: 'ws-stroy-primer', name: 'ООО «Пример», строительный участок' },
      },
      { address: 'inspector@uii70.example', lang },
    );
    out[`mail-quarantine${lang === 'en' ? '-en' : ''}`] = {
      subject: quarantine.subject,
      html: quarantine.html!,
      text: quarantine.text,
      lang,
    };
  }
  for (const lang of ['ru', 'en'] as const) {
    const suffix = lang === 'en' ? '-en' : '';
    const digest = sampleDigest(lang);
    out[`digest-daily${suffix}`] = { subject: digest.subject, html: digest.html, text: digest.text, lang };
    const head = sampleHeadDigest(lang);
    out[`digest-head${suffix}`] = { subject: head.subject, html: head.html, text: head.text, lang };
    const group = sampleCombined(lang);
    out[`deadline-combined${suffix}`] = { subject: group.subject, html: group.html, text: group.text, lang };
    out[`place-proposal${suffix}`] = {
      lang,
      ...placeProposalMail({
        caseId: '131',
        person: ivanov,
        lang,
        places: [
          {
            placeId: 'PL-e6b6e14374563ec6',
            organisation: 'МБУ «Томскзеленстрой»',
            address: 'г. Томск, ул. Ленина, 1',
            distanceKm: 0.9,
            workplacesLeft: 4,
            workplaces: 5,
            validTo: '2027-12-31',
            kindsOfWork: ['благоустройство', 'озеленение'],
          },
          {
            placeId: 'PL-07b1c9d2a4e85f31',
            organisation: 'МАУ «Парк Победы»',
            address: 'г. Томск, пр. Фрунзе, 7',
            distanceKm: 3.4,
            workplacesLeft: 1,
            workplaces: 2,
            validTo: '2027-06-30',
          },
        ],
      }),
    };
  }
  for (const [name, p] of Object.entries(producerPreviews())) out[name] = { lang: 'ru', ...p };
  return out;
}

/** The first line of a preview's .txt file: the subject, labelled in the mail's language. */
export const previewSubjectLine = (p: Pick<MailPreview, 'subject' | 'lang'>) =>
  `${p.lang === 'en' ? 'Subject' : 'Тема'}: ${p.subject}`;
