import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlacesContext } from '@uii/aws/places-service';
import { Agreement, Partner, placesSettingsFromEnv } from '@uii/domain';
import type { DemoContext } from './context';

/** The demo municipality and agreements (events/places/municipality.json). */
export function demoPartners(root: string): { partners: Partner[]; agreements: Agreement[] } {
  const file = JSON.parse(readFileSync(join(root, 'events/places/municipality.json'), 'utf8')) as {
    partners: unknown[];
    agreements: unknown[];
  };
  return {
    partners: file.partners.map((p) => Partner.parse(p)),
    agreements: file.agreements.map((a) => Agreement.parse(a)),
  };
}

/** A places context on the local stack's table and outbox queue. */
export async function demoPlacesContext(ctx: Pick<DemoContext, 'env'>): Promise<PlacesContext> {
  const { PlacesStore } = await import('@uii/aws/places-store');
  const { DirectoryStore } = await import('@uii/aws/directory-store');
  const table = ctx.env.vars.TABLE_NAME ?? ctx.env.tables.main ?? 'main';
  return {
    store: new PlacesStore(table),
    directory: new DirectoryStore(table),
    settings: placesSettingsFromEnv({}),
    outbox: ctx.env.queues['alert-outbox'],
    inspectionName: 'УИИ по Томской области (демо)',
  };
}

/**
 * The demo municipality sends its proposal of places (6 rows, 3 of them with errors): the
 * receipt with the bad rows goes to its mailbox, PLACE-DECIDE starts (the officer is told),
 * and the first place is consented, so it is a worksite and DEMO-OR-1 is proposed it.
 */
export async function seed(ctx: DemoContext): Promise<string[]> {
  const places = await demoPlacesContext(ctx);
  const { decidePlace, proposeForCase } = await import('@uii/aws/places-service');
  const { importProposal } = await import('@uii/aws/places-import');
  const { readFileChunks } = await import('@uii/feeds');
  const { partners, agreements } = demoPartners(ctx.root);
  for (const p of partners) await places.store.putPartner(p);
  for (const a of agreements) await places.store.putAgreement(a);
  const municipality = partners[0]!;
  const at = `${ctx.today}T09:00:00.000Z`;
  const out = await importProposal(places, {
    municipalityId: municipality.id,
    fileName: 'proposal-tomsk.csv',
    body: readFileChunks(join(ctx.root, 'events/places/proposal-tomsk.csv')),
    channel: 'upload',
    today: ctx.today,
    at,
  });
  const first = out.places[0];
  if (first) {
    const current = await places.store.getPlace(first);
    if (current?.status === 'pending')
      await decidePlace(places, {
        placeId: first,
        decision: { type: 'consent' },
        by: 'OFF-DEMO',
        today: ctx.today,
        at: `${ctx.today}T09:05:00.000Z`,
      });
    await proposeForCase(places, 'DEMO-OR-1', ctx.today).catch(() => undefined);
  }
  return [
    `Муниципалитет ${municipality.id}: предложение ${out.proposalId}, мест ${out.accepted}, строк с ошибками ${out.rejected} (отчёт — на ${municipality.contacts[0]})`,
    `Места: uii places list · решение: uii places decide <id> --consent | --refuse --reason too_far | --remarks "…"`,
  ];
}
