import { z } from 'zod';
import { addWorkingDays, DEFAULT_CALENDAR, type ProductionCalendar } from '../calendar/production-calendar';
import type { Rule } from '../deadlines/rules';

/** What meets a place clock: a decision on the place. */
export type PlaceDecisionKind = 'consent' | 'refusal' | 'remarks';

/**
 * The same record shape as the deadline rules (packages/domain/src/deadlines/rules.ts), with
 * a trigger and meeting events of the places flow instead of case events.
 */
export type PlaceRule = Omit<Rule, 'trigger' | 'satisfiedBy' | 'duration' | 'actor'> & {
  actor: Rule['actor'] | 'municipality';
  trigger: 'place_proposal_received' | 'place_remarks_sent';
  duration: { days: number; dayKind: 'working' };
  satisfiedBy: readonly (PlaceDecisionKind | 'place_reproposed')[];
};

/**
 * Where the law is silent ([open] in DOMAIN.md) the flow has settings, with these defaults:
 * 10 working days to decide, 5 for the municipality to answer remarks, reminders at 5, 2 and 1
 * days left, an overdue reminder every 3 working days, the municipality reminded 30 days before
 * an agreed list expires.
 */
export const PlacesSettings = z
  .object({
    decideWorkingDays: z.number().int().positive().default(10),
    remarksWorkingDays: z.number().int().positive().default(5),
    reminderDaysLeft: z.array(z.number().int().positive()).default([5, 2, 1]),
    overdueEveryWorkingDays: z.number().int().positive().default(3),
    listExpiryReminderDays: z.number().int().positive().default(30),
    agreementExpiryReminderDays: z.number().int().positive().default(60),
    /** Radius (km) within which agreed places are proposed for a convict's home. */
    proposeRadiusKm: z.number().positive().default(30),
  })
  .strict();
export type PlacesSettingsInput = z.input<typeof PlacesSettings>;
export type PlacesSettings = z.infer<typeof PlacesSettings>;

export const resolvePlacesSettings = (input: PlacesSettingsInput = {}): PlacesSettings =>
  PlacesSettings.parse(input);

/** Settings from the environment of the functions (PLACE_DECIDE_DAYS, PLACE_REMARKS_DAYS). */
export function placesSettingsFromEnv(env: Record<string, string | undefined>): PlacesSettings {
  const n = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  return resolvePlacesSettings({
    decideWorkingDays: n(env.PLACE_DECIDE_DAYS),
    remarksWorkingDays: n(env.PLACE_REMARKS_DAYS),
    listExpiryReminderDays: n(env.PLACE_LIST_EXPIRY_DAYS),
  });
}

const SOURCE = {
  article: 'УИК РФ ст. 25 ч. 1, ст. 39 ч. 1',
  text_ru:
    'Объекты, на которых осуждённые отбывают обязательные работы, определяются органами местного самоуправления по согласованию с уголовно-исполнительными инспекциями; так же определяются места отбывания исправительных работ осуждёнными, не имеющими основного места работы.',
  confidence: 'open' as const,
};

export function placeDecideRule(s: PlacesSettings = resolvePlacesSettings()): PlaceRule {
  return {
    id: 'PLACE-DECIDE',
    kind: 'deadline',
    sentence: 'any',
    title_ru: 'Рассмотреть предложение мест отбывания наказания',
    trigger: 'place_proposal_received',
    trigger_ru: 'поступление в инспекцию предложения органа местного самоуправления',
    duration: { days: s.decideWorkingDays, dayKind: 'working' },
    satisfiedBy: ['consent', 'refusal', 'remarks'],
    actor: 'inspection',
    consequence_ru: 'нарушение срока согласования инспекцией: доклад начальнику инспекции',
    source: SOURCE,
  };
}

/** The municipality's clock after remarks: eliminate them and send the place again. */
export function placeRemarksRule(s: PlacesSettings = resolvePlacesSettings()): PlaceRule {
  return {
    id: 'PLACE-REMARKS',
    kind: 'partner',
    sentence: 'any',
    title_ru: 'Устранить замечания инспекции по предложенному месту',
    trigger: 'place_remarks_sent',
    trigger_ru: 'направление органу местного самоуправления замечаний инспекции',
    duration: { days: s.remarksWorkingDays, dayKind: 'working' },
    satisfiedBy: ['place_reproposed'],
    actor: 'municipality',
    consequence_ru: 'напоминание органу местного самоуправления, затем инспектору',
    source: SOURCE,
  };
}

export function placeRules(s: PlacesSettings = resolvePlacesSettings()): readonly PlaceRule[] {
  return [placeDecideRule(s), placeRemarksRule(s)];
}

/** Due day of a place clock: N working days after the trigger (the trigger day is not counted). */
export function placeDue(
  rule: PlaceRule,
  trigger: string,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
  region?: string,
): string {
  return addWorkingDays(trigger, rule.duration.days, calendar, region);
}
