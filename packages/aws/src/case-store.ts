import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  paginateScan,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Case, CaseEvent, CaseProjection, Person, RecordedEvent } from '@uii/domain';
import { documentClient } from './clients';
import { batchGetAll, type Meter, queryAll } from './query';

/**
 * Cases in the `main` table (docs/architecture.md):
 *   CASE#<id> / META                  the case, its projection, version, byDue index keys
 *   CASE#<id> / EVT#<date>#<eventId>  immutable events (conditional put, never updated)
 *   PII#<id>  / PERSON                personal data, kept apart
 * META also carries the caseload index keys: gsi2pk `OFFICER#<officerId>` (index byOfficer)
 * and gsi3pk `INSPECTION#<inspectionId>` (index byInspection), sort keys `CASE#<id>`.
 */
export class CaseNotFoundError extends Error {
  override readonly name = 'CaseNotFoundError';
}
export class CaseConflictError extends Error {
  override readonly name = 'CaseConflictError';
}

export interface StoredCase {
  case: Case;
  projection?: CaseProjection;
  version: number;
}

export interface AppendResult {
  duplicate: boolean;
  /** All events of the case after the append, in date order. */
  events: RecordedEvent[];
  /** Events before this append (for diffing clocks). */
  previous: RecordedEvent[];
  stored: StoredCase;
}

/** The id that makes a redelivered event land on the same item: a hash of case and payload. */
export function eventIdOf(caseId: string, event: CaseEvent): string {
  const canonical = JSON.stringify(event, Object.keys(event).sort());
  return createHash('sha256').update(`${caseId}\n${canonical}`).digest('hex').slice(0, 32);
}

const casePk = (id: string) => `CASE#${id}`;
const dueKey = (date: string) => `DUE#${date}`;

/** Consumed capacity and request counts, so the bench can show what a scan costs. */
export type { Meter } from './query';

export class CaseStore {
  constructor(
    readonly tableName: string = requiredEnv('TABLE_NAME'),
    private readonly db = documentClient(),
  ) {}

  /** Creates or replaces the case's own fields, keeping its projection and version. */
  async putCase(c: Case, person?: Person): Promise<void> {
    const now = new Date().toISOString();
    const set = ['#case = :case', '#type = :type', '#u = :now', '#v = if_not_exists(#v, :zero)'];
    const remove: string[] = [];
    const values: Record<string, unknown> = { ':case': c, ':type': 'case', ':now': now, ':zero': 0 };
    // The caseload indexes follow the case's officer and inspection (sparse: absent, no entry).
    if (c.officerId) {
      set.push('gsi2pk = :officer', 'gsi2sk = :caseKey');
      values[':officer'] = `OFFICER#${c.officerId}`;
    } else remove.push('gsi2pk', 'gsi2sk');
    if (c.inspectionId) {
      set.push('gsi3pk = :inspection', 'gsi3sk = :caseKey');
      values[':inspection'] = `INSPECTION#${c.inspectionId}`;
    } else remove.push('gsi3pk', 'gsi3sk');
    if (c.officerId || c.inspectionId) values[':caseKey'] = casePk(c.id);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: casePk(c.id), sk: 'META' },
        UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ExpressionAttributeNames: { '#case': 'case', '#type': 'type', '#u': 'updatedAt', '#v': 'version' },
        ExpressionAttributeValues: values,
      }),
    );
    if (person) {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `PII#${c.id}`, sk: 'PERSON', type: 'person', person, updatedAt: now },
        }),
      );
    }
  }

  /** Bulk load for imports and benchmarks: 25 items per request, unprocessed items retried. */
  async putMany(items: Array<Record<string, unknown>>): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length && attempt < 8; attempt++) {
        const out = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
        if (pending.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
      if (pending.length) throw new CaseConflictError(`${pending.length} item(s) not written after retries`);
    }
  }

  async getCase(id: string): Promise<StoredCase | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: casePk(id), sk: 'META' },
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    return {
      case: out.Item.case as Case,
      projection: out.Item.projection as CaseProjection | undefined,
      version: Number(out.Item.version ?? 0),
    };
  }

  /**
   * The caseload: cases of an officer (index byOfficer), of an inspection (index
   * byInspection), or of both (the officer's, filtered by inspection). With neither, every
   * case (a paginated Scan of `type = case`: for operators' listings, never for a handler).
   * Sorted by case id; each with its projection, so callers need not read events.
   */
  async listCases(
    filter: { officerId?: string; inspectionId?: string } = {},
    meter?: Meter,
  ): Promise<StoredCase[]> {
    let items: Record<string, unknown>[];
    if (filter.officerId || filter.inspectionId) {
      const byOfficer = Boolean(filter.officerId);
      items = await queryAll(
        {
          TableName: this.tableName,
          IndexName: byOfficer ? 'byOfficer' : 'byInspection',
          KeyConditionExpression: byOfficer ? 'gsi2pk = :k' : 'gsi3pk = :k',
          ExpressionAttributeValues: {
            ':k': byOfficer ? `OFFICER#${filter.officerId}` : `INSPECTION#${filter.inspectionId}`,
          },
        },
        { client: this.db, meter },
      );
      if (byOfficer && filter.inspectionId) {
        items = items.filter((i) => (i.case as Case | undefined)?.inspectionId === filter.inspectionId);
      }
    } else {
      items = [];
      const pages = paginateScan(
        { client: this.db },
        {
          TableName: this.tableName,
          FilterExpression: '#type = :case AND sk = :meta',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':case': 'case', ':meta': 'META' },
        },
      );
      for await (const page of pages) items.push(...(page.Items ?? []));
    }
    return items
      .filter((i) => i.case)
      .map((i) => ({
        case: i.case as Case,
        projection: i.projection as CaseProjection | undefined,
        version: Number(i.version ?? 0),
      }))
      .sort((a, b) => (a.case.id < b.case.id ? -1 : a.case.id > b.case.id ? 1 : 0));
  }

  /** Personal data of several cases (BatchGet, 100 keys a request, unprocessed keys retried). */
  async getPeople(ids: readonly string[]): Promise<Map<string, Person>> {
    const people = new Map<string, Person>();
    const items = await batchGetAll(
      this.tableName,
      ids.map((id) => ({ pk: `PII#${id}`, sk: 'PERSON' })),
      { client: this.db },
    );
    for (const item of items) {
      const person = item.person as Person | undefined;
      if (person) people.set(person.caseId, person);
    }
    return people;
  }

  /** Several cases with their projections (BatchGet, consistent, unprocessed keys retried). */
  async getCases(ids: readonly string[]): Promise<Map<string, StoredCase>> {
    const out = new Map<string, StoredCase>();
    const items = await batchGetAll(
      this.tableName,
      [...new Set(ids)].map((id) => ({ pk: casePk(id), sk: 'META' })),
      { client: this.db, consistentRead: true },
    );
    for (const item of items) {
      const c = item.case as Case | undefined;
      if (!c) continue;
      out.set(c.id, {
        case: c,
        projection: item.projection as CaseProjection | undefined,
        version: Number(item.version ?? 0),
      });
    }
    return out;
  }

  async getPerson(id: string): Promise<Person | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `PII#${id}`, sk: 'PERSON' } }),
    );
    return out.Item?.person as Person | undefined;
  }

  async listEvents(id: string, meter?: Meter): Promise<RecordedEvent[]> {
    const items = await queryAll(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)',
        ExpressionAttributeValues: { ':pk': casePk(id), ':evt': 'EVT#' },
        ConsistentRead: true,
      },
      { client: this.db, meter },
    );
    // sort key EVT#<date>#… keeps date order
    return items.map((item) => ({
      eventId: item.eventId,
      event: item.event,
      source: item.source,
      recordedAt: item.recordedAt,
    })) as RecordedEvent[];
  }

  /**
   * Appends one event and, in the same transaction, replaces the case projection (with an
   * optimistic version check). The event put is conditional on its key not existing, so a
   * redelivered event is recorded once. On a version race the projection is recomputed.
   */
  async appendEvent(
    caseId: string,
    recorded: RecordedEvent,
    projectionOf: (c: Case, events: RecordedEvent[]) => CaseProjection,
  ): Promise<AppendResult> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.getCase(caseId);
      if (!stored) throw new CaseNotFoundError(`case ${caseId} not found`);
      const previous = await this.listEvents(caseId);
      if (previous.some((e) => e.eventId === recorded.eventId)) {
        return { duplicate: true, events: previous, previous, stored };
      }
      const events = [...previous, recorded].sort((a, b) =>
        a.event.date < b.event.date ? -1 : a.event.date > b.event.date ? 1 : 0,
      );
      const projection = projectionOf(stored.case, events);
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: {
                    pk: casePk(caseId),
                    sk: `EVT#${recorded.event.date}#${recorded.eventId}`,
                    type: 'event',
                    eventId: recorded.eventId,
                    event: recorded.event,
                    source: recorded.source,
                    recordedAt: recorded.recordedAt ?? new Date().toISOString(),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              { Update: this.projectionUpdate(caseId, projection, stored.version) },
            ],
          }),
        );
        return {
          duplicate: false,
          events,
          previous,
          stored: { ...stored, projection, version: stored.version + 1 },
        };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const [eventReason, metaReason] = error.CancellationReasons ?? [];
        if (eventReason?.Code === 'ConditionalCheckFailed') {
          return { duplicate: true, events: previous, previous, stored };
        }
        if (metaReason?.Code !== 'ConditionalCheckFailed') throw error;
        // Another writer moved the version: read again and recompute.
      }
    }
    throw new CaseConflictError(`case ${caseId}: projection kept changing; giving up after 5 attempts`);
  }

  /** Saves a recomputed projection (the daily scan moves nextActionDate forward). */
  async saveProjection(
    caseId: string,
    projection: CaseProjection,
    expectedVersion: number,
  ): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand(this.projectionUpdate(caseId, projection, expectedVersion)));
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  private projectionUpdate(caseId: string, projection: CaseProjection, expectedVersion: number) {
    const due = projection.nextActionDate;
    // Attribute names go through placeholders: PROJECTION and others are reserved words.
    return {
      TableName: this.tableName,
      Key: { pk: casePk(caseId), sk: 'META' },
      UpdateExpression: due
        ? 'SET #p = :p, #v = :next, #u = :now, gsi1pk = :due, gsi1sk = :case'
        : 'SET #p = :p, #v = :next, #u = :now REMOVE gsi1pk, gsi1sk',
      ConditionExpression: 'attribute_exists(pk) AND #v = :v',
      ExpressionAttributeNames: { '#p': 'projection', '#v': 'version', '#u': 'updatedAt' },
      ExpressionAttributeValues: {
        ':p': projection,
        ':v': expectedVersion,
        ':next': expectedVersion + 1,
        ':now': new Date().toISOString(),
        ...(due ? { ':due': dueKey(due), ':case': casePk(caseId) } : {}),
      },
    };
  }

  /** Case ids whose next alert action falls on `date`: one byDue partition, never a table scan. */
  async dueOn(date: string, meter?: Meter): Promise<string[]> {
    const items = await queryAll(
      {
        TableName: this.tableName,
        IndexName: 'byDue',
        KeyConditionExpression: 'gsi1pk = :due',
        ExpressionAttributeValues: { ':due': dueKey(date) },
        ProjectionExpression: 'gsi1sk',
      },
      { client: this.db, meter },
    );
    return items.map((item) => String(item.gsi1sk).slice('CASE#'.length));
  }

  /** The last day the daily scan completed (kept in `SCAN#deadline` / `STATE`). */
  async lastScanDate(): Promise<string | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: 'SCAN#deadline', sk: 'STATE' },
        ConsistentRead: true,
      }),
    );
    return out.Item?.lastDate as string | undefined;
  }

  async setLastScanDate(date: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: 'SCAN#deadline', sk: 'STATE', lastDate: date, updatedAt: new Date().toISOString() },
      }),
    );
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
