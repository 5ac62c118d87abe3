import { type AlertJob, ruDate } from '@uii/domain';
import * as cases from './cases';
import type { DemoContext } from './context';
import * as feeds from './feeds';
import * as mail from './mail';
import * as match from './match';
import * as places from './places';

export type { DemoContext } from './context';

/** Seeds every demo family, then queues one alert so an email shows up in the local mailbox. */
export async function seed(ctx: DemoContext): Promise<string[]> {
  const lines: string[] = [];
  for (const family of [match, cases, feeds, mail, places]) {
    try {
      lines.push(...(await family.seed(ctx)));
    } catch (error) {
      lines.push(`Демо-данные не загружены / demo seed failed: ${(error as Error).message}`);
    }
  }
  const job: AlertJob = {
    id: `demo-welcome-${ctx.today}`,
    kind: 'demo.welcome',
    audience: 'officer',
    to: ['inspector@uii.example'],
    subject: 'uii-connect: локальный стенд запущен',
    text: `Локальный стенд uii-connect запущен. Сегодня (по часам стенда): ${ruDate(ctx.today)}.`,
  };
  await ctx.sendToQueue('alert-outbox', job);
  lines.push(`Письмо поставлено в очередь alert-outbox / alert queued: ${job.id}`);
  return lines;
}
