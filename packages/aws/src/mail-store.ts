import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type NoticeItem, normaliseAddress, Worksite } from '@uii/domain';
import { documentClient } from './clients';
import { queryAll } from './query';

/**
 * Worksite mail in the `main` table (docs/architecture.md):
 *   WORKSITE#<id> / META              the worksite (name, inspection, administrators, cases)
 *   ADMIN#<address> / WORKSITE#<id>   who may report for it (lookup by sender)
 *   MAIL#<sesMessageId> / META        one received message: status, counts, where the raw mail is
 *   MAILID#<hash of Message-ID> / CLAIM   first delivery of a Message-ID wins (redelivery records nothing twice)
 *   QUARANTINE / <receivedAt>#<sesMessageId>   mail never applied, for `uii mail quarantine`
 *   TRIAGE / <itemId>                 passages for an officer, for `uii mail triage`
 */
export class MailStoreError extends Error {
  override readonly name = 'MailStoreError';
}

const isConditionFailed = (e: unknown) =>
  (e as { name?: string })?.name === 'ConditionalCheckFailedException';

/*
 * Registering worksites (used by the demo seed, and by whoever registers consented places):
 *   putWorksite(table, worksite)             create or replace; the administrators listed are the
 *                                            only addresses whose (authenticated) mail is applied
 *   addAdministrator / removeAdministrator   change one address
 *   getWorksite, worksitesOfAdmin            read back
 * Addresses are stored lower-cased and compared exactly (ADR 0015: no look-alike matching).
 * An address may administer several worksites; the mail of one is matched against the
 * worksite whose administrators list it.
 */

/** The table items of one worksite: the record and one lookup item per administrator. */
export function worksiteItems(worksite: Worksite): Record<string, unknown>[] {
  const administrators = [...new Set(worksite.administrators.map(normaliseAddress))];
  return [
    {
      pk: `WORKSITE#${worksite.id}`,
      sk: 'META',
      type: 'worksite',
      // Listed through one small byDue partition, as employment services are (SERVICES).
      gsi1pk: 'WORKSITES',
      gsi1sk: worksite.id,
      ...worksite,
      administrators,
    },
    ...administrators.map((address) => ({
      pk: `ADMIN#${address}`,
      sk: `WORKSITE#${worksite.id}`,
      type: 'worksite_admin',
      worksiteId: worksite.id,
    })),
  ];
}

/**
 * Creates or replaces a worksite (validated; a bad record is refused with the field that is
 * wrong). Lookup items of administrators no longer listed are removed. Safe to repeat.
 */
export async function putWorksite(table: string, input: Worksite): Promise<void> {
  const parsed = Worksite.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MailStoreError(
      `worksite ${input?.id ?? '?'}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  const worksite = parsed.data;
  const db = documentClient();
  const before = await getWorksite(table, worksite.id);
  for (const Item of worksiteItems(worksite)) await db.send(new PutCommand({ TableName: table, Item }));
  const now = new Set(worksite.administrators.map(normaliseAddress));
  for (const old of before?.administrators ?? []) {
    if (now.has(normaliseAddress(old))) continue;
    await db.send(
      new DeleteCommand({
        TableName: table,
        Key: { pk: `ADMIN#${normaliseAddress(old)}`, sk: `WORKSITE#${worksite.id}` },
      }),
    );
  }
}

/** Every registered worksite (one index partition; the list is small: the inspection's partners). */
export async function listWorksites(table: string): Promise<Worksite[]> {
  const items = await queryAll({
    TableName: table,
    IndexName: 'byDue',
    KeyConditionExpression: 'gsi1pk = :k',
    ExpressionAttributeValues: { ':k': 'WORKSITES' },
  });
  return items.map(({ pk: _p, sk: _s, type: _t, gsi1pk: _g, gsi1sk: _k, ...w }) => w as Worksite);
}

/** Adds one administrator address to a registered worksite; false when there is no such worksite. */
export async function addAdministrator(table: string, worksiteId: string, address: string): Promise<boolean> {
  const w = await getWorksite(table, worksiteId);
  if (!w) return false;
  await putWorksite(table, { ...w, administrators: [...w.administrators, address] });
  return true;
}

/** Removes one administrator address; refused when it is the last one (a worksite needs one). */
export async function removeAdministrator(
  table: string,
  worksiteId: string,
  address: string,
): Promise<boolean> {
  const w = await getWorksite(table, worksiteId);
  if (!w) return false;
  const rest = w.administrators.filter((a) => normaliseAddress(a) !== normaliseAddress(address));
  if (rest.length === 0)
    throw new MailStoreError(`worksite ${worksiteId}: the last administrator cannot be removed`);
  await putWorksite(table, { ...w, administrators: rest });
  return true;
}

export async function getWorksite(table: string, id: string): Promise<Worksite | undefined> {
  const out = await documentClient().send(
    new GetCommand({ TableName: table, Key: { pk: `WORKSITE#${id}`, sk: 'META' } }),
  );
  if (!out.Item) return undefined;
  const { pk: _pk, sk: _sk, type: _type, ...worksite } = out.Item;
  return worksite as Worksite;
}

/** The worksites this address administers (normally one). */
export async function worksitesOfAdmin(table: string, address: string): Promise<Worksite[]> {
  const out = await documentClient().send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `ADMIN#${normaliseAddress(address)}` },
    }),
  );
  const ids = (out.Items ?? []).map((i) => String(i.worksiteId));
  const found = await Promise.all(ids.map((id) => getWorksite(table, id)));
  return found.filter((w): w is Worksite => w !== undefined);
}

/** A stable key for "the same message": its Message-ID header when it has one, else SES's id. */
export function mailKeyOf(messageId: string | null | undefined, sesMessageId: string): string {
  const mid = messageId?.trim().replace(/^<|>$/g, '').toLowerCase();
  return mid ? `m${createHash('sha256').update(mid).digest('hex').slice(0, 24)}` : `s${sesMessageId}`;
}

export type MailStatus = 'processing' | 'accepted' | 'quarantined';

export interface MailRecord {
  sesMessageId: string;
  mailKey: string;
  receivedAt: string;
  status: MailStatus;
  worksiteId?: string;
  bucket: string;
  objectKey: string;
  itemsRecorded?: number;
  triageCount?: number;
}

/**
 * Claims a message for processing. Returns 'done' when an earlier delivery (same Message-ID or
 * same SES id) already finished, so nothing is recorded twice; 'claimed' otherwise (including a
 * retry of a delivery that failed half-way: its writes are idempotent by id).
 */
export async function claimMail(table: string, record: MailRecord): Promise<'claimed' | 'done'> {
  const db = documentClient();
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: `MAILID#${record.mailKey}`,
          sk: 'CLAIM',
          sesMessageId: record.sesMessageId,
          status: 'processing',
        },
        ConditionExpression: 'attribute_not_exists(pk) OR #s = :processing',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':processing': 'processing' },
      }),
    );
  } catch (error) {
    if (isConditionFailed(error)) return 'done';
    throw new MailStoreError('claim failed', { cause: error });
  }
  await db.send(
    new PutCommand({ TableName: table, Item: { pk: `MAIL#${record.sesMessageId}`, sk: 'META', ...record } }),
  );
  return 'claimed';
}

export async function finishMail(
  table: string,
  record: MailRecord & { status: Exclude<MailStatus, 'processing'> },
): Promise<void> {
  const db = documentClient();
  await db.send(
    new PutCommand({ TableName: table, Item: { pk: `MAIL#${record.sesMessageId}`, sk: 'META', ...record } }),
  );
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: `MAILID#${record.mailKey}`, sk: 'CLAIM' },
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': record.status },
    }),
  );
}

export interface QuarantineRecord {
  sesMessageId: string;
  receivedAt: string;
  from: string | null;
  subject: string | null;
  reason: 'unregistered_sender' | 'not_authenticated' | 'list_expired';
  why: string;
  worksiteId?: string;
  /**
   * The inspections whose digest counts it (the worksite's, else those whose inbox received
   * it); absent or empty: every inspection's (ADR 0034). Older records: from the worksite.
   */
  inspectionIds?: string[];
  bucket: string;
  objectKey: string;
  /** How many items the mail would have produced (never applied). */
  itemsParsed: number;
  senderNotified: boolean;
}

export async function putQuarantine(table: string, q: QuarantineRecord): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: table,
      Item: { pk: 'QUARANTINE', sk: `${q.receivedAt}#${q.sesMessageId}`, ...q },
    }),
  );
}

function queryPartition(table: string, pk: string): Promise<Record<string, unknown>[]> {
  return queryAll({
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': pk },
  });
}

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
};

export async function listQuarantine(table: string): Promise<QuarantineRecord[]> {
  return (await queryPartition(table, 'QUARANTINE')).map((i) => strip<QuarantineRecord>(i));
}

export interface TriageRecord {
  itemId: string;
  sesMessageId: string;
  worksiteId?: string;
  /** The worksite's inspection: only its digest counts the item (ADR 0034). */
  inspectionId?: string;
  receivedAt: string;
  text: string;
  why: string;
  guess?: NoticeItem;
  /** An attachment kept as evidence: it is in the stored raw mail at bucket/objectKey. */
  attachment?: { filename: string; contentType: string; size: number };
  bucket?: string;
  objectKey?: string;
  status: 'open' | 'resolved';
  resolvedCaseId?: string;
  resolvedAt?: string;
}

export function triageItemId(mailKey: string, index: number): string {
  return `${mailKey.slice(0, 13)}-${index + 1}`;
}

export async function putTriage(table: string, t: TriageRecord): Promise<void> {
  // Written once: a redelivery must not reopen an item an officer already resolved.
  try {
    await documentClient().send(
      new PutCommand({
        TableName: table,
        Item: { pk: 'TRIAGE', sk: t.itemId, ...t },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}

export async function listTriage(table: string, filter: { open?: boolean } = {}): Promise<TriageRecord[]> {
  const all = (await queryPartition(table, 'TRIAGE')).map((i) => strip<TriageRecord>(i));
  return filter.open ? all.filter((t) => t.status === 'open') : all;
}

export async function getTriage(table: string, itemId: string): Promise<TriageRecord | undefined> {
  const out = await documentClient().send(
    new GetCommand({ TableName: table, Key: { pk: 'TRIAGE', sk: itemId } }),
  );
  return out.Item ? strip<TriageRecord>(out.Item) : undefined;
}

/** Marks an open item resolved; false when it was already resolved (or never existed). */
export async function resolveTriageItem(
  table: string,
  itemId: string,
  caseId: string,
  at: string,
): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: 'TRIAGE', sk: itemId },
        UpdateExpression: 'SET #s = :resolved, resolvedCaseId = :c, resolvedAt = :at',
        ConditionExpression: '#s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':resolved': 'resolved', ':open': 'open', ':c': caseId, ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
