/**
 * The storage ceiling of a local run: how many `TransactWriteItems` per second the same DynamoDB Local
 * sustains when it does nothing else, with transactions shaped like the adjudicator's and as many in
 * flight as the adjudicator had. The adjudicator's own transactions of the run are replayed shape by
 * shape (bench/meter.ts records them): each Put or Update becomes a Put of an item of the same size
 * with the same GSI keys present, each ConditionCheck a ConditionCheck on a key that does not exist
 * (it holds, as the adjudicator's do). Keys are fresh (`CEILING#…`), so no condition fails and no
 * transaction conflicts: this is the most the store gives, and `claims/s ÷ tx/s` says how much of it
 * the pipeline turns into decisions (1 would be one claim per transaction with nothing else in between).
 *
 * @example const { txPerSecond } = await storageCeiling(doc, table, meter.transactionShapes, 8)
 */
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactionShape } from './meter.ts';

export interface CeilingResult {
  readonly transactions: number;
  readonly seconds: number;
  readonly txPerSecond: number;
  readonly concurrency: number;
  readonly itemsPerTransaction: number;
  readonly bytesPerTransaction: number;
}

/** An item of `size` bytes by DynamoDB's rules (attribute names and values in UTF-8). */
function itemOf(pk: string, size: number, gsi1: boolean, gsi2: boolean): Record<string, string> {
  const item: Record<string, string> = { pk, sk: 'x' };
  if (gsi1) Object.assign(item, { gsi1pk: 'CEILING', gsi1sk: pk });
  if (gsi2) Object.assign(item, { gsi2pk: 'CEILING', gsi2sk: pk });
  const used = Object.entries(item).reduce((s, [k, v]) => s + k.length + Buffer.byteLength(v), 0) + 1;
  item.p = 'x'.repeat(Math.max(0, size - used));
  return item;
}

/**
 * Replays `shapes` (in order, round-robin over them until `count` transactions) with `concurrency`
 * writers at once, and times it.
 */
export async function storageCeiling(
  doc: DynamoDBDocumentClient,
  tableName: string,
  shapes: readonly TransactionShape[],
  concurrency: number,
  count = shapes.length,
): Promise<CeilingResult> {
  const usable = shapes.filter((s) => s.length > 0 && s.length <= 100);
  if (usable.length === 0) throw new Error('storage ceiling: the run recorded no adjudicator transaction');
  let next = 0;
  let items = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = next++;
        const shape = usable[n % usable.length] as TransactionShape;
        items += shape.length;
        await doc.send(
          new TransactWriteCommand({
            TransactItems: shape.map((i, j) => {
              const pk = `CEILING#${n}#${j}`;
              bytes += i.size;
              return i.op === 'check'
                ? { ConditionCheck: { TableName: tableName, Key: { pk, sk: 'x' }, ConditionExpression: 'attribute_not_exists(pk)' } }
                : { Put: { TableName: tableName, Item: itemOf(pk, i.size, i.gsi1, i.gsi2) } };
            }),
          }),
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    transactions: count,
    seconds,
    txPerSecond: count / seconds,
    concurrency,
    itemsPerTransaction: items / count,
    bytesPerTransaction: bytes / count,
  };
}
