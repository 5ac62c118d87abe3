import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isTimeZone } from '@uii/domain';
import { documentClient } from './clients';
import { batchGetAll, queryAll } from './query';

/** Directory entries: `OFFICER#<id>` / `PROFILE` and `INSPECTION#<id>` / `PROFILE`. */
export interface Officer {
  id: string;
  email: string;
  inspectionId?: string;
  /** Full name («Смирнова Елена Викторовна»): the head's mail names the officer by it. */
  name?: string;
  /** The officer's language for mail (Russian when unset). */
  lang?: 'ru' | 'en';
}
export interface Inspection {
  id: string;
  /** How the inspection is called in mail («УИИ по Томской области, филиал № 1»). */
  name?: string;
  email?: string;
  /** The head of the inspection: escalations for inspection-side deadlines go here. */
  headEmail?: string;
  /** The head's language for mail (Russian when unset). */
  headLang?: 'ru' | 'en';
  region?: string;
  /** IANA time zone (default Europe/Moscow): the inspection's own date counts the days. */
  timeZone?: string;
  /** Regional non-working days of the inspection (YYYY-MM-DD), beyond the federal calendar. */
  holidays?: string[];
  /**
   * Addresses the inspection receives worksite mail at (e.g. uii-70@inbound…): a stranger's
   * quarantined mail to one of them is the inspection's to decide (ADR 0034).
   */
  inboundAddresses?: string[];
}

export interface Recipients {
  officer: string[];
  supervisor: string[];
  /** Their languages (directory `lang`, `headLang`): producers that write text use them. */
  langs?: { officer: 'ru' | 'en'; supervisor: 'ru' | 'en' };
}

/** The byDue index partition that lists officers and inspections (the digest's roster). */
const DIRECTORY = 'DIRECTORY';

export class DirectoryStore {
  constructor(
    readonly tableName: string = process.env.TABLE_NAME ?? '',
    private readonly db = documentClient(),
  ) {}

  async putOfficer(o: Officer): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        // Listed through one byDue partition (DIRECTORY), as employment services are (SERVICES).
        Item: {
          pk: `OFFICER#${o.id}`,
          sk: 'PROFILE',
          type: 'officer',
          gsi1pk: DIRECTORY,
          gsi1sk: `OFFICER#${o.id}`,
          ...o,
        },
      }),
    );
  }

  async putInspection(i: Inspection): Promise<void> {
    // A bad zone would fail every event of the inspection later: refuse it here, in Russian.
    if (i.timeZone && !isTimeZone(i.timeZone))
      throw new RangeError(
        `инспекция ${i.id}: неизвестный часовой пояс «${i.timeZone}» (например, Asia/Vladivostok)`,
      );
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `INSPECTION#${i.id}`,
          sk: 'PROFILE',
          type: 'inspection',
          gsi1pk: DIRECTORY,
          gsi1sk: `INSPECTION#${i.id}`,
          ...i,
        },
      }),
    );
  }

  /** Every officer and inspection of the directory, from its one index partition (no scan). */
  async listDirectory(): Promise<{
    officers: Record<string, unknown>[];
    inspections: Record<string, unknown>[];
  }> {
    const items = await queryAll({
      TableName: this.tableName,
      IndexName: 'byDue',
      KeyConditionExpression: 'gsi1pk = :k',
      ExpressionAttributeValues: { ':k': DIRECTORY },
    });
    return {
      officers: items.filter((i) => i.type === 'officer'),
      inspections: items.filter((i) => i.type === 'inspection'),
    };
  }

  async getInspection(id: string | undefined): Promise<Inspection | undefined> {
    if (!id) return undefined;
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `INSPECTION#${id}`, sk: 'PROFILE' } }),
    );
    return out.Item as Inspection | undefined;
  }

  /** The officer's address, and the head of the inspection for escalations (falling back to the officer). */
  async recipientsFor(officerId?: string, inspectionId?: string): Promise<Recipients> {
    const keys = [
      ...(officerId ? [{ pk: `OFFICER#${officerId}`, sk: 'PROFILE' }] : []),
      ...(inspectionId ? [{ pk: `INSPECTION#${inspectionId}`, sk: 'PROFILE' }] : []),
    ];
    if (!keys.length) return { officer: [], supervisor: [] };
    const items = await this.batchGet(keys);
    const officer = items.find((i) => i.type === 'officer') as Officer | undefined;
    const inspection = items.find((i) => i.type === 'inspection') as Inspection | undefined;
    const officerTo = officer?.email ? [officer.email] : inspection?.email ? [inspection.email] : [];
    const officerLang = officer?.lang === 'en' ? 'en' : 'ru';
    const headLang = inspection?.headLang === 'en' ? 'en' : 'ru';
    return {
      officer: officerTo,
      supervisor: inspection?.headEmail ? [inspection.headEmail] : officerTo,
      langs: { officer: officerLang, supervisor: inspection?.headEmail ? headLang : officerLang },
    };
  }

  /** Throttled keys come back unprocessed: `batchGetAll` retries them and fails loudly, never drops a recipient. */
  private batchGet(keys: Array<Record<string, string>>): Promise<Record<string, unknown>[]> {
    return batchGetAll(this.tableName, keys, { client: this.db });
  }
}
