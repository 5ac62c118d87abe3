import { z } from 'zod';
import type { ProductionCalendar } from '../calendar/production-calendar';
import { Case, IsoDate } from '../cases/case';
import { CaseEvent } from '../cases/events';
import { fieldPathOf } from '../cases/field-path';
import { type Clocks, computeClocks } from './engine';
import { DeadlineSettings, resolveSettings } from './settings';

/** The input of `uii deadlines`: a case, its events and the day to compute for. */
export const Scenario = z.object({
  case: Case,
  events: z.array(CaseEvent),
  asOf: IsoDate,
  settings: DeadlineSettings.optional(),
});
export type Scenario = z.infer<typeof Scenario>;

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly field: string,
    why: string,
    options?: ErrorOptions,
  ) {
    super(`${field}: ${why}`, options);
  }
}

export const fieldPath = fieldPathOf;

export function parseScenario(json: unknown): Scenario {
  const parsed = Scenario.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldPath(issue.path) || '(root)';
    throw new ScenarioError(field, issue.message, { cause: parsed.error });
  }
  return parsed.data;
}

export function runScenario(s: Scenario, calendar?: ProductionCalendar): Clocks {
  return computeClocks(s.case, s.events, s.asOf, resolveSettings(s.settings ?? {}, calendar));
}

/** The public `--json` shape of `uii deadlines` (issue 3). */
export function publicOutput(clocks: Clocks) {
  return {
    deadlines: clocks.deadlines.map(({ rule, due, status, source }) => ({ rule, due, status, source })),
    findings: clocks.findings.map(({ rule, date, message }) => ({ rule, date, message })),
  };
}
