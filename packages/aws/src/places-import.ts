import { createHash } from 'node:crypto';
import {
  type AlertJob,
  checkProposalRows,
  today as dayIn,
  eventInstantAfter,
  groupPlaceAlerts,
  missingPlaceColumns,
  nextStageAfter,
  type PlaceEvent,
  type ProposedPlace,
  placeAlertJob,
  placeRecordOfObject,
  placeRowMapper,
  placeState,
  proposalReceiptJob,
  proposalRefusedJob,
  type RowError,
  stagesToSend,
} from '@uii/domain';
import { type ByteSource, FeedUnreadableError, readTable } from '@uii/feeds';
import { lineOf, type PlacesContext, recipientsOf, send, UnknownPartnerError } from './places-service';
import type { StoredPlace } from './places-store';

/**
 * A municipality's proposal file into places (apart from places-service so that functions
 * which never read files do not bundle the feed readers).
 */
/** The data of a place that makes "the same proposal again" (not the row it sat in). */
const dataHashOf = (p: ProposedPlace) => {
  const { row: _row, ...data } = p;
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 24);
};

export interface ImportOutcome {
  proposalId: string;
  municipalityId: string;
  format?: string;
  total: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  errors: RowError[];
  places: string[];
  due?: string;
  /** The file as a whole was refused (the sender is told why). */
  refused?: string;
  jobs: string[];
  /** This very file was received before (that day): its receipt is not sent again. */
  firstReceivedOn?: string;
}

/**
 * One proposal file from a municipality. Bad rows are reported by row and column to the sender
 * and never stop the good ones; a place sent again unchanged is not a new proposal; a place
 * under remarks sent again restarts PLACE-DECIDE. Safe to run twice: ids are content-based.
 */
export async function importProposal(
  ctx: PlacesContext,
  input: {
    municipalityId: string;
    fileName: string;
    body: ByteSource;
    channel: 'upload' | 'mail' | 'cli';
    /** The inspection's today; the receipt day is the municipality's own when `at` is an instant. */
    today: string;
    /** When the file was received (ISO instant). */
    at: string;
    /** Where the receipt goes (default: the municipality's contacts). */
    replyTo?: string[];
    inReplyTo?: string;
  },
): Promise<ImportOutcome> {
  const partner = await ctx.store.getPartner(input.municipalityId);
  if (!partner)
    throw new UnknownPartnerError(
      `орган местного самоуправления «${input.municipalityId}» не зарегистрирован`,
    );
  const to = input.replyTo?.length ? input.replyTo : partner.contacts;
  // PLACE-DECIDE starts on the day of receipt where the municipality is (its time zone):
  // a file sent at 01:30 in Petropavlovsk-Kamchatsky is received on that day there.
  const instant = Date.parse(input.at);
  const receivedOn = Number.isNaN(instant) ? input.today : dayIn(new Date(instant), partner.timeZone);
  let read: Awaited<ReturnType<typeof readTable>>;
  try {
    read = await readTable(input.body, {
      mapper: placeRowMapper,
      refuse: (known) => {
        const missing = missingPlaceColumns(known);
        return missing.length
          ? `нет обязательных столбцов: ${missing.map((m) => `«${m}»`).join(', ')} (см. docs/places.md)`
          : undefined;
      },
      fromObject: placeRecordOfObject,
      maxRows: 5000,
    });
  } catch (error) {
    if (!(error instanceof FeedUnreadableError)) throw error;
    const uploadId = createHash('sha256')
      .update(`${input.fileName}\n${error.message}\n${input.at}`)
      .digest('hex')
      .slice(0, 16);
    const job = proposalRefusedJob({
      municipality: partner,
      uploadId,
      fileName: input.fileName,
      reason: error.message,
      to,
    });
    await send(ctx, [job]);
    return {
      proposalId: uploadId,
      municipalityId: partner.id,
      total: 0,
      accepted: 0,
      unchanged: 0,
      rejected: 0,
      errors: [{ row: 0, field: '(файл)', message: error.message }],
      places: [],
      refused: error.message,
      jobs: [job.id],
    };
  }
  const proposalId = `PR-${createHash('sha256').update(`${partner.id}\n${read.hash}`).digest('hex').slice(0, 12)}`;
  const checked = checkProposalRows(read.rows, { municipalityId: partner.id, receivedOn: receivedOn });
  const errors = [...checked.errors];
  if (read.truncated)
    errors.push({ row: read.truncated.row, field: '(файл)', message: read.truncated.message });
  if (read.headerOnly)
    errors.push({ row: 1, field: '(файл)', message: 'в файле только строка заголовка — мест нет' });

  const fresh: StoredPlace[] = [];
  let unchanged = 0;
  for (const p of checked.places) {
    const dataHash = dataHashOf(p);
    const existing = await ctx.store.getPlace(p.id);
    if (existing && existing.dataHash === dataHash && existing.status !== 'remarks') {
      unchanged++;
      continue;
    }
    const history = existing ? await ctx.store.listEvents(p.id) : [];
    const event: PlaceEvent = {
      type: 'proposed',
      date: receivedOn,
      at: eventInstantAfter(input.at, history),
      by: `${input.channel}:${partner.id}`,
      proposalId,
      channel: input.channel,
      dataHash,
    };
    const state = placeState([...history, event], ctx.settings, undefined, partner.region);
    const stored: StoredPlace = {
      ...p,
      status: state.status,
      proposalId,
      receivedOn: receivedOn,
      dataHash,
      clock: state.clock,
      nextAlertOn: state.clock
        ? nextStageAfter(state.clock, receivedOn, { settings: ctx.settings })
        : undefined,
      assigned: existing?.assigned ?? 0,
      version: existing?.version ?? 0,
    };
    if (await ctx.store.saveWithEvent(stored, existing?.version, event)) fresh.push(stored);
    else unchanged++;
  }
  const rejected = new Set(checked.errors.map((e) => e.row)).size;
  // The same file again: its receipt (keyed by the proposal) went out the first time only.
  const earlier = await ctx.store.getProposal(proposalId);
  await ctx.store.putProposal({
    id: proposalId,
    municipalityId: partner.id,
    fileName: input.fileName,
    receivedOn: receivedOn,
    receivedAt: input.at,
    channel: input.channel,
    sender: input.replyTo?.[0],
    total: checked.total,
    accepted: checked.places.length,
    unchanged,
    rejected,
    format: read.format,
  });

  const due = fresh[0]?.clock?.due;
  const jobs: AlertJob[] = [
    proposalReceiptJob({
      municipality: partner,
      proposalId,
      fileName: input.fileName,
      receivedOn: receivedOn,
      due: due ?? receivedOn,
      accepted: checked.places.length,
      unchanged,
      errors,
      ignoredColumns: read.ignoredColumns,
      to,
      inReplyTo: input.inReplyTo,
    }),
  ];
  if (fresh.length) {
    const recipients = await recipientsOf(ctx, partner);
    const groups = groupPlaceAlerts(
      fresh.flatMap((p) =>
        stagesToSend(p.clock!, receivedOn, receivedOn, { settings: ctx.settings }).map((stage) => ({
          municipality: partner,
          clock: p.clock!,
          stage,
          place: lineOf(p),
        })),
      ),
    );
    for (const g of groups) {
      const job = placeAlertJob(g, recipients, ctx.settings);
      if (job) jobs.push(job);
    }
  }
  await send(ctx, jobs);
  return {
    proposalId,
    municipalityId: partner.id,
    format: read.format,
    total: checked.total,
    accepted: checked.places.length,
    unchanged,
    rejected,
    errors,
    places: checked.places.map((p) => p.id),
    due,
    jobs: jobs.map((j) => j.id),
    ...(earlier ? { firstReceivedOn: earlier.receivedOn } : {}),
  };
}
