import type { AlertJob } from '../alerts/alert-job';
import { caseLabel, type Lang, OFFICER_FOOTER, oneLine } from '../alerts/deadline-message';
import { renderMail } from '../alerts/render';
import { enCount } from '../alerts/ru';
import { ruDate } from '../calendar/dates';
import { count, PLACES, WORKPLACES } from './ru';

/** One agreed place proposed for a case, as the officer's mail names it. */
export interface ProposedPlaceLine {
  placeId: string;
  organisation: string;
  address: string;
  /** From the convict's home; null when either side has no coordinates. */
  distanceKm: number | null;
  workplacesLeft: number;
  workplaces: number;
  /** Last day of the agreed list (YYYY-MM-DD). */
  validTo: string;
  kindsOfWork?: readonly string[];
}

export interface PlaceProposalMailInput {
  caseId: string;
  /** Only surname and initials reach the mail. */
  person?: { lastName: string; firstName?: string; middleName?: string };
  sentence?: 'compulsory_labor' | 'corrective_labor';
  places: readonly ProposedPlaceLine[];
  lang?: Lang;
}

const WORDS = {
  ru: {
    what: { compulsory_labor: 'обязательных работ', corrective_labor: 'исправительных работ' },
    law: { compulsory_labor: 'УИК РФ ст. 25 ч. 1', corrective_labor: 'УИК РФ ст. 39 ч. 1' },
    subject: (what: string, n: number, who: string) =>
      n ? `места для ${what} — ${who}` : `согласованных мест для ${what} со свободными местами нет — ${who}`,
    lead: (who: string, what: string, n: number, law: string) =>
      n
        ? `По ${who} назначено отбывание ${what}. Места со свободными рабочими местами из перечней, согласованных с органами местного самоуправления (${law}): ${count(n, PLACES)}, ближайшие к месту жительства — первыми.`
        : `По ${who} назначено отбывание ${what}, но согласованных мест со свободными рабочими местами рядом с местом жительства нет.`,
    why: (p: ProposedPlaceLine) =>
      [
        p.distanceKm === null
          ? 'расстояние неизвестно (нет координат)'
          : `${p.distanceKm.toFixed(1).replace('.', ',')} км от места жительства`,
        `свободно ${count(p.workplacesLeft, WORKPLACES)} из ${p.workplaces}`,
        `перечень согласован до ${ruDate(p.validTo)}`,
      ].join('; '),
    send: (org: string, caseId: string) => `«Места» → ${org} → «Направить осуждённого» (дело ${caseId})`,
    labels: { why: 'Почему', kinds: 'Виды работ', send: 'Направить', ref: 'Код места' },
    todoLabel: 'Что сделать',
    todo: (n: number) =>
      n
        ? 'выберите место и направьте осуждённого на странице места в разделе «Места»: направление будет записано, организации уйдёт уведомление.'
        : 'запросите у органа местного самоуправления места для отбывания наказания или проверьте перечни в разделе «Места» (отказы, замечания, истёкшие перечни).',
    banner: 'Места для отбывания наказания · uii-connect',
  },
  en: {
    what: { compulsory_labor: 'compulsory labour', corrective_labor: 'corrective labour' },
    law: {
      compulsory_labor: 'Penal Enforcement Code of the RF, art. 25 p. 1',
      corrective_labor: 'Penal Enforcement Code of the RF, art. 39 p. 1',
    },
    subject: (what: string, n: number, who: string) =>
      n ? `places for ${what} — ${who}` : `no agreed places with room for ${what} — ${who}`,
    lead: (who: string, what: string, n: number, law: string) =>
      n
        ? `In ${who} the sentence is ${what}. Places with free workplaces from the lists agreed with local government (${law}): ${enCount(n, 'place')}, nearest to the convict’s home first.`
        : `In ${who} the sentence is ${what}, but no agreed place with free workplaces is near the convict’s home.`,
    why: (p: ProposedPlaceLine) =>
      [
        p.distanceKm === null
          ? 'distance unknown (no coordinates)'
          : `${p.distanceKm.toFixed(1)} km from home`,
        `${enCount(p.workplacesLeft, 'free workplace')} of ${p.workplaces}`,
        `list agreed until ${ruDate(p.validTo)}`,
      ].join('; '),
    send: (org: string, caseId: string) =>
      `«Места» (Places) → ${org} → «Направить осуждённого» (Send a convict), case ${caseId}`,
    labels: { why: 'Why', kinds: 'Kinds of work', send: 'Send', ref: 'Place reference' },
    todoLabel: 'What to do',
    todo: (n: number) =>
      n
        ? 'choose a place and send the convict there from the place’s page under «Места» (Places): the assignment is recorded and the organisation is notified.'
        : 'ask the local government body for places, or check the lists under «Места» (Places): refusals, remarks, expired lists.',
    banner: 'Places for serving the sentence · uii-connect',
  },
} as const;

/**
 * The officer's mail when a compulsory-labour case opens CW-START: the agreed places with room
 * left, each named by organisation, address, free places and why, the place id only as a small
 * reference, and what to do in the officer's screens. Russian or English (the officer's
 * directory `lang`), text and HTML, the standard footer of officer mail.
 */
export function placeProposalMail(input: PlaceProposalMailInput): {
  subject: string;
  text: string;
  html: string;
} {
  const lang = input.lang ?? 'ru';
  const W = WORDS[lang];
  const sentence = input.sentence ?? 'compulsory_labor';
  const what = W.what[sentence];
  const who = caseLabel(input.caseId, input.person, lang);
  const n = input.places.length;
  const subject = oneLine(`CW-START: ${W.subject(what, n, who)}`);
  const view = {
    title: subject,
    lead: W.lead(lang === 'ru' ? who.replace(/^дело /, 'делу ') : who, what, n, W.law[sentence]),
    places: input.places.map((p, i) => ({
      n: i + 1,
      organisation: oneLine(p.organisation),
      address: oneLine(p.address),
      why: W.why(p),
      kinds: p.kindsOfWork?.length ? oneLine(p.kindsOfWork.join(', ')) : '',
      send: W.send(oneLine(p.organisation), oneLine(input.caseId)),
      ref: oneLine(p.placeId),
    })),
    labels: W.labels,
    todoLabel: W.todoLabel,
    todo: W.todo(n),
    footer: OFFICER_FOOTER[lang],
  };
  return {
    subject,
    ...renderMail(
      'place-proposal',
      { lang, title: subject, banner: W.banner, accent: '#1f5fae', footer: OFFICER_FOOTER[lang] },
      view,
    ),
  };
}

/** The officer's proposal mail as an alert-outbox job (one per case and day). */
export function placeProposalJob(input: PlaceProposalMailInput & { to: string[]; today: string }): AlertJob {
  const { to, today, ...mail } = input;
  return {
    id: `place-proposal:${input.caseId}:${today}`,
    kind: 'place.proposal',
    audience: 'officer',
    to,
    ...placeProposalMail(mail),
    caseId: input.caseId,
    rule: 'CW-START',
    lang: input.lang ?? 'ru',
    reason: `согласованные места для дела: ${input.places.length}`,
  };
}
