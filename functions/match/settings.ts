import { DEFAULT_MATCH_SETTINGS, type MatchSettings } from '@uii/domain';
import { z } from 'zod';

const number = (min: number, max: number) => z.coerce.number().min(min).max(max);

/** Matching settings from the environment, validated once at cold start (a typo fails loudly). */
const Settings = z.object({
  MATCH_RADIUS_KM: number(1, 1000).default(DEFAULT_MATCH_SETTINGS.radiusKm),
  MATCH_MAX_VACANCY_AGE_DAYS: number(1, 3650).default(DEFAULT_MATCH_SETTINGS.maxVacancyAgeDays),
  MATCH_ACCEPTANCE: z.enum(['open', 'strict']).default(DEFAULT_MATCH_SETTINGS.acceptance),
  MATCH_PARTNER_INNS: z
    .string()
    .default('')
    .transform((s) => s.split(/[\s,;]+/).filter(Boolean)),
  MATCH_TOP: number(1, 50).int().default(DEFAULT_MATCH_SETTINGS.top),
  MATCH_HOLD_RELEASE_DAYS: number(1, 365).int().default(DEFAULT_MATCH_SETTINGS.holdReleaseDays),
  MATCH_URGENT_DAYS_LEFT: number(0, 30).int().default(DEFAULT_MATCH_SETTINGS.urgentDaysLeft),
});

export function matchSettings(env: NodeJS.ProcessEnv = process.env): Partial<MatchSettings> {
  const s = Settings.parse(env);
  return {
    radiusKm: s.MATCH_RADIUS_KM,
    maxVacancyAgeDays: s.MATCH_MAX_VACANCY_AGE_DAYS,
    acceptance: s.MATCH_ACCEPTANCE,
    partnerInns: s.MATCH_PARTNER_INNS,
    top: s.MATCH_TOP,
    holdReleaseDays: s.MATCH_HOLD_RELEASE_DAYS,
    urgentDaysLeft: s.MATCH_URGENT_DAYS_LEFT,
  };
}
