import { z } from 'zod';
import type { ProductionCalendar } from '../calendar/production-calendar';
import { Case, IsoDate } from '../cases/case';
import { CaseEvent, EVENT_TYPES } from '../cases/events';
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

/** Officers read these messages: Russian first (zod's own locale), the field path as a person writes it. */
const russian = z.locales.ru().localeError;

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = json;
  for (const key of path)
    at = at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined;
  return at;
}

function whyRu(issue: z.core.$ZodIssue, json: unknown): string {
  // A bad `type` fails the discriminated union; name the value and the types there are.
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'type') {
    const value = valueAt(json, issue.path);
    const got =
      value === undefined ? 'тип события не указан' : `неизвестный тип события ${JSON.stringify(value)}`;
    return `${got}; допустимые: ${EVENT_TYPES.join(', ')}`;
  }
  if (issue.code === 'invalid_type' && valueAt(json, issue.path) === undefined)
    return `обязательное поле отсутствует (нужно: ${issue.expected})`;
  return issue.message;
}

export function parseScenario(json: unknown): Scenario {
  const parsed = Scenario.safeParse(json, { error: russian });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldPath(issue.path) || '(корень файла)';
    throw new ScenarioError(field, whyRu(issue, json), { cause: parsed.error });
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
