import { z } from 'zod';
import { addDays, isIsoDate } from '../calendar/dates';
import { addWorkingDays, DEFAULT_CALENDAR, type ProductionCalendar } from '../calendar/production-calendar';
import { type PlacesSettings, placeDecideRule, placeRemarksRule, resolvePlacesSettings } from './rule';

/** Refusal reasons as data: the letter quotes `text_ru`; `other` needs free text. */
export const REFUSAL_REASONS = [
  {
    code: 'unsafe_conditions',
    text_ru: 'условия труда не отвечают требованиям охраны труда и техники безопасности',
  },
  {
    code: 'no_supervision',
    text_ru:
      'невозможен контроль за отбыванием наказания: не назначен ответственный или не определён порядок учёта времени',
  },
  { code: 'too_far', text_ru: 'место удалено от мест проживания осуждённых, нет транспортной доступности' },
  {
    code: 'not_socially_useful',
    text_ru: 'работы не являются общественно полезными (УК РФ ст. 49 ч. 1)',
  },
  { code: 'unsuitable_for_sentence', text_ru: 'виды работ не подходят для указанного вида наказания' },
  {
    code: 'incomplete',
    text_ru: 'в предложении не хватает сведений о месте, видах работ или условиях труда',
  },
  { code: 'other', text_ru: 'иная причина' },
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number]['code'];
export const REFUSAL_CODES = REFUSAL_REASONS.map((r) => r.code) as [RefusalReason, ...RefusalReason[]];
export const refusalText = (code: string) => REFUSAL_REASONS.find((r) => r.code === code)?.text_ru ?? code;

const IsoDate = z.string().refine(isIsoDate, 'дата ГГГГ-ММ-ДД');

/**
 * How a proposal file came: `link` — a presigned upload (upload-url, the municipality's own
 * link); `upload` — a file put straight into the uploads bucket (`uii places upload`); `mail` —
 * an attachment from a registered municipal address; `cli` — `uii places import` by an officer.
 */
export const PROPOSAL_CHANNELS = ['upload', 'mail', 'cli', 'link'] as const;
export type ProposalChannel = (typeof PROPOSAL_CHANNELS)[number];

/** Each channel in Russian, as the history shows it. */
export const PROPOSAL_CHANNEL_RU: Record<ProposalChannel, string> = {
  link: 'загрузка по ссылке',
  upload: 'загрузка файла в хранилище (uii places upload)',
  mail: 'письмо',
  cli: 'загрузка через uii places import',
};

/** Every step in a place's history is an event: who, when, what. */
export const PlaceEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('proposed'),
    date: IsoDate,
    at: z.string(),
    by: z.string().min(1),
    proposalId: z.string().min(1),
    channel: z.enum(PROPOSAL_CHANNELS),
    /** Hash of the place's data: the same data sent again is no new proposal. */
    dataHash: z.string().min(1),
  }),
  z.object({
    type: z.literal('consent'),
    date: IsoDate,
    at: z.string(),
    by: z.string().min(1),
    text: z.string().optional(),
  }),
  z.object({
    type: z.literal('refusal'),
    date: IsoDate,
    at: z.string(),
    by: z.string().min(1),
    reasons: z.array(z.enum(REFUSAL_CODES)).min(1),
    text: z.string().optional(),
  }),
  z.object({
    type: z.literal('remarks'),
    date: IsoDate,
    at: z.string(),
    by: z.string().min(1),
    text: z.string().min(1),
  }),
]);
export type PlaceEvent = z.infer<typeof PlaceEvent>;
export type PlaceDecision = Extract<PlaceEvent, { type: 'consent' | 'refusal' | 'remarks' }>;

export type PlaceStatus = 'pending' | 'consented' | 'refused' | 'remarks';

export interface PlaceClock {
  rule: 'PLACE-DECIDE' | 'PLACE-REMARKS';
  trigger: string;
  due: string;
  actor: 'inspection' | 'municipality';
}

export interface PlaceState {
  status: PlaceStatus;
  /** The running clock (none once consented or refused). */
  clock?: PlaceClock;
  /** Day of the last decision. */
  decidedOn?: string;
  /** Met PLACE-DECIDE clocks: decided on or before the due day. */
  decidedInTime?: boolean;
  lastDecision?: PlaceDecision;
  /** The day of receipt in the municipality's time zone (PLACE-DECIDE starts on it). */
  receivedOn: string;
}

export class PlaceDecisionError extends Error {
  override readonly name = 'PlaceDecisionError';
}

/** The place's state derived from its events (in order); never edited by hand. */
export function placeState(
  events: readonly PlaceEvent[],
  settings: PlacesSettings = resolvePlacesSettings(),
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  region?: string,
): PlaceState {
  const decide = placeDecideRule(settings);
  const remarks = placeRemarksRule(settings);
  let state: PlaceState | undefined;
  for (const e of events) {
    if (e.type === 'proposed') {
      state = {
        status: 'pending',
        receivedOn: e.date,
        clock: {
          rule: 'PLACE-DECIDE',
          trigger: e.date,
          due: addWorkingDays(e.date, decide.duration.days, calendar, region),
          actor: 'inspection',
        },
      };
      continue;
    }
    if (!state) throw new PlaceDecisionError('решение по месту, которое не предлагалось');
    const met = state.clock?.rule === 'PLACE-DECIDE' ? e.date <= state.clock.due : state.decidedInTime;
    state = {
      receivedOn: state.receivedOn,
      status: e.type === 'consent' ? 'consented' : e.type === 'refusal' ? 'refused' : 'remarks',
      decidedOn: e.date,
      decidedInTime: met,
      lastDecision: e,
      ...(e.type === 'remarks'
        ? {
            clock: {
              rule: 'PLACE-REMARKS' as const,
              trigger: e.date,
              due: addWorkingDays(e.date, remarks.duration.days, calendar, region),
              actor: 'municipality' as const,
            },
          }
        : {}),
    };
  }
  if (!state) throw new PlaceDecisionError('у места нет события «предложено»');
  return state;
}

/** Builds and checks a decision (the CLI and any officer page go through here). */
export function makeDecision(
  input:
    | { type: 'consent'; text?: string }
    | { type: 'refusal'; reasons: string[]; text?: string }
    | { type: 'remarks'; text: string },
  who: { by: string; date: string; at: string },
  current: PlaceState,
): PlaceDecision {
  if (current.status === 'consented' || current.status === 'refused') {
    throw new PlaceDecisionError(
      `по этому месту уже принято решение (${current.status === 'consented' ? 'согласовано' : 'отказано'} ${ru(current.decidedOn!)})`,
    );
  }
  // After remarks, consent waits for the corrected proposal; a refusal (remarks not eliminated)
  // or further remarks may come at any time.
  if (current.status === 'remarks' && input.type === 'consent') {
    throw new PlaceDecisionError(
      'по месту направлены замечания: согласие — после повторного предложения органа местного самоуправления',
    );
  }
  // Both days are the municipality's (decidePlace dates the decision in its time zone).
  if (who.date < current.receivedOn)
    throw new PlaceDecisionError(`дата решения раньше поступления предложения (${ru(current.receivedOn)})`);
  if (input.type === 'refusal') {
    const unknown = input.reasons.filter((r) => !(REFUSAL_CODES as string[]).includes(r));
    if (unknown.length)
      throw new PlaceDecisionError(
        `неизвестная причина отказа: ${unknown.join(', ')}; допустимые: ${REFUSAL_CODES.join(', ')}`,
      );
    if (!input.reasons.length) throw new PlaceDecisionError('укажите причину отказа (--reason)');
    if (input.reasons.includes('other') && !input.text?.trim())
      throw new PlaceDecisionError('для причины «other» нужен текст (--text)');
  }
  if (input.type === 'remarks' && !input.text.trim()) throw new PlaceDecisionError('текст замечаний пуст');
  const parsed = PlaceEvent.parse({ ...input, ...who });
  return parsed as PlaceDecision;
}

const ru = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/** The list stops being usable after validTo; `daysBefore` it the municipality is reminded. */
export const expiryReminderDay = (validTo: string, daysBefore: number) => addDays(validTo, -daysBefore);

/**
 * The instant to record a new event at: never before the place's last event. The history is
 * kept in the order of its instants (the event's sort key), and instants come from different
 * clocks (intake, the CLI against a stack's clock, the web); a decision recorded "before" the
 * proposal it decides would make the history unreadable («решение по месту, которое не
 * предлагалось») and block every later proposal of that place.
 */
export function eventInstantAfter(at: string, history: readonly { at?: string }[]): string {
  const wanted = Date.parse(at);
  const last = Math.max(
    ...history.map((e) => (e.at ? Date.parse(e.at) : Number.NaN)).filter(Number.isFinite),
  );
  if (!Number.isFinite(wanted) || !Number.isFinite(last) || wanted > last) return at;
  return new Date(last + 1).toISOString();
}
