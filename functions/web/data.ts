import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, getObjectBytes, sendJson } from '@uii/aws';
import { type AuditItem, AuditStore } from '@uii/aws/audit-store';
import { CaseStore, type StoredCase } from '@uii/aws/case-store';
import { FeedStore } from '@uii/aws/feed-store';
import {
  getTriage,
  getWorksite,
  listQuarantine,
  listTriage,
  listWorksites,
  putTriage,
  putWorksite,
  type QuarantineRecord,
  resolveTriageItem,
  type TriageRecord,
  triageItemId,
} from '@uii/aws/mail-store';
import type { EmploymentService } from '@uii/domain';
import { addDays, type CaseEventMessage, type Person, type Worksite } from '@uii/domain';

/**
 * What the web reads and writes, through the same stores as the CLI and the functions.
 * Writes of case facts go through the `case-events` queue only (docs/architecture.md), so a
 * web action is recorded once (its event id) and alerts exactly like mail or CLI.
 */
export interface CaseQuery {
  inspectionId?: string;
  officerId?: string;
}

export interface Proposal {
  vacancyId: string;
  title: string;
  employer?: string;
  address?: string;
  /** Why this vacancy suits the case, in Russian («рядом с домом», «без опыта»). */
  reasons: string[];
  score?: number;
}

/** Suggested vacancies of a case (the matcher writes them; the web only reads). */
export interface ProposalSource {
  listProposals(caseId: string): Promise<Proposal[]>;
}

export const noProposals: ProposalSource = { listProposals: async () => [] };

/** One access to personal data (152-FZ: who looked at whose case, by internal ids only). */
export interface AccessEntry {
  userId: string;
  role: string;
  caseId: string;
  action: string;
  at: string;
}

export class WebData {
  readonly cases: CaseStore;
  readonly feeds: FeedStore;
  readonly audit: AuditStore;
  private readonly db = documentClient();

  constructor(
    readonly table: string = process.env.TABLE_NAME ?? '',
    private readonly caseEventsQueueUrl: string = process.env.CASE_EVENTS_QUEUE_URL ?? '',
  ) {
    if (!table) throw new Error('TABLE_NAME is not set');
    this.cases = new CaseStore(table, this.db);
    this.feeds = new FeedStore(table, this.db);
    this.audit = new AuditStore(table);
  }

  /**
   * The cases of an inspection (or officer). Until the case store has its own listing query
   * this reads the case META items with a filtered scan: small tables only.
   */
  /** The caseload through the case store's officer / inspection indexes, never a table scan. */
  async listCases(q: CaseQuery): Promise<Array<StoredCase & { person?: Person; createdAt?: string }>> {
    const cases = (await this.cases.listCases(q)).filter(
      (c) => !q.inspectionId || c.case.inspectionId === q.inspectionId,
    );
    const people = await this.cases.getPeople(cases.map((c) => c.case.id));
    return cases.map((c) => ({ ...c, person: people.get(c.case.id) }));
  }

  listWorksites(): Promise<Worksite[]> {
    return listWorksites(this.table);
  }

  /** Sends one officer fact to `case-events`, exactly as the CLI does. */
  async sendCaseEvent(message: CaseEventMessage): Promise<void> {
    if (!this.caseEventsQueueUrl) throw new Error('CASE_EVENTS_QUEUE_URL is not set');
    await sendJson(this.caseEventsQueueUrl, message);
  }

  /** Waits (briefly) until case-events has recorded the event, so the page can say «записано». */
  async waitForEvent(caseId: string, eventId: string, timeoutMs = 8000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    for (let delay = 100; ; delay = Math.min(delay * 1.5, 800)) {
      const events = await this.cases.listEvents(caseId);
      if (events.some((e) => e.eventId === eventId)) return true;
      if (Date.now() + delay > until) return false;
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /** Alerts sent about a case, from the audit trail of the months since `since` (≤ 12). */
  async alertsOf(caseId: string, since: string, today: string): Promise<AuditItem[]> {
    const months: string[] = [];
    for (let m = since.slice(0, 7); m <= today.slice(0, 7) && months.length < 12; ) {
      months.push(m);
      m = addDays(`${m}-28`, 5).slice(0, 7);
    }
    const all = await Promise.all(months.map((m) => this.audit.month(m)));
    return all.flat().filter((a) => a.caseId === caseId);
  }

  async recordAccess(entry: AccessEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: `ACCESS#${entry.at.slice(0, 7)}`,
          sk: `${entry.at}#${entry.userId}#${entry.caseId}`,
          type: 'access',
          ...entry,
          // kept three years, then DynamoDB's TTL removes it
          expiresAt: Math.floor(Date.parse(entry.at) / 1000) + 3 * 366 * 86400,
        },
      }),
    );
  }

  listServices(): Promise<EmploymentService[]> {
    return this.feeds.listServices();
  }

  // ---- worksite mail ----
  listTriage = (open = true): Promise<TriageRecord[]> => listTriage(this.table, { open });
  getTriage = (id: string) => getTriage(this.table, id);
  resolveTriage = (id: string, caseId: string, at: string) => resolveTriageItem(this.table, id, caseId, at);
  putTriage = (t: TriageRecord) => putTriage(this.table, t);
  triageItemId = triageItemId;

  async dismissTriage(itemId: string, reason: string, by: string, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: 'TRIAGE', sk: itemId },
          UpdateExpression: 'SET #s = :resolved, resolvedAt = :at, dismissedReason = :r, dismissedBy = :by',
          ConditionExpression: '#s = :open',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':resolved': 'resolved',
            ':open': 'open',
            ':at': at,
            ':r': reason,
            ':by': by,
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  listQuarantine = (): Promise<QuarantineRecord[]> => listQuarantine(this.table);
  async getQuarantine(sesMessageId: string): Promise<QuarantineRecord | undefined> {
    return (await this.listQuarantine()).find((q) => q.sesMessageId === sesMessageId);
  }
  rawMail = (q: QuarantineRecord) => getObjectBytes(q.bucket, q.objectKey);

  /** Takes a message out of quarantine (after release or rejection); the raw mail stays in S3. */
  async closeQuarantine(q: QuarantineRecord, outcome: 'released' | 'rejected', by: string, at: string) {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: `MAIL#${q.sesMessageId}`,
          sk: 'QUARANTINE',
          type: 'quarantine_decision',
          outcome,
          by,
          at,
        },
      }),
    );
    await this.db.send(
      new DeleteCommand({
        TableName: this.table,
        Key: { pk: 'QUARANTINE', sk: `${q.receivedAt}#${q.sesMessageId}` },
      }),
    );
  }

  getWorksite = (id: string) => getWorksite(this.table, id);
  putWorksite = (w: Worksite) => putWorksite(this.table, w);
}
