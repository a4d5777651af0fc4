/**
 * Imported disbursement files in DynamoDB (see keys.ts), all or nothing and exactly once.
 *
 * Each payment is an item `PAY#<paymentId>` written only if absent: it is what makes a paymentId
 * importable once, across files and concurrent uploads. A payment moves `PAID` of its institution
 * and month in the same transaction.
 *
 * A file that fits one TransactWriteItems (≤ 100 items: the import record, the payments and the
 * `PAID` totals they move) is one transaction. A larger file goes in three steps:
 * 1. reserve every paymentId (`status: reserved`, owned by this import) in chunks; if another import
 *    holds one, release ours and refuse the file — nothing was applied;
 * 2. commit: the import record (with the payments) and a `IMPORTS`/`PENDING#<id>` marker, together;
 * 3. apply in chunks, each with a marker item so it applies once; the last clears the pending marker.
 * After step 2 the import is decided: whoever comes next (a statement, or the same file uploaded
 * again after a crash) rolls it forward first, so a statement never sees part of a file.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  NumberValue,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import * as fen from '../../domain/fen.ts';
import { ledgerPk, PAID, paymentKey } from './keys.ts';
import { batchGetAll } from './reads.ts';
import { firstConditionFailed, MAX_TRANSACTION_ITEMS, type TransactItem } from './transact.ts';

/** One validated payment, as it is stored. */
export interface StoredPayment {
  readonly paymentId: string;
  readonly institutionId: string;
  readonly month: string;
  /** A positive money string, e.g. "1218.00". */
  readonly amount: string;
  readonly paidOn: string;
}

/** Who holds a paymentId already. */
export interface PaymentHolder {
  readonly paymentId: string;
  readonly importId: string;
  readonly status: 'reserved' | 'applied';
}

export interface ImportMeta {
  readonly importId: string;
  readonly at: string;
  readonly by: string;
  readonly objectKey: string;
}

/** Another import claimed one of the file's paymentIds between validation and writing. */
export class PaymentIdTakenError extends Error {
  override readonly name = 'PaymentIdTakenError';
}

const importPk = (importId: string) => `IMPORT#${importId}`;
const PENDING = 'IMPORTS';

/**
 * @example await new DisbursementStore(doc, table).importFile(payments, { importId, at, by, objectKey });
 */
export class DisbursementStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /** The paymentIds among `paymentIds` that some import holds already. */
  async holders(paymentIds: readonly string[]): Promise<Map<string, PaymentHolder>> {
    const out = new Map<string, PaymentHolder>();
    const keys = [...new Set(paymentIds)].map(paymentKey);
    for (const item of await batchGetAll(this.doc, this.tableName, keys, 'payment')) {
      const status = item.status === 'reserved' ? 'reserved' : 'applied';
      out.set(String(item.paymentId), { paymentId: String(item.paymentId), importId: String(item.importId), status });
    }
    return out;
  }

  /** Whether this file (by id) was already committed: 'applied', 'committed' (being applied) or undefined. */
  async importStatus(importId: string): Promise<'committed' | 'applied' | undefined> {
    const r = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: importPk(importId), sk: 'IMPORT' }, ConsistentRead: true }),
    );
    return r.Item ? (r.Item.status as 'committed' | 'applied') : undefined;
  }

  /** Imports validated payments all or nothing; throws PaymentIdTakenError when another import got one first. */
  async importFile(payments: readonly StoredPayment[], meta: ImportMeta): Promise<void> {
    const single = pack(payments, MAX_TRANSACTION_ITEMS - 1);
    if (single.length === 1) {
      try {
        await this.transact([this.importRecord(payments, meta, 'applied'), ...this.applyItems(single[0] ?? [], meta.importId, 'put')]);
      } catch (e) {
        if (isCancelled(e)) throw new PaymentIdTakenError('a paymentId of this file was imported meanwhile', { cause: e });
        throw e;
      }
      return;
    }
    if ((await this.importStatus(meta.importId)) === undefined) {
      await this.reserve(payments, meta.importId);
      try {
        await this.transact([
          this.importRecord(payments, meta, 'committed'),
          { Put: { TableName: this.tableName, Item: { pk: PENDING, sk: `PENDING#${meta.importId}`, importId: meta.importId } } },
        ]);
      } catch (e) {
        // The same file committed by a concurrent upload: rolling forward below finishes it.
        if (!isCancelled(e)) throw e;
      }
    }
    await this.rollForward(meta.importId);
  }

  /** Finishes every import committed but not yet fully applied. */
  async rollForwardPending(): Promise<number> {
    const r = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': PENDING, ':p': 'PENDING#' },
        ConsistentRead: true,
      }),
    );
    const ids = (r.Items ?? []).map((i) => String(i.importId));
    for (const id of ids) await this.rollForward(id);
    return ids.length;
  }

  private async rollForward(importId: string): Promise<void> {
    const r = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: importPk(importId), sk: 'IMPORT' }, ConsistentRead: true }),
    );
    if (!r.Item || r.Item.status === 'applied') return;
    const payments = JSON.parse(String(r.Item.payments)) as StoredPayment[];
    // Room for the chunk marker and, on the last chunk, the record's status and the pending marker.
    const chunks = pack(payments, MAX_TRANSACTION_ITEMS - 3);
    for (const [i, chunk] of chunks.entries()) {
      const last = i === chunks.length - 1;
      const done: TransactItem[] = last
        ? [
            {
              Update: {
                TableName: this.tableName,
                Key: { pk: importPk(importId), sk: 'IMPORT' },
                UpdateExpression: 'SET #s = :applied',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':applied': 'applied' },
              },
            },
            { Delete: { TableName: this.tableName, Key: { pk: PENDING, sk: `PENDING#${importId}` } } },
          ]
        : [];
      const marker: TransactItem = {
        Put: {
          TableName: this.tableName,
          Item: { pk: importPk(importId), sk: `CHUNK#${String(i).padStart(4, '0')}` },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
      try {
        await this.transact([marker, ...this.applyItems(chunk, importId, 'reserved'), ...done]);
      } catch (e) {
        // A chunk already applied fails on its marker: it is done.
        if (!firstConditionFailed(e)) throw e;
      }
    }
  }

  private async reserve(payments: readonly StoredPayment[], importId: string): Promise<void> {
    const reserved: string[] = [];
    for (let i = 0; i < payments.length; i += MAX_TRANSACTION_ITEMS) {
      const chunk = payments.slice(i, i + MAX_TRANSACTION_ITEMS);
      try {
        await this.transact(
          chunk.map((p) => ({
            Put: {
              TableName: this.tableName,
              Item: { ...paymentKey(p.paymentId), ...p, importId, status: 'reserved' },
              ConditionExpression: 'attribute_not_exists(pk) OR (importId = :me AND #s = :reserved)',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':me': importId, ':reserved': 'reserved' },
            },
          })),
        );
        reserved.push(...chunk.map((p) => p.paymentId));
      } catch (e) {
        await this.release(reserved, importId);
        if (isCancelled(e)) throw new PaymentIdTakenError('a paymentId of this file is held by another import', { cause: e });
        throw e;
      }
    }
  }

  private async release(paymentIds: readonly string[], importId: string): Promise<void> {
    for (const id of paymentIds) {
      await this.doc
        .send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: paymentKey(id),
            ConditionExpression: 'importId = :me AND #s = :reserved',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':me': importId, ':reserved': 'reserved' },
          }),
        )
        .catch(() => {});
    }
  }

  private importRecord(payments: readonly StoredPayment[], meta: ImportMeta, status: 'committed' | 'applied'): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          pk: importPk(meta.importId),
          sk: 'IMPORT',
          importId: meta.importId,
          status,
          at: meta.at,
          by: meta.by,
          objectKey: meta.objectKey,
          count: payments.length,
          payments: JSON.stringify(payments),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** The payments of a chunk ('put' new, or turn this import's reservations into payments) and their PAID totals. */
  private applyItems(chunk: readonly StoredPayment[], importId: string, mode: 'put' | 'reserved'): TransactItem[] {
    const items: TransactItem[] = chunk.map((p) =>
      mode === 'put'
        ? {
            Put: {
              TableName: this.tableName,
              Item: { ...paymentKey(p.paymentId), ...p, importId, status: 'applied' },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          }
        : {
            Update: {
              TableName: this.tableName,
              Key: paymentKey(p.paymentId),
              UpdateExpression: 'SET #s = :applied',
              ConditionExpression: 'importId = :me',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':applied': 'applied', ':me': importId },
            },
          },
    );
    const totals = new Map<string, { institutionId: string; month: string; paid: fen.Fen; count: number }>();
    for (const p of chunk) {
      const pk = ledgerPk(p.institutionId, p.month);
      const t = totals.get(pk) ?? { institutionId: p.institutionId, month: p.month, paid: fen.ZERO, count: 0 };
      t.paid = fen.add(t.paid, fen.parse(p.amount));
      t.count++;
      totals.set(pk, t);
    }
    for (const [pk, t] of totals)
      items.push({
        Update: {
          TableName: this.tableName,
          Key: { pk, sk: PAID },
          UpdateExpression: 'ADD paid :a, payments :n SET institutionId = :i, #m = :m',
          ExpressionAttributeNames: { '#m': 'month' },
          ExpressionAttributeValues: { ':a': NumberValue.from(fen.format(t.paid)), ':n': t.count, ':i': t.institutionId, ':m': t.month },
        },
      });
    return items;
  }

  private async transact(items: TransactItem[]): Promise<void> {
    await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
  }
}

/**
 * Splits payments, in file order, into chunks of at most `budget` items: one per payment plus one per
 * distinct institution-month PAID total in the chunk. Deterministic, so a roll-forward rebuilds the
 * same chunks as the first attempt.
 */
export function pack(payments: readonly StoredPayment[], budget: number): StoredPayment[][] {
  const chunks: StoredPayment[][] = [];
  let chunk: StoredPayment[] = [];
  let totals = new Set<string>();
  for (const p of payments) {
    const key = ledgerPk(p.institutionId, p.month);
    const needed = totals.has(key) ? 1 : 2;
    if (chunk.length + totals.size + needed > budget && chunk.length > 0) {
      chunks.push(chunk);
      chunk = [];
      totals = new Set();
    }
    chunk.push(p);
    totals.add(key);
  }
  if (chunk.length > 0 || chunks.length === 0) chunks.push(chunk);
  return chunks;
}

function isCancelled(e: unknown): e is TransactionCanceledException {
  return e instanceof TransactionCanceledException;
}
