import { type DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
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
