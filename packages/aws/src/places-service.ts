import {
  type AlertJob,
  addDays,
  agreementExpiryJob,
  agreementsToRemind,
  assignmentNoticeJob,
  assignmentProblem,
  today as dayIn,
  decisionLetterJob,
  eventInstantAfter,
  groupPlaceAlerts,
  listExpired,
  listExpiredJobs,
  listExpiredReasonRu,
  listExpiryGroups,
  listExpiryJob,
  makeDecision,
  nextStageAfter,
  now,
  type Partner,
  type PlaceAlertGroup,
  type PlaceProposal,
  type PlacesSettings,
  type ProposedPlace,
  placeAlertJob,
  placeProposalJob,
  placeState,
  placesSettingsFromEnv,
  proposePlaces,
  stagesToSend,
} from '@uii/domain';
import { CaseStore } from './case-store';
import { DirectoryStore } from './directory-store';
import { getWorksite, putWorksite } from './mail-store';
import { PlaceConflictError, PlacesStore, type StoredPlace } from './places-store';
import { sendJsonBatch } from './sqs';

export type { PlaceConflictError };

/**
 * The places flow as the CLI, the scheduled check and the mail hook run it: read a proposal,
 * validate, store, start clocks, and queue the letters and alerts (alert-outbox). The rules are
 * the domain's; this module only reads, writes and sends.
 */
export class UnknownPartnerError extends Error {
  override readonly name = 'UnknownPartnerError';
}
export class PlaceNotFoundError extends Error {
  override readonly name = 'PlaceNotFoundError';
}

export interface PlacesContext {
  store: PlacesStore;
  directory: DirectoryStore;
  settings: PlacesSettings;
  /** alert-outbox queue URL; without it, jobs are returned but not sent. */
  outbox?: string;
  inspectionName: string;
}

export function placesContext(env: NodeJS.ProcessEnv = process.env): PlacesContext {
  return {
    store: new PlacesStore(env.TABLE_NAME),
    directory: new DirectoryStore(env.TABLE_NAME),
    settings: placesSettingsFromEnv(env),
    outbox: env.ALERT_OUTBOX_QUEUE_URL,
    inspectionName: env.INSPECTION_NAME ?? 'Уголовно-исполнительная инспекция',
  };
}

export async function send(ctx: PlacesContext, jobs: AlertJob[]): Promise<void> {
  if (jobs.length && ctx.outbox) await sendJsonBatch(ctx.outbox, jobs);
}

export const lineOf = (p: StoredPlace | ProposedPlace) => ({
  id: p.id,
  organisation: p.organisation,
  address: p.address,
  workplaces: p.workplaces,
  sentence: p.sentence,
});

export const recipientsOf = async (ctx: PlacesContext, partner: Partner) =>
  ctx.directory.recipientsFor(partner.officerId, partner.inspectionId);

export type DecisionInput =
  | { type: 'consent'; text?: string }
  | { type: 'refusal'; reasons: string[]; text?: string }
  | { type: 'remarks'; text: string };

/**
 * An officer's decision on one place: recorded as an event, the letter queued to the
 * municipality; a consented place becomes a worksite whose administrator's mail is trusted.
 */
export async function decidePlace(
  ctx: PlacesContext,
  input: { placeId: string; decision: DecisionInput; by: string; today: string; at: string },
): Promise<{ place: StoredPlace; jobs: string[]; recorded: boolean }> {
  const place = await ctx.store.getPlace(input.placeId);
  if (!place) throw new PlaceNotFoundError(`место ${input.placeId} не найдено (uii places list)`);
  const partner = await ctx.store.getPartner(place.municipalityId);
  if (!partner)
    throw new UnknownPartnerError(
      `орган местного самоуправления «${place.municipalityId}» не зарегистрирован`,
    );
  const history = await ctx.store.listEvents(place.id);
  const current = placeState(history, ctx.settings, undefined, partner.region);
  // The clock counts in the municipality's calendar (it started on the day of receipt there), so
  // the decision's day is the municipality's day at the decision's instant (ADR 0029).
  const instant = Date.parse(input.at);
  const date = Number.isNaN(instant) ? input.today : dayIn(new Date(instant), partner.timeZone);
  const at = eventInstantAfter(input.at, history);
  const decision = makeDecision(input.decision, { by: input.by, date, at }, current);
  const next = placeState([...history, decision], ctx.settings, undefined, partner.region);
  const updated: StoredPlace = {
    ...place,
    status: next.status,
    clock: next.clock,
    decidedOn: next.decidedOn,
    decidedInTime: next.decidedInTime,
    nextAlertOn: next.clock ? nextStageAfter(next.clock, date, { settings: ctx.settings }) : undefined,
  };
  const recorded = await ctx.store.saveWithEvent(updated, place.version, decision);
  if (next.status === 'consented') await registerWorksite(ctx.store.tableName, place, partner);
  const job = decisionLetterJob({
    municipality: partner,
    inspectionName: ctx.inspectionName,
    place,
    decision,
    receivedOn: place.receivedOn,
    to: partner.contacts,
    expiryReminderDays: ctx.settings.listExpiryReminderDays,
    ...(next.clock?.rule === 'PLACE-REMARKS' ? { answerDue: next.clock.due } : {}),
  });
  await send(ctx, [job]);
  return { place: { ...updated, version: place.version + 1 }, jobs: [job.id], recorded };
}

/** The consented place as a worksite (mail-store's registry): its administrator's mail is trusted. */
async function registerWorksite(table: string, place: StoredPlace, partner: Partner): Promise<void> {
  const existing = await getWorksite(table, place.id);
  const administrators = [...new Set([...(existing?.administrators ?? []), place.administrator.email])];
  await putWorksite(table, {
    id: place.id,
    name: place.organisation,
    inspectionId: partner.inspectionId,
    administrators,
    cases: existing?.cases ?? [],
    // Trusted through the agreed list's last day, in the municipality's time zone (ADR 0029).
    validTo: place.validTo,
    timeZone: partner.timeZone,
  });
}

export interface ScanOutcome {
  from: string;
  to: string;
  places: number;
  jobs: string[];
}

/**
 * Daily: the places whose next alert day fell since the last run (one PLACEDUE#<day> index
 * partition per day, never a table scan), the alerts grouped per municipality and stage, then
 * reminders before agreed lists and agreements expire.
 */
export async function scanPlaces(ctx: PlacesContext, today: string, at?: Date): Promise<ScanOutcome> {
  const last = (await ctx.store.lastScanDate()) ?? addDays(today, -1);
  if (last >= today) return { from: today, to: today, places: 0, jobs: [] };
  const from = addDays(last, 1);
  const due = new Map<string, { place: StoredPlace; day: string }>();
  for (let d = from; d <= today; d = addDays(d, 1)) {
    for (const place of await ctx.store.placesDueOn(d))
      if (!due.has(place.id)) due.set(place.id, { place, day: d });
  }
  const partners = new Map<string, Partner | undefined>();
  const partnerOf = async (id: string) => {
    if (!partners.has(id)) partners.set(id, await ctx.store.getPartner(id));
    return partners.get(id);
  };
  const items: Parameters<typeof groupPlaceAlerts>[0][number][] = [];
  for (const { place, day } of due.values()) {
    const partner = await partnerOf(place.municipalityId);
    if (!place.clock || !partner) continue;
    for (const stage of stagesToSend(place.clock, day, today, { settings: ctx.settings }))
      items.push({ municipality: partner, clock: place.clock, stage, place: lineOf(place) });
  }
  const jobs: AlertJob[] = [];
  for (const g of groupPlaceAlerts(items)) {
    const partner = (await partnerOf(g.municipality.id))!;
    const job = placeAlertJob(g as PlaceAlertGroup, await recipientsOf(ctx, partner), ctx.settings);
    if (job) jobs.push(job);
  }

  // Agreed lists about to expire, and lists that have just expired: one message per
  // municipality and end date. Days are the municipality's own (its time zone at the scan's
  // instant); ids are deterministic, so a window that overlaps an earlier run sends nothing twice.
  const byMunicipality = new Map<string, StoredPlace[]>();
  for (const p of await ctx.store.listPlaces())
    byMunicipality.set(p.municipalityId, [...(byMunicipality.get(p.municipalityId) ?? []), p]);
  for (const [municipalityId, places] of byMunicipality) {
    const partner = await partnerOf(municipalityId);
    if (!partner) continue;
    const local = at ? dayIn(at, partner.timeZone) : today;
    const to = local > today ? local : today;
    for (const g of listExpiryGroups(places, from, to, ctx.settings.listExpiryReminderDays))
      jobs.push(listExpiryJob({ municipality: partner, validTo: g.validTo, places: g.places }));
    // daysBefore -1: the first day after «Действует по»
    const expired = listExpiryGroups(places, from, to, -1);
    if (expired.length) {
      // A worksite registered before it carried its term (ADR 0029) learns it now, so its
      // administrator's mail is judged by it from here on.
      for (const p of expired.flatMap((g) => g.places)) {
        const worksite = await getWorksite(ctx.store.tableName, p.id);
        if (worksite && worksite.validTo === undefined)
          await putWorksite(ctx.store.tableName, {
            ...worksite,
            validTo: p.validTo,
            timeZone: partner.timeZone,
          });
      }
      const { officer } = await recipientsOf(ctx, partner);
      for (const g of expired)
        jobs.push(
          ...listExpiredJobs({ municipality: partner, validTo: g.validTo, places: g.places, officer }),
        );
    }
  }
  // agreements ending soon: the officer in charge of the partner
  const agreements = await ctx.store.listAgreements();
  for (const a of agreementsToRemind(agreements, from, today, ctx.settings.agreementExpiryReminderDays)) {
    const partner = await partnerOf(a.partnerId);
    const recipients = partner ? await recipientsOf(ctx, partner) : { officer: [] };
    if (recipients.officer.length)
      jobs.push(
        agreementExpiryJob({
          agreement: a,
          partnerName: partner?.name ?? a.partnerId,
          to: recipients.officer,
        }),
      );
  }

  await send(ctx, jobs);
  for (const { place } of due.values()) {
    await ctx.store.setNextAlert(
      place.id,
      place.clock ? nextStageAfter(place.clock, today, { settings: ctx.settings }) : undefined,
    );
  }
  await ctx.store.setLastScanDate(today);
  return { from, to: today, places: due.size, jobs: jobs.map((j) => j.id) };
}

/**
 * Agreed places proposed for a compulsory-labour case (CW-START opened): nearest with room
 * left. Uses the domain's small `proposePlaces`; the general matcher can replace it.
 */
export async function proposeForCase(
  ctx: PlacesContext,
  caseId: string,
  today: string,
): Promise<{ proposals: PlaceProposal[]; jobs: string[] }> {
  const cases = new CaseStore(ctx.store.tableName);
  const stored = await cases.getCase(caseId);
  if (stored?.case.sentence !== 'compulsory_labor') return { proposals: [], jobs: [] };
  const person = (await cases.getPerson(caseId)) as
    | (Record<string, unknown> & { lat?: unknown; lng?: unknown })
    | undefined;
  const home =
    typeof person?.lat === 'number' && typeof person?.lng === 'number'
      ? { lat: person.lat, lng: person.lng }
      : undefined;
  const places: StoredPlace[] = [];
  for (const p of await ctx.store.listPlaces()) {
    if (p.status !== 'consented') continue;
    // A list that has ended in its municipality's time zone is no capacity (ADR 0029).
    const partner = await ctx.store.getPartner(p.municipalityId);
    if (!listExpired(p.validTo, now(), partner?.timeZone)) places.push(p);
  }
  const proposals = proposePlaces({
    sentence: 'compulsory_labor',
    home,
    today,
    places: places.map((p) => ({ ...p, assigned: p.assigned ?? 0 })),
    radiusKm: ctx.settings.proposeRadiusKm,
  });
  const recipients = await ctx.directory.recipientsFor(stored.case.officerId, stored.case.inspectionId);
  const jobs: AlertJob[] = [];
  if (recipients.officer.length) {
    const byId = new Map(places.map((p) => [p.id, p]));
    jobs.push(
      placeProposalJob({
        caseId,
        person: personName(person),
        places: proposals.flatMap((p) => {
          const place = byId.get(p.placeId);
          return place
            ? [{ ...p, workplaces: place.workplaces, validTo: place.validTo, kindsOfWork: place.kindsOfWork }]
            : [];
        }),
        lang: recipients.langs?.officer ?? 'ru',
        to: recipients.officer,
        today,
      }),
    );
  }
  await send(ctx, jobs);
  return { proposals, jobs: jobs.map((j) => j.id) };
}

/** Sends a convict to an agreed place: capacity counted, the worksite told, its mail about them trusted. */
/** The name parts of a stored person record, when it has them (only surname and initials reach mail). */
function personName(
  person: Record<string, unknown> | undefined,
): { lastName: string; firstName?: string; middleName?: string } | undefined {
  if (typeof person?.lastName !== 'string' || !person.lastName.trim()) return undefined;
  const part = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  return {
    lastName: person.lastName,
    firstName: part(person.firstName),
    middleName: part(person.middleName),
  };
}

export async function assignToPlace(
  ctx: PlacesContext,
  input: { placeId: string; caseId: string; by: string; today: string },
): Promise<{ assigned: boolean; jobs: string[] }> {
  const place = await ctx.store.getPlace(input.placeId);
  if (!place) throw new PlaceNotFoundError(`место ${input.placeId} не найдено (uii places list)`);
  const partner = await ctx.store.getPartner(place.municipalityId);
  if (listExpired(place.validTo, now(), partner?.timeZone))
    throw new PlaceConflictError(
      `на место ${place.id} направлять нельзя: ${listExpiredReasonRu(place.validTo)}`,
    );
  const cases = new CaseStore(ctx.store.tableName);
  const stored = await cases.getCase(input.caseId);
  if (!stored) throw new PlaceNotFoundError(`дело ${input.caseId} не найдено`);
  const problem = assignmentProblem({
    place,
    listEnded: false, // checked above, with its own wording
    caseId: input.caseId,
    caseSentence: stored.case.sentence,
    date: input.today,
    today: input.today,
  });
  if (problem) throw new PlaceConflictError(`на место ${place.id} направлять нельзя: ${problem.message}`);
  const assigned = await ctx.store.assign(place.id, input.caseId, input.today, input.by);
  const person = await cases.getPerson(input.caseId);
  const fullName = person
    ? [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ')
    : input.caseId;
  const shortName = person
    ? `${person.lastName} ${person.firstName[0]}.${person.middleName ? ` ${person.middleName[0]}.` : ''}`
    : input.caseId;
  const table = ctx.store.tableName;
  const worksite = await getWorksite(table, place.id);
  if (worksite && !worksite.cases.some((c) => c.caseId === input.caseId)) {
    await putWorksite(table, {
      ...worksite,
      cases: [...worksite.cases, { caseId: input.caseId, name: fullName }],
    });
  }
  const job = assignmentNoticeJob({
    placeId: place.id,
    organisation: place.organisation,
    to: [place.administrator.email],
    caseId: input.caseId,
    shortName,
    hoursOrdered: stored.case.hoursOrdered,
    date: input.today,
  });
  await send(ctx, [job]);
  return { assigned, jobs: [job.id] };
}
