import type { Case } from '../cases/case';
import type { CaseEvent } from '../cases/events';
import { termClocks } from './clocks';
import { wanted } from './findings';
import { clMonth, clRepeat } from './findings-cl';
import { cwEvasion, cwHours, workStartOf } from './findings-cw';
import { nextChangeDate, planAlerts } from './plan';
import { type DeadlineSettings, resolveSettings } from './settings';
import { type Clocks, type Ctx, type Deadline, type Finding, of } from './types';

export type {
  AlertKind,
  AlertStage,
  ClockStatus,
  Clocks,
  Deadline,
  Finding,
  PlannedAlert,
} from './types';

/**
 * Derives every clock, finding and planned alert of a case from its events, as of a day.
 * Pure: events dated after `asOf` are not yet known and are ignored. The term clocks come
 * from the rule records (`clocks.ts`), the findings per sentence kind (`findings-cw.ts`, `findings-cl.ts`, `findings.ts`), the
 * alert plan and the next day anything changes from `plan.ts`.
 */
export function computeClocks(
  c: Case,
  events: readonly CaseEvent[],
  asOf: string,
  settings: DeadlineSettings = resolveSettings(),
  /**
   * The day each event was recorded (parallel to `events`, when known): a clock learned after
   * its due day starts its overdue cadence on the day it was learned, not weeks before.
   */
  recordedOn?: readonly (string | undefined)[],
): Clocks {
  const known = events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.date <= asOf)
    .sort((a, b) => (a.e.date === b.e.date ? a.i - b.i : a.e.date < b.e.date ? -1 : 1))
    .map(({ e }) => e);
  const learnedOn = new Map<string, string>();
  events.forEach((e, i) => {
    const day = recordedOn?.[i];
    if (!day || e.date > asOf || day > asOf) return;
    const held = learnedOn.get(e.date);
    if (!held || day < held) learnedOn.set(e.date, day);
  });
  const ctx: Ctx = {
    c,
    asOf,
    s: settings,
    events: known,
    completedOn: of(known, 'sentence_completed')[0]?.date,
    learnedOn,
  };

  const deadlines: Deadline[] = termClocks(ctx);
  const findings: Finding[] = [];
  if (c.sentence === 'corrective_labor') findings.push(...clRepeat(ctx, deadlines), ...clMonth(ctx));
  else findings.push(...cwEvasion(ctx), ...cwHours(ctx));
  findings.push(...wanted(ctx));

  deadlines.sort((a, b) => (a.due === b.due ? a.rule.localeCompare(b.rule) : a.due < b.due ? -1 : 1));
  findings.sort((a, b) => (a.date === b.date ? a.rule.localeCompare(b.rule) : a.date < b.date ? -1 : 1));
  const alertPlan = planAlerts(ctx, deadlines, findings);
  const workStart = c.sentence === 'compulsory_labor' ? workStartOf(ctx) : of(known, 'work_started')[0]?.date;
  const workDone = findings.some((f) => f.rule === 'CW-DONE');
  const nextActionDate = nextChangeDate(ctx, deadlines, alertPlan, workStart, workDone);
  return { deadlines, findings, alertPlan, nextActionDate };
}
