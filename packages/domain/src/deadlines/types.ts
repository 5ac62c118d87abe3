import type { Case } from '../cases/case';
import type { CaseEvent, EventOf, EventType } from '../cases/events';
import type { Actor } from './rules';
import type { DeadlineSettings } from './settings';

export type ClockStatus = 'open' | 'met' | 'overdue';

export interface Deadline {
  rule: string;
  due: string;
  status: ClockStatus;
  /** The legal source of the wording in force on the trigger date. */
  source: string;
  trigger: string;
  /** Days from `asOf` to the due day (0 on the due day, negative once overdue); null when met. */
  daysLeft: number | null;
  actor: Actor;
  /**
   * The day the clock was met. Within the term the status is `met`; a meeting event after
   * the due day leaves the status `overdue` (the term was missed) but stops its alerts.
   */
  metOn?: string;
  /** Days late when met after the due day. */
  lateDays?: number;
}

/** A clock's identity across computations (and digests): its rule and trigger. */
export const clockKey = (d: Pick<Deadline, 'rule' | 'trigger'>) => `${d.rule}@${d.trigger}`;

/** A clock whose action is recorded, in time or late (a late one stays `overdue` with `metOn`). */
export const isClockDone = (d: Pick<Deadline, 'status' | 'metOn'>) => d.status === 'met' || Boolean(d.metOn);

export interface Finding {
  rule: string;
  date: string;
  /** Russian, for the officer. */
  message: string;
  /** The same in English, for officers whose directory language is `en`. */
  message_en?: string;
  details: Record<string, unknown>;
}

export type AlertKind = 'first' | 'reminder' | 'overdue' | 'escalation';

/**
 * The stage of a clock an alert is about, most advanced last: `start` (the term began),
 * `reminder` (N days left), `due_day` (the last day is today), `overdue` (the day after the
 * term, then every N working days while an inspection-side clock stays unmet), `escalation`
 * (to the head, once). Findings have the stage `finding`.
 */
export type AlertStage = 'start' | 'reminder' | 'due_day' | 'overdue' | 'escalation' | 'finding';

export interface PlannedAlert {
  /** Deterministic id `<caseId>:<rule>:<kind>:<date>`: re-planning never sends twice. */
  id: string;
  rule: string;
  /** The day the alert is for (and the day its figures are counted from). */
  date: string;
  kind: AlertKind;
  audience: 'officer' | 'supervisor';
  due?: string;
  /** Deadlines: days from `date` to `due` (0 on the due day, negative once overdue). */
  daysLeft?: number;
  stage?: AlertStage;
  /** Findings of the same rule found at once and folded into this alert (their dates). */
  alsoDates?: string[];
}

export interface Clocks {
  deadlines: Deadline[];
  findings: Finding[];
  alertPlan: PlannedAlert[];
  /**
   * The first day after `asOf` on which anything about the case changes (an alert stage, a
   * due day, the day after it, a week or month to judge): the byDue index key, or null.
   */
  nextActionDate: string | null;
}

export interface Ctx {
  c: Case;
  asOf: string;
  s: DeadlineSettings;
  events: CaseEvent[];
  completedOn: string | undefined;
  /** Event date → the first day an event of that date was recorded (when known). */
  learnedOn: ReadonlyMap<string, string>;
}

export const of = <T extends EventType>(events: readonly CaseEvent[], type: T) =>
  events.filter((e): e is EventOf<T> => e.type === type);

export const datesOf = (events: readonly CaseEvent[], ...types: EventType[]) =>
  events.filter((e) => types.includes(e.type)).map((e) => e.date);

export const defined = <T>(x: T | undefined): x is T => x !== undefined;

/** Hours as whole minutes, so sums are exact (0.2 + 2.2 + 0.6 is 3 h, not 3.0000000000000004). */
export const toMinutes = (hours: number) => Math.round(hours * 60);
export const fromMinutes = (minutes: number) => minutes / 60;

/** Russian number with a decimal comma and at most two decimals: 2.5 → «2,5», 3 → «3». */
export function ruNumber(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}
