import { z } from 'zod';
import type { AlertJob } from '../alerts/alert-job';
import { daysBetween, ruDate } from '../calendar/dates';
import type { Case, Person } from '../cases/case';
import { IsoDate } from '../cases/case';
import { daysLeftRu } from '../deadlines/alert-text';
import type { CaseProjection } from '../deadlines/projection';
import { plural } from '../text/plural';
import type { Vacancy } from '../vacancies/schema';
import { type MatchCase, MatchCase as MatchCaseSchema, type MatchSettings } from './input';
import { type MatchOutcome, matchCases } from './match';
import type { Referral } from './openings';
import { heldOpenings } from './openings';
import { shortHash } from './text';

/**
 * A message on `match-requests` (docs/architecture.md). `caseIds` and `region` are optional,
 * but one of them must say what to match. Reasons beyond the first two are additions.
 */
export const MatchRequest = z
  .object({
    reason: z.enum(['clock_opened', 'feed_received', 'referral_refused', 'referral_issued', 'rematch']),
    caseIds: z.array(z.string().min(1).max(100)).max(1000).optional(),
    region: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
    asOf: IsoDate,
  })
  .refine((m) => Boolean(m.caseIds?.length || m.region), {
    message: 'нужен caseIds или region / caseIds or region is required',
  });
export type MatchRequest = z.infer<typeof MatchRequest>;

/** Rules whose open clock means «this person needs work» (ordered: the first open one is quoted). */
export const WORK_CLOCKS = ['CL-REFER', 'CL-JOBSEARCH'] as const;

export interface CaseOnFile {
  case: Case;
  projection?: CaseProjection;
  /** Its referrals (from its events). */
  referrals: Referral[];
  profile?: Omit<MatchCase, 'id' | 'daysLeft' | 'region'> & { region?: string };
  person?: Pick<Person, 'lastName' | 'firstName' | 'middleName'>;
}

export interface Need {
  rule: string;
  due: string;
  daysLeft: number;
}

/**
 * Does the case need work on `asOf`? An open (or overdue) CL-REFER / CL-JOBSEARCH clock; or
 * its latest referral was refused with no work started (a new referral is due at once).
 */
export function needOf(c: CaseOnFile, asOf: string): Need | undefined {
  for (const rule of WORK_CLOCKS) {
    const clock = c.projection?.openClocks.find((k) => k.rule === rule);
    if (clock) return { rule, due: clock.due, daysLeft: daysBetween(asOf, clock.due) };
  }
  const last = [...c.referrals].sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : 1)).at(-1);
  if (last?.refusedOn && !last.startedOn) return { rule: 'CL-REFER', due: asOf, daysLeft: 0 };
  return undefined;
}

export interface RunInput {
  region: string;
  asOf: string;
  cases: CaseOnFile[];
  /** All referrals of the region (holds). */
  referrals: Referral[];
  vacancies: Vacancy[];
  settings?: Partial<MatchSettings>;
  /** Officer addresses per case id. */
  officerTo: ReadonlyMap<string, string[]>;
  /** Employment services covering the region. */
  services: Array<{ id: string; name: string; contacts: string[] }>;
}

export interface RunPlan {
  outcome: MatchOutcome;
  /** Cases matched, with what to store. */
  proposals: Array<{
    caseId: string;
    rule: string;
    daysLeft: number;
    proposals: Array<
      MatchOutcome['shortlists'][string][number] & { jobName?: string; employer?: string; address?: string }
    >;
    planned?: string;
    explanation?: string;
  }>;
  /** Cases that no longer need work (leave the region's roster). */
  done: string[];
  /** Cases that need work but have no matching profile yet. */
  withoutProfile: string[];
  jobs: AlertJob[];
}

const shortName = (p?: CaseOnFile['person']) =>
  p
    ? `${p.lastName} ${[p.firstName, p.middleName]
        .filter(Boolean)
        .map((x) => `${x![0]}.`)
        .join(' ')}`.trim()
    : undefined;
const fullName = (p?: CaseOnFile['person']) =>
  p ? [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ') : undefined;
const digest = (value: unknown) => shortHash(JSON.stringify(value));
/** «остался 1 день», «осталось 5 дней», «последний день — сегодня», «срок прошёл». */
const daysText = (n: number) => (n < 0 ? 'срок прошёл' : daysLeftRu(n));

/**
 * The plan half of a match run for one region: who needs work, the match, what to store and
 * which mails to queue (the officer's shortlist per case; one referral list per employment
 * service with name, profession and deadline only). Job ids hash their content, so a rerun
 * with the same result sends nothing new and a changed result is sent again.
 */
export function planMatchRun(input: RunInput): RunPlan {
  const done: string[] = [];
  const withoutProfile: string[] = [];
  const needs = new Map<string, Need>();
  const cases: MatchCase[] = [];
  for (const c of input.cases) {
    const need = needOf(c, input.asOf);
    if (!need) {
      done.push(c.case.id);
      continue;
    }
    if (!c.profile) {
      withoutProfile.push(c.case.id);
      continue;
    }
    const parsed = MatchCaseSchema.safeParse({
      ...c.profile,
      id: c.case.id,
      region: input.region,
      daysLeft: need.daysLeft,
      inspectionId: c.case.inspectionId,
      officerId: c.case.officerId,
    });
    if (!parsed.success) {
      withoutProfile.push(c.case.id);
      continue;
    }
    needs.set(c.case.id, need);
    cases.push(parsed.data);
  }
  const releaseDays = input.settings?.holdReleaseDays ?? 10;
  const outcome = matchCases({
    cases,
    vacancies: input.vacancies,
    asOf: input.asOf,
    settings: input.settings,
    held: heldOpenings(input.referrals, input.asOf, releaseDays),
  });
  const byId = new Map(input.vacancies.map((v) => [v.id, v]));
  const planned = new Map(outcome.assignments.map((a) => [a.caseId, a.vacancyId]));
  const onFile = new Map(input.cases.map((c) => [c.case.id, c]));
  const urgentAt = input.settings?.urgentDaysLeft ?? 2;

  const proposals: RunPlan['proposals'] = cases.map((c) => ({
    caseId: c.id,
    rule: needs.get(c.id)!.rule,
    daysLeft: c.daysLeft,
    proposals: (outcome.shortlists[c.id] ?? []).map((p) => {
      const v = byId.get(p.vacancyId);
      return {
        ...p,
        ...(v ? { jobName: v.jobName } : {}),
        ...(v?.company.name ? { employer: v.company.name } : {}),
        ...(v?.addresses[0]?.location ? { address: v.addresses[0].location } : {}),
      };
    }),
    ...(planned.get(c.id) ? { planned: planned.get(c.id) } : {}),
    ...(outcome.explanations[c.id] ? { explanation: outcome.explanations[c.id] } : {}),
  }));

  const jobs: AlertJob[] = [];
  for (const p of proposals) {
    const to = input.officerTo.get(p.caseId) ?? [];
    if (!to.length) continue;
    const need = needs.get(p.caseId)!;
    const who = shortName(onFile.get(p.caseId)?.person);
    const lines = [
      `Дело ${p.caseId}${who ? ` (${who})` : ''}: подбор вакансий, ${daysText(need.daysLeft)} — срок ${ruDate(need.due)} (${need.rule}).`,
      '',
    ];
    if (p.proposals.length === 0) lines.push('Подходящих вакансий нет.');
    p.proposals.forEach((x, i) => {
      const mark = x.vacancyId === p.planned ? ' — рекомендуется по общему плану распределения мест' : '';
      lines.push(
        `${i + 1}. ${x.jobName ?? x.vacancyId}${x.employer ? `, ${x.employer}` : ''}${mark}`,
        `   ${x.reasons.join('; ')}`,
        ...(x.address ? [`   Адрес: ${x.address}`] : []),
        `   Вакансия № ${x.vacancyId}.`,
      );
    });
    if (!p.planned && p.proposals.length)
      lines.push('', `Все места по этим вакансиям отданы делам с меньшим сроком.`);
    if (p.explanation) lines.push('', `Пояснение: ${p.explanation}.`);
    if (p.proposals.length)
      lines.push(
        '',
        `Выдать предписание: «Мои дела» → дело ${p.caseId} → «Предложенные вакансии» → «Выдать предписание». Предписание удерживает место за делом.`,
      );
    lines.push('', 'Сообщение uii-connect.');
    const urgent = need.daysLeft <= urgentAt;
    const body = { case: p.caseId, list: p.proposals.map((x) => x.vacancyId), planned: p.planned ?? null };
    jobs.push({
      id: `match-shortlist-${p.caseId}-${input.asOf}-${digest(body)}`,
      kind: urgent ? 'match.shortlist.urgent' : 'match.shortlist',
      audience: 'officer',
      to,
      subject: `${urgent ? 'Срочно: ' : ''}Вакансии для дела ${p.caseId}: ${p.proposals.length} ${plural(p.proposals.length, ['вариант', 'варианта', 'вариантов'])}, ${daysText(need.daysLeft)}`,
      text: lines.join('\n'),
      caseId: p.caseId,
      rule: need.rule,
    });
  }

  // Employment services: name, profession, deadline — nothing else (DOMAIN.md "Personal data").
  const rows = proposals
    .map((p) => {
      const c = onFile.get(p.caseId)!;
      const plannedJob = p.planned ? byId.get(p.planned)?.jobName : undefined;
      const profession = plannedJob ?? c.profile?.skills?.[0] ?? 'любая';
      return { name: fullName(c.person) ?? `дело ${p.caseId}`, profession, due: needs.get(p.caseId)!.due };
    })
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.name.localeCompare(b.name, 'ru')));
  if (rows.length) {
    for (const s of input.services) {
      if (!s.contacts.length) continue;
      const text = [
        `${s.name}: список осуждённых к исправительным работам, которым нужна работа (регион ${input.region}), на ${ruDate(input.asOf)}.`,
        '',
        // A term already past is said as such: the service cannot act «до» a day gone by.
        ...rows.map(
          (r, i) =>
            `${i + 1}. ${r.name} — ${r.profession} — ${r.due < input.asOf ? `срок истёк ${ruDate(r.due)}, нужна срочно` : `направить до ${ruDate(r.due)}`}`,
        ),
        '',
        'Сведения переданы для содействия в трудоустройстве (152-ФЗ: только ФИО, профессия и срок). Сообщение uii-connect.',
      ].join('\n');
      jobs.push({
        id: `match-referrals-${s.id}-${input.region}-${input.asOf}-${digest(rows)}`,
        kind: 'match.referral_list',
        audience: 'employment_service',
        to: s.contacts,
        subject: `Осуждённые, которым нужна работа: ${rows.length} ${plural(rows.length, ['человек', 'человека', 'человек'])} (на ${ruDate(input.asOf)})`,
        text,
        rule: 'CL-JOBSEARCH',
      });
    }
  }
  return { outcome, proposals, done, withoutProfile, jobs };
}
