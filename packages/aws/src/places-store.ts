import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  Agreement,
  Partner,
  PlaceEvent,
  PlaceState,
  PlaceStatus,
  ProposalChannel,
  ProposedPlace,
} from '@uii/domain';
import { documentClient } from './clients';
import { queryAll } from './query';

/**
 * Places of compulsory/corrective labour proposed by municipalities, partners and agreements
 * (docs/places.md, docs/architecture.md):
 *   PARTNER#<id> / PROFILE            a partner (gsi1pk PARTNERS, gsi1sk PARTNER#<id>)
 *   PARTNERADDR#<address> / PARTNER#<id>   find a partner by a sender address (mail intake)
 *   PLACES / PLACE#<id>               a place: data, status, running clock; one small partition
 *                                     (officer-facing list). While a clock runs: gsi1pk
 *                                     PLACEDUE#<next alert day>, gsi1sk PLACE#<id> (daily scan)
 *   PLACE#<id> / EVT#<at>#<type>      its immutable decision history (who, when, what)
 *   PLACE#<id> / ASSIGN#<caseId>      a convict assigned there (capacity)
 *   PROPOSAL#<id> / META              one received proposal file: sender, counts (gsi1pk
 *                                     PROPOSALS#<municipalityId>, gsi1sk <receivedAt>#<id>)
 *   AGREEMENT#<id> / META             an agreement (gsi1pk AGREEMENTS, gsi1sk <partnerId>#<id>)
 *   SCAN#places / STATE               the last day the places scan covered
 * PLACEDUE# partitions are this module's own: the case deadline scan reads only DUE#.
 */
export interface StoredPlace extends ProposedPlace {
  status: PlaceStatus;
  proposalId: string;
  receivedOn: string;
  dataHash: string;
  clock?: PlaceState['clock'];
  decidedOn?: string;
  decidedInTime?: boolean;
  nextAlertOn?: string;
  assigned: number;
  version: number;
}

export interface ProposalRecord {
  id: string;
  municipalityId: string;
  fileName: string;
  receivedOn: string;
  receivedAt: string;
  channel: ProposalChannel;
  sender?: string;
  total: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  format: string;
  /** Who got the first receipt of this file (a short key of the addresses). */
  firstRecipientKey?: string;
  /** Everyone who has got a receipt of this file (keys): nobody gets it twice. */
  receipts?: string[];
}

export class PlaceConflictError extends Error {
  override readonly name = 'PlaceConflictError';
}

const isConditionFailed = (e: unknown) =>
  (e as { name?: string })?.name === 'ConditionalCheckFailedException' ||
  (e as { name?: string })?.name === 'TransactionCanceledException';

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _p, sk: _s, type: _t, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item;
  return rest as T;
};

export class PlacesStore {
  constructor(
    readonly tableName: string = process.env.TABLE_NAME ?? '',
    private readonly db = documentClient(),
  ) {}

  // partners ------------------------------------------------------------------------------

  async putPartner(p: Partner): Promise<void> {
    const old = await this.getPartner(p.id);
    for (const address of old?.contacts ?? []) {
      if (!p.contacts.includes(address))
        await this.db.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { pk: `PARTNERADDR#${address.toLowerCase()}`, sk: `PARTNER#${p.id}` },
          }),
        );
    }
    await this.put({
      pk: `PARTNER#${p.id}`,
      sk: 'PROFILE',
      type: 'partner',
      gsi1pk: 'PARTNERS',
      gsi1sk: `PARTNER#${p.id}`,
      ...p,
    });
    for (const address of p.contacts) {
      await this.put({
        pk: `PARTNERADDR#${address.toLowerCase()}`,
        sk: `PARTNER#${p.id}`,
        type: 'partner_address',
        partnerId: p.id,
      });
    }
  }

  async getPartner(id: string): Promise<Partner | undefined> {
    const item = await this.item(`PARTNER#${id}`, 'PROFILE');
    return item ? strip<Partner>(item) : undefined;
  }

  async listPartners(): Promise<Partner[]> {
    return (await this.index('PARTNERS')).map((i) => strip<Partner>(i));
  }

  /** The partners whose registered contact this address is (a municipality's mail). */
  async partnersOfAddress(address: string): Promise<Partner[]> {
    const items = await queryAll(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `PARTNERADDR#${address.toLowerCase()}` },
      },
      { client: this.db },
    );
    const found = await Promise.all(items.map((i) => this.getPartner(String(i.partnerId))));
    return found.filter((p): p is Partner => p !== undefined);
  }

  // agreements ----------------------------------------------------------------------------

  async putAgreement(a: Agreement): Promise<void> {
    await this.put({
      pk: `AGREEMENT#${a.id}`,
      sk: 'META',
      type: 'agreement',
      gsi1pk: 'AGREEMENTS',
      gsi1sk: `${a.partnerId}#${a.id}`,
      ...a,
    });
  }

  async listAgreements(): Promise<Agreement[]> {
    return (await this.index('AGREEMENTS')).map((i) => strip<Agreement>(i));
  }

  // proposals and places ------------------------------------------------------------------

  async putProposal(p: ProposalRecord): Promise<void> {
    await this.put({
      pk: `PROPOSAL#${p.id}`,
      sk: 'META',
      type: 'proposal',
      gsi1pk: `PROPOSALS#${p.municipalityId}`,
      gsi1sk: `${p.receivedAt}#${p.id}`,
      ...p,
    });
  }

  /** One municipality's proposals, oldest first (the agreements report counts them). */
  async listProposals(municipalityId: string): Promise<ProposalRecord[]> {
    return (await this.index(`PROPOSALS#${municipalityId}`)).map((i) => strip<ProposalRecord>(i));
  }

  async getProposal(id: string): Promise<ProposalRecord | undefined> {
    const item = await this.item(`PROPOSAL#${id}`, 'META');
    return item ? strip<ProposalRecord>(item) : undefined;
  }

  async getPlace(id: string): Promise<StoredPlace | undefined> {
    const item = await this.item('PLACES', `PLACE#${id}`);
    return item ? strip<StoredPlace>(item) : undefined;
  }

  async listPlaces(): Promise<StoredPlace[]> {
    const items = await queryAll(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'PLACES' },
      },
      { client: this.db },
    );
    return items.map((i) => strip<StoredPlace>(i));
  }

  async listEvents(placeId: string): Promise<Array<PlaceEvent & { eventKey: string }>> {
    const items = await queryAll(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
        ExpressionAttributeValues: { ':pk': `PLACE#${placeId}`, ':e': 'EVT#' },
        ConsistentRead: true,
      },
      { client: this.db },
    );
    return items.map((i) => ({ ...(i.event as PlaceEvent), eventKey: String(i.sk) }));
  }

  /**
   * Writes a new state of the place and the event that led to it in one transaction,
   * conditional on the version read (two officers deciding at once: the second gets a
   * PlaceConflictError). The same event written twice (same key) changes nothing.
   */
  async saveWithEvent(
    place: StoredPlace,
    expectedVersion: number | undefined,
    event: PlaceEvent,
  ): Promise<boolean> {
    const eventKey = `EVT#${event.at}#${event.type}`;
    const { nextAlertOn } = place;
    const item: Record<string, unknown> = {
      pk: 'PLACES',
      sk: `PLACE#${place.id}`,
      type: 'place',
      ...place,
      version: (expectedVersion ?? 0) + 1,
      ...(nextAlertOn ? { gsi1pk: `PLACEDUE#${nextAlertOn}`, gsi1sk: `PLACE#${place.id}` } : {}),
    };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: item,
                ConditionExpression:
                  expectedVersion === undefined ? 'attribute_not_exists(pk)' : 'version = :v',
                ...(expectedVersion === undefined
                  ? {}
                  : { ExpressionAttributeValues: { ':v': expectedVersion } }),
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: `PLACE#${place.id}`, sk: eventKey, type: 'place_event', event },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) {
        if (await this.item(`PLACE#${place.id}`, eventKey)) return false; // the same event again: already recorded
        throw new PlaceConflictError(`место ${place.id} изменилось одновременно с этим решением: повторите`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  /** Moves a place's next alert day (the daily scan, after sending the day's alerts). */
  async setNextAlert(placeId: string, nextAlertOn: string | undefined): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: 'PLACES', sk: `PLACE#${placeId}` },
        ...(nextAlertOn
          ? {
              UpdateExpression: 'SET nextAlertOn = :d, gsi1pk = :p, gsi1sk = :s',
              ExpressionAttributeValues: {
                ':d': nextAlertOn,
                ':p': `PLACEDUE#${nextAlertOn}`,
                ':s': `PLACE#${placeId}`,
              },
            }
          : { UpdateExpression: 'REMOVE nextAlertOn, gsi1pk, gsi1sk' }),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }

  /** Places with an alert due on this day: one query of one index partition, never a scan. */
  async placesDueOn(day: string): Promise<StoredPlace[]> {
    return (await this.index(`PLACEDUE#${day}`)).map((i) => strip<StoredPlace>(i));
  }

  async lastScanDate(): Promise<string | undefined> {
    return (await this.item('SCAN#places', 'STATE'))?.lastDate as string | undefined;
  }

  async setLastScanDate(day: string): Promise<void> {
    await this.put({ pk: 'SCAN#places', sk: 'STATE', lastDate: day });
  }

  /** Records a convict assigned to a place; false when already assigned. Counts capacity once. */
  async assign(placeId: string, caseId: string, on: string, by: string): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  pk: `PLACE#${placeId}`,
                  sk: `ASSIGN#${caseId}`,
                  type: 'place_assignment',
                  caseId,
                  on,
                  by,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: { pk: 'PLACES', sk: `PLACE#${placeId}` },
                UpdateExpression: 'ADD assigned :one',
                ConditionExpression:
                  '#s = :consented AND (attribute_not_exists(assigned) OR assigned < workplaces)',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':one': 1, ':consented': 'consented' },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      if (await this.item(`PLACE#${placeId}`, `ASSIGN#${caseId}`)) return false;
      throw new PlaceConflictError('место не согласовано или свободных рабочих мест нет', { cause: error });
    }
  }

  private async put(item: Record<string, unknown>): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }

  /** One item by key, read consistently (decisions read, then write conditionally). */
  private async item(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const out = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }),
    );
    return out.Item;
  }

  private index(partition: string): Promise<Record<string, unknown>[]> {
    return queryAll(
      {
        TableName: this.tableName,
        IndexName: 'byDue',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': partition },
      },
      { client: this.db },
    );
  }
}
