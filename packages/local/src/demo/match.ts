import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoContext } from './context';

/**
 * Matching profiles of the demo cases (events/match/demo-profiles.json), written before the
 * cases' events so the match function finds them when the first clock opens.
 */
export async function seed(ctx: DemoContext): Promise<string[]> {
  const file = join(ctx.root, 'events/match/demo-profiles.json');
  if (!existsSync(file)) return [];
  const { profiles } = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, unknown> };
  await ctx.putItems(
    Object.entries(profiles).map(([caseId, profile]) => ({
      pk: `MATCH#${caseId}`,
      sk: 'PROFILE',
      type: 'match_profile',
      profile,
    })),
  );
  return [`Анкеты подбора вакансий: ${Object.keys(profiles).join(', ')} (uii match --help)`];
}
