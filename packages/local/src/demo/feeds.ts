import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoContext } from './context';

/** The demo employment service: Tomsk, receipts to the local mailbox. */
export const DEMO_SERVICE = {
  id: 'demo',
  name: 'ОГКУ «Центр занятости населения города Томска» (демо)',
  regions: ['70'],
  contacts: ['czn-tomsk@trud.example'],
  officers: ['inspector@uii.example'],
};

/** Registers the demo service and uploads its feed: the intake validates it and mails a receipt. */
export async function seed(ctx: DemoContext): Promise<string[]> {
  await ctx.putItems([
    {
      pk: `SERVICE#${DEMO_SERVICE.id}`,
      sk: 'PROFILE',
      type: 'employment_service',
      gsi1pk: 'SERVICES',
      gsi1sk: `SERVICE#${DEMO_SERVICE.id}`,
      ...DEMO_SERVICE,
    },
  ]);
  const tomsk = join(ctx.root, 'events/feeds/demo-tomsk.json');
  const file = existsSync(tomsk) ? tomsk : join(ctx.root, 'events/feeds/sample.json');
  if (!existsSync(file)) return [];
  const key = await ctx.uploadFeed(file, DEMO_SERVICE.id);
  return [
    `Служба занятости зарегистрирована / service registered: ${DEMO_SERVICE.id}`,
    `Лента вакансий загружена / feed uploaded: s3://${ctx.env.vars.UPLOADS_BUCKET}/${key} (квитанция придёт на ${DEMO_SERVICE.contacts[0]})`,
  ];
}
