import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  paginateQuery,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { documentClient } from './clients';

/** Read requests and capacity a piece of work consumed (the scan benchmark prints them). */
export interface Meter {
  requests: number;
  capacityUnits: number;
}
export const newMeter = (): Meter => ({ requests: 0, capacityUnits: 0 });

/**
 * Every item a query returns, across DynamoDB's 1 MB pages. With a meter, each page's
 * consumed capacity is added to it.
 */
export async function queryAll<T = Record<string, unknown>>(
  input: QueryCommandInput,
  options: { client?: DynamoDBDocumentClient; meter?: Meter } = {},
): Promise<T[]> {
  const { client = documentClient(), meter } = options;
  const items: T[] = [];
  const pages = paginateQuery(
    { client },
    { ...input, ReturnConsumedCapacity: meter ? 'TOTAL' : input.ReturnConsumedCapacity },
  );
  for await (const page of pages) {
    if (meter) {
      meter.requests++;
      meter.capacityUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
    }
    items.push(...((page.Items ?? []) as T[]));
  }
  return items;
}

/**
 * Every item of `keys` that exists (BatchGetItem, 100 keys a request; unprocessed keys are
 * retried with backoff, up to 8 attempts, then an error: a missing answer must not look like a
 * missing item). Items come back in no particular order.
 */
export async function batchGetAll(
  tableName: string,
  keys: ReadonlyArray<Record<string, unknown>>,
  options: { client?: DynamoDBDocumentClient; consistentRead?: boolean; projection?: string } = {},
): Promise<Record<string, unknown>[]> {
  const { client = documentClient(), consistentRead = false, projection } = options;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] = keys.slice(i, i + 100);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= 8) throw new Error(`${pending.length} key(s) of ${tableName} unread after retries`);
      if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const res = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ConsistentRead: consistentRead,
              ...(projection ? { ProjectionExpression: projection } : {}),
            },
          },
        }),
      );
      out.push(...(res.Responses?.[tableName] ?? []));
      pending = (res.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return out;
}

/** Runs `work` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const n = next++;
      out[n] = await work(items[n]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
