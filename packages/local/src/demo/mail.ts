import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoContext } from './context';

/** Delivers the demo worksite mail (absence notice when present, else a sample) through SES inbound. */
export async function seed(ctx: DemoContext): Promise<string[]> {
  const absence = join(ctx.root, 'events/mail/demo-absence.eml');
  const file = existsSync(absence) ? absence : join(ctx.root, 'events/ses/sample.eml');
  if (!existsSync(file)) return [];
  const messageId = await ctx.receiveMail(file);
  return [`Письмо принято / mail received: ${messageId}`];
}
