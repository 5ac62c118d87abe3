import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ClaimDecision,
  type DeliveryStatus,
  decideClaim,
  type SesEventType,
  statusAfterEvent,
} from '@uii/domain';
import { documentClient } from './clients';
import { queryAll } from './query';

/**
 * "Who was told what, when, why, and did it arrive": one delivery record per alert in `main`,
 *   ALERT#<alertKey> / DELIVERY   (gsi1pk AUDIT#<yyyy-mm>, gsi1sk <firstClaimedAt>#<jobId>)
 * written before SES is called (the claim), marked sent with the SES message id, then
 * delivered / bounced / complained by the SES events (functions/ses-events). See
 * docs/adr/0019-alert-delivery-exactly-once.md.
 * Never the mail body or subject (they hold personal data): kind, audience, rule, case id,
 * why, and the recipients as domains plus a hash of the full addresses.
 *   BOUNCED#<hash of one address> / ADDRESS   an address that bounced permanently.
 *   ICS#<uid> / STATE                          the due day and SEQUENCE last sent for one clock.
 *   URGENT#<case>#<rule> / <day>               the one immediate mail of that day (TTL).
 *   EXPORT#<caseId> / <isoTime>                a subject-access export was made, and by whom.
 */
export interface AuditEntry {
  jobId: string;
  kind: string;
  audience: string;
  recipients: string[];
  caseId?: string;
  rule?: string;
  /** Why it was sent, without personal data (e.g. «напоминание: 2 дня до 12.03.2026»). */
  reason?: string;
  inspectionId?: string;
  /** The deadline's last day (YYYY-MM-DD) when the alert was about a term: a bounce notice names it. */
  due?: string;
  /** The officer the alert was for (an internal id): a bounce notice names whose mail it was. */
  officerId?: string;
}

export interface AuditItem {
  pk: string;
  sk: 'DELIVERY';
  gsi1pk: string;
  gsi1sk: string;
  type: 'alert-delivery';
  jobId: string;
  alertKey: string;
  kind: string;
  audience: string;
  recipientDomains: string[];
  recipientsHash: string;
  recipientCount: number;
  caseId?: string;
  rule?: string;
  reason?: string;
  inspectionId?: string;
  due?: string;
  officerId?: string;
  status: DeliveryStatus;
  attempts: number;
  firstClaimedAt: string;
  claimedAt: string;
  sesMessageId?: string;
  sentAt?: string;
  deliveredAt?: string;
  bouncedAt?: string;
  bounceType?: string;
  complainedAt?: string;
  statusAt: string;
  lastError?: string;
}

/** A stable hash of a set of addresses (order and case do not matter). */
export function recipientsHash(addresses: string[]): string {
  const normalised = [...new Set(addresses.map((a) => a.trim().toLowerCase()))].sort();
  return createHash('sha256').update(normalised.join('\n')).digest('hex');
}

/**
 * The alert's key: the SES tag value (`uii-alert`) and the record's partition. SES tag values
 * allow only letters, digits, `_` and `-`, so a hash of the alert id, not the id itself.
 */
export function alertKey(jobId: string): string {
  return createHash('sha256').update(jobId).digest('hex').slice(0, 40);
}

export const ALERT_TAG = 'uii-alert';

export function auditItem(entry: AuditEntry, claimedAt: Date): AuditItem {
  const at = claimedAt.toISOString();
  const domains = [
    ...new Set(entry.recipients.map((a) => a.slice(a.lastIndexOf('@') + 1).toLowerCase())),
  ].sort();
  const key = alertKey(entry.jobId);
  return {
    pk: `ALERT#${key}`,
    sk: 'DELIVERY',
    gsi1pk: `AUDIT#${at.slice(0, 7)}`,
    gsi1sk: `${at}#${entry.jobId}`,
    type: 'alert-delivery',
    jobId: entry.jobId,
    alertKey: key,
    kind: entry.kind,
    audience: entry.audience,
    recipientDomains: domains,
    recipientsHash: recipientsHash(entry.recipients),
    recipientCount: new Set(entry.recipients.map((a) => a.toLowerCase())).size,
    caseId: entry.caseId,
    rule: entry.rule,
    reason: entry.reason,
    inspectionId: entry.inspectionId,
    ...(entry.due ? { due: entry.due } : {}),
    ...(entry.officerId ? { officerId: entry.officerId } : {}),
    status: 'claimed',
    attempts: 1,
    firstClaimedAt: at,
    claimedAt: at,
    statusAt: at,
  };
}

const isConditionFailure = (error: unknown) =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** The moment no claim is fresh: a released claim is stale at once. */
const RELEASED = '1970-01-01T00:00:00.000Z';

export interface BouncedAddress {
  addressHash: string;
  domain: string;
  bouncedAt: string;
  alertKey: string;
  bounceSubType?: string;
}

export class AuditStore {
  constructor(
    readonly tableName: string = process.env.TABLE_NAME ?? '',
    private readonly db = documentClient(),
  ) {
    if (!tableName) throw new Error('TABLE_NAME is not set');
  }

  async get(key: string): Promise<AuditItem | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `ALERT#${key}`, sk: 'DELIVERY' },
        ConsistentRead: true,
      }),
    );
    return out.Item as AuditItem | undefined;
  }

  /**
   * Claims the alert before SES is called. Returns the decision (domain `decideClaim`) and the
   * record as it now stands; only `send` and `resend-stale` mean "this attempt sends".
   */
  async claim(
    entry: AuditEntry,
    at: Date,
    staleAfterMs: number,
  ): Promise<{ decision: ClaimDecision; item: AuditItem }> {
    const key = alertKey(entry.jobId);
    for (let round = 0; round < 3; round++) {
      const existing = await this.get(key);
      const decision = decideClaim(existing, at.getTime(), staleAfterMs);
      try {
        if (decision.action === 'send') {
          const item = auditItem(entry, at);
          await this.db.send(
            new PutCommand({
              TableName: this.tableName,
              Item: item,
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          return { decision, item };
        }
        if (decision.action === 'resend-stale' && existing) {
          const claimedAt = at.toISOString();
          await this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { pk: existing.pk, sk: existing.sk },
              UpdateExpression: 'SET claimedAt = :now, attempts = attempts + :one',
              ConditionExpression: '#s = :claimed AND claimedAt = :old',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: {
                ':now': claimedAt,
                ':one': 1,
                ':claimed': 'claimed',
                ':old': existing.claimedAt,
              },
            }),
          );
          return { decision, item: { ...existing, claimedAt, attempts: existing.attempts + 1 } };
        }
        return { decision, item: existing! };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Another attempt claimed (or SES marked it) between our read and write: decide again.
      }
    }
    throw new Error(`alert ${key}: the claim kept changing under us`);
  }

  /** SES refused the send (it never took the mail): let the next attempt send at once. */
  async release(key: string, claimedAt: string, errorName: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `ALERT#${key}`, sk: 'DELIVERY' },
          UpdateExpression: 'SET claimedAt = :released, lastError = :e',
          ConditionExpression: '#s = :claimed AND claimedAt = :mine',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':released': RELEASED,
            ':e': errorName,
            ':claimed': 'claimed',
            ':mine': claimedAt,
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** SES accepted the mail: record its id; the status moves to `sent` unless an event moved it further. */
  async markSent(key: string, sesMessageId: string | undefined, at: Date): Promise<void> {
    const sentAt = at.toISOString();
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `ALERT#${key}`, sk: 'DELIVERY' },
          UpdateExpression:
            'SET #s = :sent, sesMessageId = :id, sentAt = :at, statusAt = :at REMOVE lastError',
          ConditionExpression: '#s = :claimed',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':claimed': 'claimed',
            ':id': sesMessageId ?? '',
            ':at': sentAt,
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `ALERT#${key}`, sk: 'DELIVERY' },
          UpdateExpression:
            'SET sesMessageId = if_not_exists(sesMessageId, :id), sentAt = if_not_exists(sentAt, :at)',
          ExpressionAttributeValues: { ':id': sesMessageId ?? '', ':at': sentAt },
        }),
      );
    }
  }

  /** A final state decided without SES accepting anything (permanent refusal, every address bounced). */
  async markUnsent(
    key: string,
    status: 'rejected' | 'suppressed' | 'digest' | 'not_needed',
    errorName: string,
    at: Date,
  ): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `ALERT#${key}`, sk: 'DELIVERY' },
        UpdateExpression: 'SET #s = :st, statusAt = :at, lastError = :e',
        ConditionExpression: '#s = :claimed',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':st': status,
          ':claimed': 'claimed',
          ':at': at.toISOString(),
          ':e': errorName,
        },
      }),
    );
  }

  /**
   * Applies one SES event (any order, any number of times). Returns the record after it, or
   * undefined when no alert has that key (mail we did not tag).
   */
  async applyEvent(
    key: string,
    event: { type: SesEventType; at: string; bounceType?: string; sesMessageId?: string },
  ): Promise<{ item: AuditItem; changed: boolean } | undefined> {
    for (let round = 0; round < 5; round++) {
      const item = await this.get(key);
      if (!item) return undefined;
      const next = statusAfterEvent(item.status, event.type, event.bounceType);
      const stamp =
        event.type === 'Delivery'
          ? 'deliveredAt'
          : event.type === 'Bounce'
            ? 'bouncedAt'
            : event.type === 'Complaint'
              ? 'complainedAt'
              : event.type === 'Send'
                ? 'sentAt'
                : undefined;
      if (next === item.status && (!stamp || item[stamp as keyof AuditItem])) return { item, changed: false };
      const names: Record<string, string> = { '#s': 'status' };
      const values: Record<string, unknown> = { ':old': item.status, ':next': next, ':at': event.at };
      let update = 'SET #s = :next, statusAt = :at';
      if (stamp) {
        update += `, ${stamp} = if_not_exists(${stamp}, :at)`;
      }
      if (event.bounceType) {
        update += ', bounceType = :bt';
        values[':bt'] = event.bounceType;
      }
      if (event.sesMessageId) {
        update += ', sesMessageId = if_not_exists(sesMessageId, :id)';
        values[':id'] = event.sesMessageId;
      }
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: update,
            ConditionExpression: '#s = :old',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        return { item: { ...item, status: next ?? item.status }, changed: next !== item.status };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new Error(`alert ${key}: status kept changing under us`);
  }

  /**
   * At most one immediate mail per case and rule a day: the first job of the day takes the
   * slot (`URGENT#<case>#<rule>` / `<day>`); the same job asking again keeps it; another job
   * of that case and rule on that day gets false and goes to the digest.
   */
  async takeUrgentSlot(caseId: string, rule: string, day: string, jobId: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `URGENT#${caseId}#${rule}`,
            sk: day,
            type: 'urgent-slot',
            jobId,
            expiresAt: Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + 8 * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR jobId = :me',
          ExpressionAttributeValues: { ':me': jobId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * An urgent mail to an officer that SES accepted: `URGENTSENT#<inspection>` / `<alertKey>`
   * (TTL 30 days). The head's digest reads the partition to find urgent mails with no action on
   * the case afterwards (issue 11). Written again by a retry: same key, same item.
   */
  async recordUrgentSent(
    inspectionId: string,
    entry: { alertKey: string; jobId: string; caseId: string; rules: string[]; sentAt: string },
    /** Only when no record of this mail exists (a retry after a crash must not move its time). */
    options: { ifAbsent?: boolean } = {},
  ): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `URGENTSENT#${inspectionId}`,
            sk: entry.alertKey,
            type: 'urgent-sent',
            ...entry,
            expiresAt: Math.floor(Date.parse(entry.sentAt) / 1000) + 30 * 86_400,
          },
          ...(options.ifAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        }),
      );
    } catch (error) {
      if (!(options.ifAbsent && isConditionFailure(error))) throw error;
    }
  }

  /** Urgent mails to the inspection's officers accepted by SES since an instant (ISO), oldest first. */
  async urgentSentSince(
    inspectionId: string,
    sinceIso: string,
  ): Promise<{ jobId: string; caseId: string; rules: string[]; sentAt: string }[]> {
    const items = await queryAll<{ jobId: string; caseId: string; rules: string[]; sentAt: string }>(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'sentAt >= :since',
        ExpressionAttributeValues: { ':pk': `URGENTSENT#${inspectionId}`, ':since': sinceIso },
      },
      { client: this.db },
    );
    return items
      .map(({ jobId, caseId, rules, sentAt }) => ({ jobId, caseId, rules, sentAt }))
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  }

  /** Marks an address that bounced permanently (kept as a hash and its domain). */
  async markBounced(
    address: string,
    key: string,
    at: string,
    bounceSubType?: string,
  ): Promise<BouncedAddress> {
    const entry: BouncedAddress = {
      addressHash: recipientsHash([address]),
      domain: address.slice(address.lastIndexOf('@') + 1).toLowerCase(),
      bouncedAt: at,
      alertKey: key,
      bounceSubType,
    };
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `BOUNCED#${entry.addressHash}`, sk: 'ADDRESS', type: 'bounced-address', ...entry },
      }),
    );
    return entry;
  }

  async isBounced(address: string): Promise<BouncedAddress | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `BOUNCED#${recipientsHash([address])}`, sk: 'ADDRESS' },
      }),
    );
    return out.Item as BouncedAddress | undefined;
  }

  /** The calendar state last sent for a clock (undefined: no calendar event of it ever went out). */
  async calendarState(
    uid: string,
  ): Promise<{ due: string; cancelled: boolean; sequence: number } | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `ICS#${uid}`, sk: 'STATE' },
        ConsistentRead: true,
      }),
    );
    return out.Item as { due: string; cancelled: boolean; sequence: number } | undefined;
  }

  /** Records that these alerts went out inside a combined mail (so none of them goes again). */
  async markSentInGroup(partIds: readonly string[], groupJobId: string): Promise<void> {
    for (const id of partIds)
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `ALERT#${alertKey(id)}`, sk: 'INGROUP', type: 'alert-in-group', groupJobId },
        }),
      );
  }

  /**
   * Whether an alert already reached its reader in another mail: sent alone (SES took it), or
   * inside a combined mail other than `exceptGroup`.
   */
  async sentElsewhere(jobId: string, exceptGroup?: string): Promise<boolean> {
    const key = alertKey(jobId);
    // A job asking about itself has just claimed its own record: only the group marker counts.
    if (jobId !== exceptGroup && (await this.get(key))?.sesMessageId) return true;
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `ALERT#${key}`, sk: 'INGROUP' },
        ConsistentRead: true,
      }),
    );
    const group = out.Item?.groupJobId as string | undefined;
    return Boolean(group && group !== exceptGroup && group !== jobId);
  }

  /** Records that a calendar event of this clock reached the head (an escalation carried it). */
  async markCalendarSentTo(uid: string, audience: 'supervisor'): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `ICS#${uid}`, sk: `SENT#${audience}`, type: 'calendar-sent' },
      }),
    );
  }

  /** Whether a calendar event of this clock reached the head (so its cancellation must too). */
  async calendarSentTo(uid: string, audience: 'supervisor'): Promise<boolean> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `ICS#${uid}`, sk: `SENT#${audience}` },
        ConsistentRead: true,
      }),
    );
    return Boolean(out.Item);
  }

  /**
   * The SEQUENCE for a clock's calendar event: unchanged while the due day (and cancelled
   * state) stay as last sent, one higher when either moves. Repeating a send repeats the number.
   */
  async calendarSequence(uid: string, due: string, cancelled: boolean): Promise<number> {
    const key = { pk: `ICS#${uid}`, sk: 'STATE' };
    for (let round = 0; round < 5; round++) {
      const out = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
      );
      const state = out.Item as { due: string; cancelled: boolean; sequence: number } | undefined;
      if (state && state.due === due && state.cancelled === cancelled) return state.sequence;
      const sequence = state ? state.sequence + 1 : 0;
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...key, type: 'calendar-state', due, cancelled, sequence },
            ConditionExpression: state ? '#q = :old' : 'attribute_not_exists(pk)',
            ExpressionAttributeNames: state ? { '#q': 'sequence' } : undefined,
            ExpressionAttributeValues: state ? { ':old': state.sequence } : undefined,
          }),
        );
        return sequence;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new Error(`calendar ${uid}: sequence kept changing under us`);
  }

  /** Records that a subject-access export of one person was made (152-FZ art. 14): when and by whom. */
  async recordExport(caseId: string, at: Date, by: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `EXPORT#${caseId}`,
          sk: at.toISOString(),
          type: 'person-export',
          caseId,
          exportedAt: at.toISOString(),
          exportedBy: by,
        },
      }),
    );
  }

  async exportsOf(caseId: string): Promise<Record<string, unknown>[]> {
    return queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `EXPORT#${caseId}` },
    });
  }

  /** Alerts first claimed in one month (`2026-03`), oldest first. */
  async month(yearMonth: string): Promise<AuditItem[]> {
    return queryAll<AuditItem>({
      TableName: this.tableName,
      IndexName: 'byDue',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${yearMonth}` },
    });
  }

  /** Alerts first claimed since a day (inclusive) up to `until` (a month per query), oldest first. */
  async since(day: string, until: Date): Promise<AuditItem[]> {
    const months: string[] = [];
    const end = until.toISOString().slice(0, 7);
    for (let m = day.slice(0, 7); m <= end; ) {
      months.push(m);
      const [y, mo] = m.split('-').map(Number) as [number, number];
      m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    }
    const items = (await Promise.all(months.map((m) => this.month(m)))).flat();
    return items.filter((i) => i.firstClaimedAt.slice(0, 10) >= day);
  }
}
