import type { CaseEvent } from '../cases/events';
import { alertJobFor } from '../deadlines/alert-text';
import type { Finding } from '../deadlines/engine';
import { computeClocks } from '../deadlines/engine';
import { planFeedReminders } from '../feeds/monthly';
import { feedReceiptJob } from '../feeds/receipt';
import { planMatchRun } from '../matching/run';
import { acknowledgment, authenticationNotice } from '../notices/ack';
import { assignmentNoticeJob, decisionLetter, proposalReceiptJob } from '../places/letters';
import type { AlertJob } from './alert-job';
import { findingMessage } from './render-job';

/**
 * Sample data for the previews of the mails the producers write themselves (receipts, letters,
 * acknowledgments, single findings, reminders): every preview is the real producer's output
 * for invented data. Deterministic: no clock is read.
 */
export interface MailPreview {
  subject: string;
  text: string;
  /** Only when the producer writes an HTML part. */
  html?: string;
  lang?: 'ru' | 'en';
}

const of = (job: Pick<AlertJob, 'subject' | 'text' | 'html'>): MailPreview => ({
  subject: job.subject,
  text: job.text,
  ...(job.html ? { html: job.html } : {}),
});

const ev = (e: CaseEvent) => e;
const sidorov = { lastName: 'Сидоров', firstName: 'Пётр', middleName: 'Ильич' };
const officer = { officer: ['officer@uii70.example'] };

/** A finding the engine makes for a compulsory-labour case, as the officer's single mail. */
function findingJob(
  rule: 'CW-EVASION' | 'CW-EVASION-RISK' | 'CW-PACE',
  events: CaseEvent[],
  asOf: string,
): { job: AlertJob; finding: Finding } {
  const clocks = computeClocks({ id: '131', sentence: 'compulsory_labor', hoursOrdered: 120 }, events, asOf);
  const finding = clocks.findings.find((f) => f.rule === rule);
  if (!finding) throw new Error(`sample: the engine made no ${rule} finding`);
  const job = alertJobFor(
    '131',
    {
      id: `131:${rule}:finding:${finding.date}`,
      rule,
      date: finding.date,
      kind: 'first',
      audience: 'officer',
      stage: 'finding',
    },
    finding,
    officer,
  );
  if (!job) throw new Error(`sample: no job for ${rule}`);
  return { job, finding };
}

const absences = (dates: string[]) =>
  dates.map((date) => ev({ type: 'absence_reported', date, outcome: 'absent_unexcused' }));

export function producerPreviews(): Record<string, MailPreview> {
  const out: Record<string, MailPreview> = {};

  // Single findings, as the officer gets them when nothing else is urgent that day.
  // alert-outbox renders a job with finding facts in the recipient's language (findingMessage).
  const sent = (job: AlertJob, lang: 'ru' | 'en' = 'ru'): MailPreview => ({
    ...(findingMessage(job, '131', sidorov, lang) ?? of(job)),
    lang,
  });
  const evasion = findingJob(
    'CW-EVASION',
    absences(['2026-03-02', '2026-03-04', '2026-03-05']),
    '2026-03-05',
  );
  out['finding-evasion'] = sent(evasion.job);
  out['finding-evasion-en'] = sent(evasion.job, 'en');
  out['finding-evasion-risk'] = sent(
    findingJob('CW-EVASION-RISK', absences(['2026-03-02', '2026-03-04']), '2026-03-04').job,
  );
  out['finding-pace'] = sent(
    findingJob(
      'CW-PACE',
      [
        ev({ type: 'work_started', date: '2026-03-02' } as CaseEvent),
        ...['2026-03-02', '2026-03-03', '2026-03-04'].map((date) =>
          ev({ type: 'hours_reported', date, hours: 2 } as CaseEvent),
        ),
      ],
      '2026-03-09',
    ).job,
  );

  // Employment service: the feed receipt (with rejected rows) and the missing-feed reminders.
  out['feed-receipt'] = of(
    feedReceiptJob(
      {
        serviceId: 'czn-tomsk',
        serviceName: 'ОГКУ «Центр занятости населения города Томска»',
        fileName: 'vacancies-2026-03.xlsx',
        month: '2026-03',
        receivedAt: '2026-03-04T06:12:00.000Z',
        format: 'xlsx',
        encoding: 'utf-8',
        total: 214,
        accepted: 211,
        rejected: 3,
        duplicates: 1,
        errors: [
          { row: 17, field: 'salary.min', column: 'Зарплата от', message: 'не число: «договорная»' },
          { row: 58, field: 'addresses.0.location', column: 'Адрес', message: 'пусто' },
          {
            row: 120,
            field: 'workPlaces',
            column: 'Кол-во мест',
            message: 'должно быть не меньше 1, указано 0',
          },
        ],
        errorsOmitted: 0,
        truncated: false,
        headerOnly: false,
        ignoredColumns: ['Примечание'],
        hash: '9c1f0e7b5a4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3',
      },
      ['czn@tomsk.example'],
      { contentBase64: '' },
    ),
  );
  const missing = planFeedReminders({
    today: '2026-03-10',
    services: [
      {
        id: 'czn-tomsk-r',
        name: 'ОГКУ «ЦЗН Томского района»',
        regions: ['70'],
        contacts: ['czn-r@tomsk.example'],
        officers: ['officer@uii70.example'],
      },
    ],
    received: new Set(),
  });
  for (const job of missing)
    out[job.audience === 'officer' ? 'feed-missing-officer' : 'feed-missing'] = of(job);

  // Employment service: the list of convicts who need work (names, profession, last day only).
  const referral = planMatchRun({
    region: '70',
    asOf: '2026-03-10',
    cases: [
      {
        case: { id: '123', sentence: 'corrective_labor' } as Parameters<
          typeof planMatchRun
        >[0]['cases'][0]['case'],
        projection: {
          asOf: '2026-03-10',
          openClocks: [{ rule: 'CL-JOBSEARCH', due: '2026-03-12', trigger: '2026-02-25', status: 'open' }],
          hoursServed: 0,
          thisMonth: { month: '2026-03', unexcusedAbsences: 0, disciplineBreaches: 0 },
          nextActionDate: '2026-03-12',
          findings: 0,
        },
        referrals: [],
        profile: {
          lat: 56.4846,
          lng: 84.9482,
          professions: [],
          skills: ['грузчик'],
          education: 'Среднее',
          experienceYears: 0,
          bans: [],
          declined: [],
        } as unknown as NonNullable<Parameters<typeof planMatchRun>[0]['cases'][0]['profile']>,
        person: { lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' },
      },
    ],
    referrals: [],
    vacancies: [],
    officerTo: new Map(),
    services: [{ id: 'czn-tomsk', name: 'ОГКУ «ЦЗН города Томска»', contacts: ['czn@tomsk.example'] }],
  }).jobs.find((j) => j.kind === 'match.referral_list');
  if (referral) out['match-referral-list'] = of(referral);

  // Municipality: receipt of a list of places, and the decision letters.
  const municipality = { id: 'mo-tomsk', name: 'Администрация Города Томска' };
  out['places-receipt'] = of(
    proposalReceiptJob({
      municipality,
      proposalId: 'P-2026-03-02-1',
      fileName: 'места-ОР-2026.xlsx',
      receivedOn: '2026-03-02',
      due: '2026-03-16',
      accepted: 4,
      unchanged: 1,
      errors: [{ row: 6, field: 'ИНН', message: 'неверная контрольная сумма ИНН 7017000001' }],
      ignoredColumns: [],
      to: ['mo@tomsk.example'],
    }),
  );
  const place = {
    id: 'PL-70-014',
    organisation: 'МБУ «Томскзеленстрой»',
    inn: '7017123456',
    address: 'г. Томск, ул. Советская, 12',
    workplaces: 5,
    sentence: 'compulsory_labor' as const,
    kindsOfWork: ['благоустройство территории', 'уборка улиц'],
    validTo: '2026-12-31',
    conditions: { schedule: 'пн–пт, 9:00–13:00', safety: 'инструктаж по охране труда в первый день' },
  } as Parameters<typeof decisionLetter>[0]['place'];
  const letter = (decision: Parameters<typeof decisionLetter>[0]['decision'], answerDue?: string) =>
    decisionLetter({
      municipality,
      inspectionName: 'УИИ УФСИН России по Томской области',
      place,
      decision,
      receivedOn: '2026-03-02',
      ...(answerDue ? { answerDue } : {}),
    });
  const by = 'officer-7';
  const at = '2026-03-10T07:00:00.000Z';
  out['place-decision-consent'] = of(letter({ type: 'consent', date: '2026-03-10', at, by }));
  out['place-decision-refusal'] = of(
    letter({ type: 'refusal', date: '2026-03-10', at, by, reasons: ['no_supervision', 'too_far'] }),
  );
  out['place-decision-remarks'] = of(
    letter(
      {
        type: 'remarks',
        date: '2026-03-10',
        at,
        by,
        text: 'Укажите ответственного за учёт времени и его телефон; уточните адрес объекта (номер дома).',
      },
      '2026-03-24',
    ),
  );

  // Worksite: the notice of a newly assigned convict, and the acknowledgment of its report.
  out['place-assignment'] = of(
    assignmentNoticeJob({
      placeId: 'PL-70-014',
      organisation: 'МБУ «Томскзеленстрой»',
      to: ['hr@zelenstroy.example'],
      caseId: '131',
      shortName: 'Сидоров П. И.',
      hoursOrdered: 120,
      date: '2026-03-10',
    }),
  );
  out['worksite-ack'] = acknowledgment({
    worksiteName: 'МБУ «Томскзеленстрой»',
    subject: 'Табель за 02.03–06.03',
    recorded: [
      {
        kind: 'hours',
        person: { name: 'Сидоров Пётр Ильич', caseId: '131' },
        date: '2026-03-02',
        hours: 4,
        outcome: null,
        reasonText: null,
        confidence: 0.98,
        source: 'Сидоров П. И.; 02.03.2026; 4',
      },
      {
        kind: 'absence',
        person: { name: 'Сидоров Пётр Ильич', caseId: '131' },
        date: '2026-03-04',
        hours: null,
        outcome: 'absent_unexcused',
        reasonText: null,
        confidence: 0.95,
        source: 'Сидоров П. И.; 04.03.2026; не вышел',
      },
    ],
    triage: [{ text: 'Петров — вроде болел, справку обещал', why: 'не удалось понять дату' }],
  });

  // A sender whose mail failed SPF/DKIM: nothing applied.
  out['mail-auth-failed'] = authenticationNotice('Неявка на работу 04.03');
  return out;
}
