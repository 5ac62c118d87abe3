import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { worksiteItems } from '@uii/aws/mail-store';
import { WorksiteRegistry } from '@uii/domain';
import type { DemoContext } from './context';

/**
 * Registers the demo worksites (events/worksites.json), then delivers the demo absence notice
 * through SES inbound (else the foundation's sample). `demo-absence-2.eml` — a second unexcused
 * absence the same month — is left for the user: `uii mail send events/mail/demo-absence-2.eml`.
 */
export async function seed(ctx: DemoContext): Promise<string[]> {
  const lines: string[] = [];
  const registryFile = join(ctx.root, 'events/worksites.json');
  if (existsSync(registryFile)) {
    const registry = WorksiteRegistry.parse(JSON.parse(readFileSync(registryFile, 'utf8')));
    await ctx.putItems(registry.flatMap(worksiteItems));
    lines.push(`Объекты зарегистрированы / worksites registered: ${registry.length}`);
  }
  const absence = join(ctx.root, 'events/mail/demo-absence.eml');
  const file = existsSync(absence) ? absence : join(ctx.root, 'events/ses/sample.eml');
  if (!existsSync(file)) return lines;
  const messageId = await ctx.receiveMail(file);
  lines.push(`Письмо принято / mail received: ${messageId}`);
  return lines;
}
