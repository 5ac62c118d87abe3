import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './clients';
import { queryAll } from './query';

/**
 * "Who was told what and when": one item per sent alert in the `main` table,
 *   AUDIT#<yyyy-mm> / <isoTime>#<jobId>
 * Never the mail body (it holds personal data): kind, audience, rule, case id, and the
 * recipients as domains plus a hash of the full addresses (enough to answer "was this
 * address told?" without storing it).
 */
export interface AuditEntry {
  jobId: string;
  kind: string;
  audience: string;
  recipients: string[];
  caseId?: string;
  rule?: string;
  sesMessageId?: string;
  sentAt: Date;
}

export interface AuditItem {
  pk: string;
  sk: string;
  type: 'audit';
  jobId: string;
  kind: string;
  audience: string;
  recipientDomains: string[];
  recipientsHash: string;
  recipientCount: number;
  caseId?: string;
  rule?: string;
  sesMessageId?: string;
  sentAt: string;
}

/** A stable hash of a set of addresses (order and case do not matter). */
export function recipientsHash(addresses: string[]): string {
  const normalised = [...new Set(addresses.map((a) => a.trim().toLowerCase()))].sort();
  return createHash('sha256').update(normalised.join('\n')).digest('hex');
}

export function auditItem(entry: AuditEntry): AuditItem {
  const sentAt = entry.sentAt.toISOString();
  const domains = [
    ...new Set(entry.recipients.map((a) => a.slice(a.lastIndexOf('@') + 1).toLowerCase())),
  ].sort();
  return {
    pk: `AUDIT#${sentAt.slice(0, 7)}`,
    sk: `${sentAt}#${entry.jobId}`,
    type: 'audit',
    jobId: entry.jobId,
    kind: entry.kind,
    audience: entry.audience,
    recipientDomains: domains,
    recipientsHash: recipientsHash(entry.recipients),
    recipientCount: new Set(entry.recipients.map((a) => a.toLowerCase())).size,
    caseId: entry.caseId,
    rule: entry.rule,
    sesMessageId: entry.sesMessageId,
    sentAt,
  };
}

export class AuditStore {
  constructor(readonly tableName: string = process.env.TABLE_NAME ?? '') {
    if (!tableName) throw new Error('TABLE_NAME is not set');
  }

  async record(entry: AuditEntry): Promise<AuditItem> {
    const item = auditItem(entry);
    await documentClient().send(new PutCommand({ TableName: this.tableName, Item: item }));
    return item;
  }

  /** Alerts sent in one month (`2026-03`), oldest first. */
  async month(yearMonth: string): Promise<AuditItem[]> {
    return queryAll<AuditItem>({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${yearMonth}` },
    });
  }
}
