import type { AlertJob } from '../alerts/alert-job';
import { addDays, daysBetween, ruDate } from '../calendar/dates';
import { addWorkingDays, DEFAULT_CALENDAR, type ProductionCalendar } from '../calendar/production-calendar';
import { daysLeftRu, legalFooterRu } from '../deadlines/alert-text';
import { citation } from '../deadlines/citation';
import { ruleWords } from '../deadlines/rule-words';
import { shortHash } from '../matching/text';
import { enCount } from '../text/plural';
import type { PlaceClock } from './decisions';
import type { Partner } from './partners';
import { count, WORKING_DAYS, WORKPLACES } from './ru';
import {
  type PlaceRule,
  type PlacesSettings,
  placeDecideRule,
  placeRemarksRule,
  resolvePlacesSettings,
} from './rule';

export type PlaceStageKind = 'first' | 'reminder' | 'overdue' | 'escalation';

/** One alert stage of a place clock; `audience` says who hears of it. */
export interface PlaceStage {
  date: string;
  kind: PlaceStageKind;
  audience: 'officer' | 'supervisor' | 'partner';
}

interface Ctx {
  settings: PlacesSettings;
  calendar: ProductionCalendar;
  region?: string;
}

const ctxOf = (c: Partial<Ctx> = {}): Ctx => ({
  settings: c.settings ?? resolvePlacesSettings(),
  calendar: c.calendar ?? DEFAULT_CALENDAR,
  region: c.region,
});

/**
 * The fixed stages of a clock (DOMAIN.md «Alert timing»): a first alert when it starts,
 * reminders at 5, 2 and 1 days left and on the due day, an overdue alert the day after (and,
 * for the inspection's own clock, one escalation to the head). Repeats while overdue come from
 * `overdueRepeats`. PLACE-REMARKS is the municipality's clock: reminders go to it, and the
 * officer hears only when it is missed.
 */
function fixedStages(clock: PlaceClock, s: PlacesSettings): PlaceStage[] {
  const inspection = clock.actor === 'inspection';
  const remind = inspection ? 'officer' : 'partner';
  const out: PlaceStage[] = [];
  if (inspection) out.push({ date: clock.trigger, kind: 'first', audience: 'officer' });
  for (const left of [...s.reminderDaysLeft, 0]) {
    const date = addDays(clock.due, -left);
    if (date > clock.trigger) out.push({ date, kind: 'reminder', audience: remind });
  }
  const late = addDays(clock.due, 1);
  out.push({ date: late, kind: 'overdue', audience: 'officer' });
  if (inspection) out.push({ date: late, kind: 'escalation', audience: 'supervisor' });
  else out.push({ date: late, kind: 'overdue', audience: 'partner' });
  return out;
}

/** Overdue repeats (every N working days after the overdue alert) falling in [from, to]. */
function overdueRepeats(clock: PlaceClock, from: string, to: string, c: Ctx): PlaceStage[] {
  const out: PlaceStage[] = [];
  const audience = clock.actor === 'inspection' ? 'officer' : 'partner';
  for (
    let d = addWorkingDays(addDays(clock.due, 1), c.settings.overdueEveryWorkingDays, c.calendar, c.region);
    d <= to;
    d = addWorkingDays(d, c.settings.overdueEveryWorkingDays, c.calendar, c.region)
  ) {
    if (d >= from) out.push({ date: d, kind: 'overdue', audience });
  }
  return out;
}

/** Stages dated within [from, to], in date order. */
export function stagesBetween(
  clock: PlaceClock,
  from: string,
  to: string,
  ctx: Partial<Ctx> = {},
): PlaceStage[] {
  const c = ctxOf(ctx);
  return [
    ...fixedStages(clock, c.settings).filter((st) => st.date >= from && st.date <= to),
    ...overdueRepeats(clock, from, to, c),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The stages to send when the scan covers [from, to]: a clock learned late gets only its most
 * advanced stages still true on `to` (never «начался срок» after «срок пропущен»).
 */
export function stagesToSend(
  clock: PlaceClock,
  from: string,
  to: string,
  ctx: Partial<Ctx> = {},
): PlaceStage[] {
  const all = stagesBetween(clock, from, to, ctx);
  if (!all.length) return [];
  const lastDate = all[all.length - 1]!.date;
  const latest = all.filter((s) => s.date === lastDate);
  // An escalation missed on an earlier day is still owed: the head hears once.
  const escalation = all.find((s) => s.kind === 'escalation');
  if (escalation && !latest.includes(escalation)) latest.push({ ...escalation, date: lastDate });
  return latest;
}

/** The first day after `day` on which the clock has a stage: the item's `PLACEDUE#<date>` key. */
export function nextStageAfter(clock: PlaceClock, day: string, ctx: Partial<Ctx> = {}): string {
  const c = ctxOf(ctx);
  const fixed = fixedStages(clock, c.settings)
    .map((s) => s.date)
    .filter((d) => d > day)
    .sort()[0];
  if (fixed) return fixed;
  let d = addWorkingDays(addDays(clock.due, 1), c.settings.overdueEveryWorkingDays, c.calendar, c.region);
  while (d <= day) d = addWorkingDays(d, c.settings.overdueEveryWorkingDays, c.calendar, c.region);
  return d;
}

/** What an alert says about one place. */
export interface PlaceLine {
  id: string;
  organisation: string;
  address: string;
  workplaces: number;
  sentence: 'compulsory_labor' | 'corrective_labor';
}

export const SENTENCE_SHORT = { compulsory_labor: 'ОР', corrective_labor: 'ИР' } as const;

export const placeLineRu = (p: PlaceLine) =>
  `${p.id}: ${p.organisation}, ${p.address} — ${count(p.workplaces, WORKPLACES)} (${SENTENCE_SHORT[p.sentence]})`;

const KIND_RU: Record<PlaceStageKind, string> = {
  first: 'Начался срок',
  reminder: 'Напоминание о сроке',
  overdue: 'Срок пропущен',
  escalation: 'Пропущен срок инспекции',
};

export interface PlaceAlertGroup {
  municipality: Pick<Partner, 'id' | 'name' | 'contacts'>;
  clock: PlaceClock;
  stage: PlaceStage;
  places: PlaceLine[];
}

/**
 * Groups the day's stages: one message per municipality, clock (rule and due day), stage and
 * audience, listing its places. Ids are deterministic: a re-run of the scan sends nothing twice.
 */
export function groupPlaceAlerts(
  items: ReadonlyArray<{
    municipality: PlaceAlertGroup['municipality'];
    clock: PlaceClock;
    stage: PlaceStage;
    place: PlaceLine;
  }>,
): PlaceAlertGroup[] {
  const groups = new Map<string, PlaceAlertGroup>();
  for (const i of items) {
    const key = [
      i.municipality.id,
      i.clock.rule,
      i.clock.due,
      i.stage.kind,
      i.stage.audience,
      i.stage.date,
    ].join('|');
    const g = groups.get(key) ?? { municipality: i.municipality, clock: i.clock, stage: i.stage, places: [] };
    if (!g.places.some((p) => p.id === i.place.id)) g.places.push(i.place);
    groups.set(key, g);
  }
  return [...groups.values()];
}

export interface PlaceAlertRecipients {
  officer: string[];
  supervisor: string[];
  /** The officer's and the head's languages (directory settings); Russian when absent. */
  langs?: { officer?: 'ru' | 'en'; supervisor?: 'ru' | 'en' };
}

const SENTENCE_EN = { compulsory_labor: 'compulsory labour', corrective_labor: 'corrective labour' } as const;
const KIND_EN: Record<PlaceStageKind, string> = {
  first: 'Term started',
  reminder: 'Term reminder',
  overdue: 'Term missed',
  escalation: "The inspection's term missed",
};

/** The officer's (or head's) place alert in English: the same facts as the Russian one. */
function placeAlertTextEn(
  rule: PlaceRule,
  g: PlaceAlertGroup,
  places: readonly PlaceLine[],
  left: number,
): { subject: string; text: string } {
  const words = ruleWords(rule, 'en');
  const due = ruDate(g.clock.due);
  const leftEn =
    left > 0
      ? `${enCount(left, 'day')} left`
      : left === 0
        ? 'last day today'
        : `overdue by ${enCount(-left, 'day')}`;
  const lines = [
    `${words.title}: ${g.municipality.name} (${g.municipality.id}).`,
    `Trigger: ${words.trigger}, ${ruDate(g.clock.trigger)}.`,
    `Term: ${enCount(rule.duration.days, 'working day')}, last day ${due} (${leftEn}). The law sets no term for agreeing places: this is the inspection's setting.`,
    '',
    `${places.length === 1 ? 'Place' : 'Places'} (${places.length}):`,
    ...places.map(
      (p) =>
        `• ${p.id}: ${p.organisation}, ${p.address} — ${enCount(p.workplaces, 'workplace')} (${SENTENCE_EN[p.sentence]})`,
    ),
  ];
  if (g.stage.kind === 'overdue' || g.stage.kind === 'escalation')
    lines.push('', `Consequence: ${words.consequence}.`);
  if (g.clock.rule === 'PLACE-DECIDE')
    lines.push(
      '',
      g.stage.audience === 'supervisor'
        ? 'Make sure the officer decides: «Места» (Places) → the place → «Решение» (Decision).'
        : 'Decision: «Места» (Places) → the place → «Решение» (Decision): consent, refuse or send remarks.',
    );
  lines.push(
    '',
    `${citation(rule.source, 'en')}: «${rule.source.text_ru}»`,
    '',
    `Rule ${rule.id}. A uii-connect message.`,
  );
  return {
    subject: `[${rule.id}] ${KIND_EN[g.stage.kind]}: ${words.title} — ${g.municipality.name}, by ${due}`,
    text: lines.join('\n'),
  };
}

/** The e-mail of one group, Russian first, quoting the rule's source. Undefined with nobody to tell. */
export function placeAlertJob(
  g: PlaceAlertGroup,
  recipients: PlaceAlertRecipients,
  settings: PlacesSettings = resolvePlacesSettings(),
): AlertJob | undefined {
  const rule: PlaceRule =
    g.clock.rule === 'PLACE-DECIDE' ? placeDecideRule(settings) : placeRemarksRule(settings);
  const to =
    g.stage.audience === 'partner'
      ? g.municipality.contacts
      : g.stage.audience === 'supervisor'
        ? recipients.supervisor.length
          ? recipients.supervisor
          : recipients.officer
        : recipients.officer;
  if (!to.length) return undefined;
  const left = daysBetween(g.stage.date, g.clock.due);
  const places = [...g.places].sort((a, b) => a.id.localeCompare(b.id));
  const term = `${count(rule.duration.days, WORKING_DAYS)}, последний день — ${ruDate(g.clock.due)}${left >= 0 ? ` (${daysLeftRu(left)})` : ''}`;
  // The places are part of the id: a second proposal on the same day is its own message.
  const which = shortHash(places.map((p) => p.id).join(','));
  const id = `place:${g.clock.rule}:${g.municipality.id}:${g.clock.due}:${g.stage.kind}:${g.stage.audience}:${g.stage.date}:${which}`;
  if (g.stage.audience === 'partner') {
    const text = [
      'Здравствуйте!',
      '',
      left >= 0
        ? `Напоминаем: по ${places.length === 1 ? 'предложенному месту' : 'предложенным местам'} инспекция направила замечания ${ruDate(g.clock.trigger)}. Просим устранить их и направить предложение повторно до ${ruDate(g.clock.due)}.`
        : `Срок устранения замечаний инспекции (до ${ruDate(g.clock.due)}) истёк. Просим направить исправленное предложение.`,
      '',
      ...places.map((p) => `• ${placeLineRu(p)}`),
      '',
      'Исправленное предложение можно прислать ответом на это письмо (файл CSV, Excel или JSON) или загрузить.',
      '',
      'Это письмо отправлено автоматически.',
    ].join('\n');
    return {
      id,
      kind: `place.remarks.${g.stage.kind}`,
      audience: 'partner',
      to,
      subject: `${left >= 0 ? 'Напоминание' : 'Срок истёк'}: устранить замечания по местам отбывания наказания — до ${ruDate(g.clock.due)}`,
      text,
      rule: rule.id,
    };
  }
  const lang = g.stage.audience === 'supervisor' ? recipients.langs?.supervisor : recipients.langs?.officer;
  const en = lang === 'en' ? placeAlertTextEn(rule, g, places, left) : undefined;
  const title = `[${rule.id}] ${KIND_RU[g.stage.kind]}: ${rule.title_ru} — ${g.municipality.name}, до ${ruDate(g.clock.due)}`;
  const lines = [
    `${rule.title_ru}: ${g.municipality.name} (${g.municipality.id}).`,
    `Основание: ${rule.trigger_ru}, ${ruDate(g.clock.trigger)}.`,
    `Срок: ${term}. Порядок и сроки согласования закон не устанавливает: срок — настройка инспекции.`,
    '',
    `${places.length === 1 ? 'Место' : 'Места'} (${places.length}):`,
    ...places.map((p) => `• ${placeLineRu(p)}`),
  ];
  if (g.stage.kind === 'overdue' || g.stage.kind === 'escalation')
    lines.push('', `Последствие: ${rule.consequence_ru}.`);
  if (g.clock.rule === 'PLACE-DECIDE')
    lines.push(
      '',
      g.stage.audience === 'supervisor'
        ? 'Проконтролируйте решение инспектора: «Места» → место → «Решение».'
        : 'Решение: «Места» → место → «Решение»: согласовать, отказать или направить замечания.',
    );
  lines.push(...legalFooterRu(rule));
  return {
    id,
    kind: `deadline.${g.stage.kind}`,
    audience: g.stage.audience === 'supervisor' ? 'supervisor' : 'officer',
    to,
    subject: en?.subject ?? title,
    text: en?.text ?? lines.join('\n'),
    ...(en ? { lang: 'en' as const } : {}),
    rule: rule.id,
    // Facts for alert-outbox's routing: urgent at once, the rest in the officer's digest.
    deadline: {
      rule: rule.id,
      kind: g.stage.kind,
      trigger: g.clock.trigger,
      due: g.clock.due,
      asOf: g.stage.date,
      daysLeft: left,
    },
  };
}
