/**
 * Reads over more than one DynamoDB answer: BatchGetItem over any number of keys (chunks of
 * DynamoDB's 100, the keys it leaves unprocessed under throttling asked again with backoff, a bounded
 * number of times), and a Query over every page.
 */
import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { BATCH_RETRY, backOff } from './backoff.ts';

const BATCH_GET_KEYS = 100;
const MAX_ATTEMPTS = 10;

type Key = Record<string, unknown>;

/**
 * Every item found under `keys`, strongly consistent, in no particular order; `what` names the read
 * in the error when DynamoDB keeps leaving keys unprocessed.
 * @example const items = await batchGetAll(doc, table, [{ pk: 'REG#PERSON', sk: 'P001' }], 'registry');
 */
export async function batchGetAll(doc: DynamoDBDocumentClient, tableName: string, keys: readonly Key[], what: string): Promise<Key[]> {
  const chunks: Key[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_KEYS) chunks.push(keys.slice(i, i + BATCH_GET_KEYS));
  const found = await Promise.all(
    chunks.map(async (chunk) => {
      const out: Key[] = [];
      let pending: Key[] | undefined = chunk;
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt >= MAX_ATTEMPTS)
          throw new Error(`${what} read throttled: ${pending.length} keys still unprocessed after ${attempt} attempts`);
        if (attempt > 0) await backOff(attempt, BATCH_RETRY);
        const r = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
        out.push(...(r.Responses?.[tableName] ?? []));
        pending = r.UnprocessedKeys?.[tableName]?.Keys as Key[] | undefined;
      }
      return out;
    }),
  );
  return found.flat();
}

/**
 * Every item a Query finds, page after page, in the index's order.
 * @example const closes = await queryAll(doc, { TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'CLOSE' } });
 */
export async function queryAll(doc: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Key[]> {
  const out: Key[] = [];
  let start: Key | undefined;
  do {
    const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
