import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { worksiteItems } from '@uii/aws/mail-store';
import { WorksiteRegistry } from '@uii/domain';
import type { DemoContext } from './context';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The demo absence dated on the stack's today (the absence and the mail both), so that it is
 * never «дата в будущем» nor months old whatever `--now` says. Written to a temp file.
 */
export function redated(file: string, today: string): string {
  const raw = readFileSync(file, 'utf8');
  const date = raw.match(/^Date: .*$/m);
  const body = raw.match(/\b(\d{2})\.(\d{2})\.(\d{4})\b/);
  if (!date || !body) return file;
  const d = new Date(`${today}T12:00:00Z`);
  const [y, m, day] = today.split('-');
  const header = `Date: ${DAYS[d.getUTCDay()]}, ${Number(day)} ${MONTHS[d.getUTCMonth()]} ${y} 16:40:00 +0300`;
  const text = raw.replace(date[0], header).replaceAll(body[0], `${day}.${m}.${y}`);
  const out = join(mkdtempSync(join(tmpdir(), 'uii-demo-mail-')), 'demo-absence.eml');
  writeFileSync(out, text);
  return out;
}

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
  const messageId = await ctx.receiveMail(redated(file, ctx.today));
  lines.push(`Письмо принято / mail received: ${messageId}`);
  return lines;
}
