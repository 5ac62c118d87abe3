import { createHash } from 'node:crypto';
import {
  type AlertJob,
  checkProposalRows,
  today as dayIn,
  eventInstantAfter,
  groupPlaceAlerts,
  missingColumnsMessage,
  missingPlaceFields,
  nextStageAfter,
  type PlaceEvent,
  type PlacesFileProblem,
  type ProposalChannel,
  type ProposedPlace,
  placeAlertJob,
  placeRecordOfObject,
  placeRowMapper,
  placeState,
  placesBinaryProblem,
  placesContentMismatch,
  placesFileNameProblem,
  placesFileRefusal,
  proposalReceiptJob,
  proposalRefusedJob,
  type RowError,
  stagesToSend,
} from '@uii/domain';
import {
  type ByteSource,
  detectFeed,
  EmptyFeedError,
  FeedUnreadableError,
  MeteredSource,
  readTable,
  UnreadableWorkbookError,
} from '@uii/feeds';
import { lineOf, type PlacesContext, recipientsOf, send, UnknownPartnerError } from './places-service';
import type { ProposalRecord, StoredPlace } from './places-store';

/**
 * A municipality's proposal file into places (apart from places-service so that functions
 * which never read files do not bundle the feed readers).
 */
/** The data of a place that makes "the same proposal again" (not the row it sat in). */
const dataHashOf = (p: ProposedPlace) => {
  const { row: _row, ...data } = p;
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 24);
};

/** Who a receipt goes to, as a short key: each recipient gets a file's receipt once. */
export const recipientKeyOf = (to: readonly string[]) =>
  createHash('sha256')
    .update([...new Set(to.map((a) => a.trim().toLowerCase()))].sort().join('\n'))
    .digest('hex')
    .slice(0, 12);

export interface ImportOutcome {
  proposalId: string;
  municipalityId: string;
  format?: string;
  total: number;
  /** Valid rows: places new in this file plus places unchanged (`new + unchanged`). */
  accepted: number;
  /** Places this file put under consideration (PLACE-DECIDE started or restarted). */
  new: number;
  /** Valid places sent before with the same data: nothing starts again for them. */
  unchanged: number;
  rejected: number;
  errors: RowError[];
  places: string[];
  due?: string;
  /** The file as a whole was refused (the sender is told why). */
  refused?: string;
  jobs: string[];
  /** This very file was received before (that day). */
  firstReceivedOn?: string;
  /**
   * Whether a receipt went to this sender now: false when the same file came from the same
   * sender before (its receipt went then); a file received before from someone else gets a
   * receipt saying so. Absent for a refused file (its refusal goes to a sender once a day).
   */
  receiptSent?: boolean;
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
    channel: ProposalChannel;
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
  const recipientKey = recipientKeyOf(to);
  const refuse = async (reason: string, source?: MeteredSource): Promise<ImportOutcome> => {
    // The same refused file from the same sender on the same day is refused once (a retried
    // delivery mails nothing twice); the content hash needs the whole file read.
    try {
      if (source) for await (const _ of source.chunks());
    } catch (error) {
      if (!(error instanceof FeedUnreadableError)) throw error; // too large: refused all the same
    }
    const uploadId = createHash('sha256')
      .update(`${input.fileName}\n${reason}\n${source?.digest() ?? ''}\n${recipientKey}\n${receivedOn}`)
      .digest('hex')
      .slice(0, 16);
    const job = proposalRefusedJob({
      municipality: partner,
      uploadId,
      fileName: input.fileName,
      reason,
      to,
      channel: input.channel,
    });
    await send(ctx, [job]);
    return {
      proposalId: uploadId,
      municipalityId: partner.id,
      total: 0,
      accepted: 0,
      new: 0,
      unchanged: 0,
      rejected: 0,
      errors: [{ row: 0, field: '(файл)', message: reason }],
      places: [],
      refused: reason,
      jobs: [job.id],
    };
  };
  const source = new MeteredSource(input.body, 20 * 1024 ** 2, true);
  const nameProblem = placesFileNameProblem(input.fileName);
  if (nameProblem) return refuse(nameProblem, source);
  // The content must be what the name says: a text file named .xlsx is no workbook.
  let problem: PlacesFileProblem | undefined;
  const head = await source.peek(64 * 1024);
  try {
    const { format, encoding } = detectFeed(head);
    problem =
      (format === 'xlsx' ? undefined : placesBinaryProblem(head, encoding)) ??
      placesContentMismatch(input.fileName, format);
  } catch (error) {
    if (!(error instanceof FeedUnreadableError)) throw error;
    problem =
      error instanceof EmptyFeedError ? { kind: 'empty' } : (placesBinaryProblem(head) ?? { kind: 'binary' });
  }
  if (problem) return refuse(placesFileRefusal(input.fileName, problem), source);
  let read: Awaited<ReturnType<typeof readTable>>;
  try {
    read = await readTable(source.chunks(), {
      mapper: placeRowMapper,
      refuse: (known, headers) => {
        const missing = missingPlaceFields(known);
        if (!missing.length) return undefined;
        const unrecognised = placeRowMapper(headers).ignored;
        return missingColumnsMessage(missing, unrecognised);
      },
      fromObject: placeRecordOfObject,
      maxRows: 5000,
    });
  } catch (error) {
    if (!(error instanceof FeedUnreadableError)) throw error;
    return refuse(
      error instanceof UnreadableWorkbookError
        ? placesFileRefusal(input.fileName, {
            kind: error.problem === 'corrupt' ? 'corrupt' : 'not-workbook',
          })
        : error.message,
      source,
    );
  }
  const proposalId = `PR-${createHash('sha256').update(`${partner.id}\n${read.hash}`).digest('hex').slice(0, 12)}`;
  const checked = checkProposalRows(read.rows, { municipalityId: partner.id, receivedOn: receivedOn });
  const errors = [...checked.errors];
  if (read.truncated)
    errors.push({ row: read.truncated.row, field: '(файл)', message: read.truncated.message });
  if (read.headerOnly)
    errors.push({ row: 1, field: '(файл)', message: 'в файле только строка заголовка — мест нет' });

  // The same file before: its first receipt day stays, and each recipient gets one receipt of
  // it. Read before the places are saved, so a retried delivery sees what the first one left.
  const earlier = await ctx.store.getProposal(proposalId);
  const legacyKey = (r: ProposalRecord) => recipientKeyOf(r.sender ? [r.sender] : partner.contacts);
  const firstKey = earlier ? (earlier.firstRecipientKey ?? legacyKey(earlier)) : recipientKey;
  const receipts = earlier ? (earlier.receipts ?? [legacyKey(earlier)]) : [];
  // The first sender again before its receipt was recorded: an earlier attempt of this very
  // delivery stopped half-way, and the places it saved are this file's new places.
  const retrying = firstKey === recipientKey && !receipts.includes(recipientKey);

  const fresh: StoredPlace[] = [];
  let unchanged = 0;
  for (const p of checked.places) {
    const dataHash = dataHashOf(p);
    const existing = await ctx.store.getPlace(p.id);
    if (existing && existing.dataHash === dataHash && existing.status !== 'remarks') {
      if (retrying && existing.proposalId === proposalId && existing.status === 'pending')
        fresh.push(existing);
      else unchanged++;
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
  const record: ProposalRecord = earlier
    ? { ...earlier, firstRecipientKey: firstKey, receipts }
    : {
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
        firstRecipientKey: recipientKey,
        receipts: [],
      };
  await ctx.store.putProposal(record);

  const sendReceipt = !receipts.includes(recipientKey);
  const due = fresh[0]?.clock?.due;
  const jobs: AlertJob[] = sendReceipt
    ? [
        proposalReceiptJob({
          municipality: partner,
          channel: input.channel,
          recipientKey,
          ...(earlier && firstKey !== recipientKey ? { alreadyReceivedOn: earlier.receivedOn } : {}),
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
      ]
    : [];
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
  // Recorded once queued: a retry after this point sends this sender nothing again.
  if (sendReceipt) await ctx.store.putProposal({ ...record, receipts: [...receipts, recipientKey] });
  return {
    proposalId,
    municipalityId: partner.id,
    format: read.format,
    total: checked.total,
    accepted: checked.places.length,
    new: fresh.length,
    unchanged,
    rejected,
    errors,
    places: checked.places.map((p) => p.id),
    due,
    jobs: jobs.map((j) => j.id),
    ...(earlier ? { firstReceivedOn: earlier.receivedOn } : {}),
    receiptSent: sendReceipt,
  };
}
