import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoContext } from './context';

/** Uploads the demo vacancy feed (the Tomsk one when present, else a tiny sample). */
export async function seed(ctx: DemoContext): Promise<string[]> {
  const tomsk = join(ctx.root, 'events/feeds/demo-tomsk.json');
  const file = existsSync(tomsk) ? tomsk : join(ctx.root, 'events/feeds/sample.json');
  if (!existsSync(file)) return [];
  const key = await ctx.uploadFeed(file, 'demo');
  return [`Лента вакансий загружена / feed uploaded: s3://${ctx.env.vars.UPLOADS_BUCKET}/${key}`];
}
