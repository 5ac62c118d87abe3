import { gunzipSync } from 'node:zlib';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type MatchCase, type MatchProposal, now, type Referral, type Vacancy } from '@uii/domain';
import { documentClient } from './clients';
import { FeedStore } from './feed-store';
import { batchGetAll, queryAll } from './query';
import { getObjectBytes } from './s3';

/**
 * Matching in the `main` table (docs/architecture.md):
 *   MATCH#<caseId> / PROFILE            what matching needs of the person (home coordinates,
 *                                       settlement, professions, skills, education, bans,
 *                                       declined vacancies): personal data, kept apart like PII#
 *   MATCH#<caseId> / PROPOSALS          the latest proposals with their reasons and the plan's pick
 *   HOLDS#<region> / <vacancyId>#<caseId>#<issuedOn>   referrals that may hold an opening
 *   ROSTER#<region> / CASE#<caseId>     cases of the region that need work (re-matched when a feed lands)
 */
export type MatchProfile = Omit<MatchCase, 'id' | 'daysLeft' | 'region' | 'inspectionId' | 'officerId'> & {
  region?: string;
};

export interface StoredProposals {
  caseId: string;
  asOf: string;
  region: string;
  daysLeft: number;
  rule?: string;
  proposals: Array<MatchProposal & { jobName?: string; employer?: string; address?: string }>;
  planned?: string;
  explanation?: string;
  updatedAt: string;
}

export class MatchStore {
  constructor(
    readonly tableName: string = requiredEnv('TABLE_NAME'),
    private readonly db = documentClient(),
  ) {}

  async putProfile(caseId: string, profile: MatchProfile): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `MATCH#${caseId}`,
          sk: 'PROFILE',
          type: 'match_profile',
          profile,
          // The domain clock (simulated locally), so the digest places it in the right day.
          updatedAt: now().toISOString(),
        },
      }),
    );
  }

  /** Profiles of many cases (BatchGet, 100 keys per request, unprocessed keys retried). */
  async getProfiles(caseIds: readonly string[]): Promise<Map<string, MatchProfile>> {
    const out = new Map<string, MatchProfile>();
    const items = await batchGetAll(
      this.tableName,
      [...new Set(caseIds)].map((id) => ({ pk: `MATCH#${id}`, sk: 'PROFILE' })),
      { client: this.db, consistentRead: true },
    );
    for (const item of items) out.set(String(item.pk).slice('MATCH#'.length), item.profile as MatchProfile);
    return out;
  }

  async getProfile(caseId: string): Promise<MatchProfile | undefined> {
    return (await this.getProfiles([caseId])).get(caseId);
  }

  async putProposals(p: Omit<StoredProposals, 'updatedAt'>): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `MATCH#${p.caseId}`,
          sk: 'PROPOSALS',
          type: 'match_proposals',
          ...p,
          // The domain clock (simulated locally), so the digest places it in the right day.
          updatedAt: now().toISOString(),
        },
      }),
    );
  }

  async getProposals(caseId: string): Promise<StoredProposals | undefined> {
    const out = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `MATCH#${caseId}`, sk: 'PROPOSALS' },
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _t, ...rest } = out.Item;
    return rest as StoredProposals;
  }

  /** Case ids of the region that needed work at their last match (one partition). */
  async roster(region: string): Promise<string[]> {
    const items = await queryAll(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `ROSTER#${region}` },
        ProjectionExpression: 'caseId',
      },
      { client: this.db },
    );
    return items.map((i) => String(i.caseId));
  }

  async setRoster(region: string, add: readonly string[], remove: readonly string[]): Promise<void> {
    const requests = [
      ...add.map((caseId) => ({
        PutRequest: { Item: { pk: `ROSTER#${region}`, sk: `CASE#${caseId}`, type: 'match_roster', caseId } },
      })),
      ...remove.map((caseId) => ({
        DeleteRequest: { Key: { pk: `ROSTER#${region}`, sk: `CASE#${caseId}` } },
      })),
    ];
    for (let i = 0; i < requests.length; i += 25) {
      let pending: unknown[] = requests.slice(i, i + 25);
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt >= 8) throw new Error(`${pending.length} roster write(s) not done after retries`);
        const out = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } }),
        );
        pending = out.UnprocessedItems?.[this.tableName] ?? [];
        if (pending.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }

  /** Records (or updates) referrals; the same referral always lands on the same item. */
  async putReferrals(region: string, referrals: readonly Referral[]): Promise<void> {
    for (const r of referrals) {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `HOLDS#${region}`,
            sk: `${r.vacancyId}#${r.caseId}#${r.issuedOn}`,
            type: 'referral_hold',
            ...r,
          },
        }),
      );
    }
  }

  /** Every referral of a region: one partition. */
  async listReferrals(region: string): Promise<Referral[]> {
    const items = await queryAll(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `HOLDS#${region}` },
        ConsistentRead: true,
      },
      { client: this.db },
    );
    return items.map((i) => ({
      caseId: String(i.caseId),
      vacancyId: String(i.vacancyId),
      issuedOn: String(i.issuedOn),
      ...(i.refusedOn ? { refusedOn: String(i.refusedOn) } : {}),
      ...(i.startedOn ? { startedOn: String(i.startedOn) } : {}),
    }));
  }
}

/**
 * The region's current vacancies (docs/adr/0007-feed-snapshots.md): for each registered service
 * covering the region, its latest accepted month up to `month` that has a snapshot for the
 * region. Found through the feed summaries, so no bucket listing is needed. A vacancy sent by two
 * services is kept once (the later `modifiedAt` wins).
 */
export async function readRegionSnapshots(
  bucket: string,
  region: string,
  month: string,
  feeds = new FeedStore(),
): Promise<{ vacancies: Vacancy[]; keys: string[] }> {
  const keys: string[] = [];
  for (const service of await feeds.listServices()) {
    const summaries = (await feeds.listSummaries(service.id))
      .filter((s) => s.month <= month && (s.regions?.[region] ?? 0) > 0)
      .sort((a, b) => (a.month < b.month ? 1 : -1));
    const key = summaries[0]?.snapshotKeys.find((k) => k.startsWith(`snapshots/${region}/`));
    if (key) keys.push(key);
  }
  const byId = new Map<string, Vacancy>();
  for (const key of keys.sort()) {
    const text = gunzipSync(await getObjectBytes(bucket, key)).toString('utf8');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const v = JSON.parse(line) as Vacancy;
      const prev = byId.get(v.id);
      if (!prev || (v.modifiedAt ?? '') >= (prev.modifiedAt ?? '')) byId.set(v.id, v);
    }
  }
  return { vacancies: [...byId.values()], keys };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
