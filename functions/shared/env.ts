import '@uii/domain/zod-locale';
import { z } from 'zod';

/**
 * Every function's settings, validated once at cold start: a typo or a missing variable fails
 * loudly with the variable's name, instead of becoming `undefined` or NaN deep in a handler.
 * Importing this module also sets the process-wide zod locale (Russian messages), which only
 * entry points may do.
 */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new SettingsError(`${name} is not set`);
  return value;
}

/** Parses the environment with a schema; names every wrong variable. */
export function settingsOf<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  throw new SettingsError(`invalid settings: ${problems.join('; ')}`);
}

/** Common building blocks for settings schemas. */
export const setting = {
  required: z.string().min(1),
  url: z.url(),
  email: z.email(),
  /** A whole number in a range, from its text; a typo ("5d") is an error, not NaN. */
  int: (min: number, max: number) => z.coerce.number().int().min(min).max(max),
};
