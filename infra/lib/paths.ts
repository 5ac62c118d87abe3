import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: function entries, the lockfile, tsconfig and cdk.json live here. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The context of cdk.json (feature flags frozen at project start), so an in-process synth
 * produces the same template as `cdk synth`, which passes the same values.
 */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}
