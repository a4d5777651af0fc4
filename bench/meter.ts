/**
 * Counts what the local stack asks of DynamoDB and SQS, by attaching middleware to the stack's own
 * clients after it has started (the DynamoDBDocumentClient the handlers use shares the middleware
 * stack of its DynamoDBClient, so every handler call passes through here; nothing in the stack changes).
 *
 * DynamoDB capacity is measured two ways:
 * - reported: every read/write request gets `ReturnConsumedCapacity: 'TOTAL'` and the returned
 *   ConsumedCapacity is summed. DynamoDB Local's figures follow the documented rules for standard
 *   reads and writes (probed: a 0.5/1.5/2.5 KB Put = 1/2/3 WCU, an Update = max(before, after), a
 *   consistent Get = 1 RCU, eventually consistent 0.5, BatchGet per item, Query per 4 KB of the sum),
 *   but not for TransactWriteItems (a single 0.5 KB Put in a transaction is reported as 4 WCU, a
 *   1.5 KB one as 8; documented: 2 and 4), and it leaves out the writes to global secondary indexes.
 * - by the rules (what the cost figures use): reads and standard writes as reported; each
 *   TransactWriteItems item costs 2 WCU per started KB of its item (Put: the item written; Update:
 *   the item's size after the run, read by one Scan once the run is idle, an upper bound on
 *   max(before, after); ConditionCheck: 2 WCU, the checked item being absent or under 1 KB here);
 *   plus 1 WCU per started KB for each GSI (projection ALL) the written item appears in.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { type DynamoDBDocumentClient, NumberValue, ScanCommand } from '@aws-sdk/lib-dynamodb';

/** Who asked: the submit function (idempotency records) or the adjudicator (everything else). */
export type Caller = 'submit' | 'adjudicate';

interface DdbTally {
  calls: number;
  reportedRcu: number;
  reportedWcu: number;
}

type Key = { pk: string; sk: string };

const CAPACITY_COMMANDS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'TransactGetItems',
]);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/** DynamoDB's item size rules: names and values in UTF-8 bytes, numbers ~1 byte per 2 digits + 1. */
export function valueSize(v: unknown): number {
  if (v === undefined) return 0;
  if (v === null || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof NumberValue) {
    const digits = String(v instanceof NumberValue ? v.value : v)
      .replace(/[-+.]|e.*$/gi, '')
      .replace(/^0+|0+$/g, '');
    return Math.ceil(Math.max(1, digits.length) / 2) + 1;
  }
  if (v instanceof Uint8Array) return v.byteLength;
  if (Array.isArray(v)) return 3 + v.reduce((s: number, e) => s + valueSize(e) + 1, 0);
  if (v instanceof Set) return [...v].reduce((s: number, e) => s + valueSize(e), 0);
  if (typeof v === 'object') return 3 + Object.entries(v as object).reduce((s, [k, e]) => s + Buffer.byteLength(k) + valueSize(e) + 1, 0);
  return 0;
}

export function itemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((s, [k, v]) => (v === undefined ? s : s + Buffer.byteLength(k) + valueSize(v)), 0);
}

const kb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const keyOf = (k: Key) => `${k.pk}\u0000${k.sk}`;
const callerOfPk = (pk: unknown): Caller => (typeof pk === 'string' && pk.startsWith('IDEM#') ? 'submit' : 'adjudicate');

export interface ItemShape {
  readonly op: 'put' | 'update' | 'check';
  size: number;
  gsi1: boolean;
  gsi2: boolean;
  readonly key?: Key;
}
export type TransactionShape = ItemShape[];

export interface SqsTally {
  calls: number;
  /** Billed requests: each 64 KB of payload is one request. */
  billed: number;
}

export class Meter {
  /** Only requests made while on are counted (the registry load and the final Scan are not). */
  on = false;
  readonly ddb = new Map<string, DdbTally>();
  readonly sqs = new Map<string, SqsTally>();
  /** Transactions by caller, and the rule-based write units of their items. */
  transactions = 0;
  transactItems = 0;
  transactPutWcu = 0;
  transactCheckWcu = 0;
  gsiPutWcu = 0;
  private readonly transactUpdates: Key[] = [];
  /**
   * The adjudicator's transactions as shapes (per item: Put, Update or ConditionCheck, its size and its
   * GSIs), for the storage ceiling (bench/ceiling.ts). An Update's size is filled in by sizeUpdates().
   */
  readonly transactionShapes: TransactionShape[] = [];
  /** Completed after the run by sizeUpdates(). */
  transactUpdateWcu = 0;
  gsiUpdateWcu = 0;
  emptyReceives = 0;
  messagesReceived = 0;
  messagesDeleted = 0;
  /** DeleteMessageBatch calls: one per adjudicator invocation that had a success (batch size ≤ 10). */
  invocations = 0;
  /** Sum of (delete − last receive) per invocation: the handler's wall time, roughly. */
  handlerMs = 0;
  readonly decidedAt = new Map<string, number>();
  /** When the adjudicator first received a message. */
  firstReceiveAt: number | undefined;
  private readonly claimOfReceipt = new Map<string, string>();
  private readonly lastReceive = new Map<string, number>();

  tally(service: 'ddb', caller: string, command: string): DdbTally;
  tally(service: 'sqs', caller: string, command: string): SqsTally;
  tally(service: 'ddb' | 'sqs', caller: string, command: string): DdbTally | SqsTally {
    const key = `${caller} ${command}`;
    if (service === 'ddb') {
      let t = this.ddb.get(key);
      if (!t) this.ddb.set(key, (t = { calls: 0, reportedRcu: 0, reportedWcu: 0 }));
      return t;
    }
    let t = this.sqs.get(key);
    if (!t) this.sqs.set(key, (t = { calls: 0, billed: 0 }));
    return t;
  }

  /** Adds the capacity middleware to the stack's DynamoDB client (and so to its document client). */
  attachDynamoDb(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName ?? '').replace(/Command$/, '');
        if (!this.on || !CAPACITY_COMMANDS.has(command)) return next(args);
        const input = { ...(args.input as Record<string, unknown>), ReturnConsumedCapacity: 'TOTAL' };
        const caller = this.callerOf(input);
        const result = await next({ ...args, input });
        const t = this.tally('ddb', caller, command);
        t.calls++;
        const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
        const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
          (s: number, c: { CapacityUnits?: number }) => s + (c.CapacityUnits ?? 0),
          0,
        );
        if (WRITES.has(command)) t.reportedWcu += units;
        else t.reportedRcu += units;
        if (command === 'TransactWriteItems') this.ruleTransaction(input);
        return result;
      },
      { step: 'initialize', name: 'benchCapacityMeter', priority: 'high' },
    );
  }

  /** Counts SQS requests, messages, adjudicator invocations and decision times. */
  attachSqs(client: SQSClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName ?? '').replace(/Command$/, '');
        const input = args.input as Record<string, unknown>;
        const result = await next(args);
        // Counted when the answer arrives: a long poll started before the run still delivers into it.
        if (!this.on) return result;
        const now = performance.now();
        const caller =
          command === 'SendMessageBatch' || command === 'SendMessage'
            ? 'submit'
            : command === 'GetQueueAttributes'
              ? 'bench'
              : 'adjudicate';
        const t = this.tally('sqs', caller, command);
        t.calls++;
        let bytes = 0;
        if (command === 'SendMessageBatch')
          for (const e of (input.Entries as { MessageBody?: string }[]) ?? []) bytes += Buffer.byteLength(e.MessageBody ?? '');
        if (command === 'ReceiveMessage') {
          const messages = (result.output as { Messages?: { Body?: string; ReceiptHandle?: string }[] }).Messages ?? [];
          if (messages.length === 0) this.emptyReceives++;
          else {
            this.lastReceive.set(String(input.QueueUrl), now);
            this.firstReceiveAt ??= now;
          }
          this.messagesReceived += messages.length;
          for (const m of messages) {
            bytes += Buffer.byteLength(m.Body ?? '');
            const id = /"claimId":"([^"]*)"/.exec(m.Body ?? '')?.[1];
            if (id && m.ReceiptHandle) this.claimOfReceipt.set(m.ReceiptHandle, id);
          }
        }
        if (command === 'DeleteMessageBatch') {
          const entries = (input.Entries as { ReceiptHandle?: string }[]) ?? [];
          this.invocations++;
          this.messagesDeleted += entries.length;
          this.handlerMs += now - (this.lastReceive.get(String(input.QueueUrl)) ?? now);
          for (const e of entries) {
            const id = this.claimOfReceipt.get(e.ReceiptHandle ?? '');
            if (id && !this.decidedAt.has(id)) this.decidedAt.set(id, now);
            this.claimOfReceipt.delete(e.ReceiptHandle ?? '');
          }
        }
        t.billed += Math.max(1, Math.ceil(bytes / 65_536));
        return result;
      },
      { step: 'initialize', name: 'benchSqsMeter', priority: 'high' },
    );
  }

  /** After the run: sizes the items the transactions updated (one Scan, not counted). */
  async sizeUpdates(doc: DynamoDBDocumentClient, tableName: string): Promise<void> {
    const was = this.on;
    this.on = false;
    const sizes = new Map<string, { size: number; gsi: number }>();
    const itemBytes = new Map<string, { size: number; gsi1: boolean; gsi2: boolean }>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) {
        sizes.set(keyOf(item as Key), { size: itemSize(item), gsi: (item.gsi1pk ? 1 : 0) + (item.gsi2pk ? 1 : 0) });
        itemBytes.set(keyOf(item as Key), { size: itemSize(item), gsi1: Boolean(item.gsi1pk), gsi2: Boolean(item.gsi2pk) });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    for (const k of this.transactUpdates) {
      const s = sizes.get(keyOf(k)) ?? { size: 0, gsi: 0 };
      this.transactUpdateWcu += 2 * kb(s.size);
      this.gsiUpdateWcu += s.gsi * kb(s.size);
    }
    for (const t of this.transactionShapes)
      for (const i of t)
        if (i.op === 'update' && i.key) {
          const found = itemBytes.get(keyOf(i.key));
          i.size = found?.size ?? 0;
          i.gsi1 = found?.gsi1 ?? false;
          i.gsi2 = found?.gsi2 ?? false;
        }
    this.on = was;
  }

  /** Write units of the transactions by the documented rules (updates sized later). */
  get transactWcu(): number {
    return this.transactPutWcu + this.transactCheckWcu + this.transactUpdateWcu + this.gsiPutWcu + this.gsiUpdateWcu;
  }

  private callerOf(input: Record<string, unknown>): Caller {
    const key = (input.Key ?? input.Item) as { pk?: unknown } | undefined;
    return key ? callerOfPk(key.pk) : 'adjudicate';
  }

  private ruleTransaction(input: Record<string, unknown>): void {
    const items = (input.TransactItems ?? []) as {
      Put?: { Item: Record<string, unknown> };
      Update?: { Key: Key };
      ConditionCheck?: { Key: Key };
      Delete?: { Key: Key };
    }[];
    this.transactions++;
    this.transactItems += items.length;
    const first = items[0]?.Put?.Item ?? items[0]?.Update?.Key ?? items[0]?.ConditionCheck?.Key;
    const shape: TransactionShape | undefined = callerOfPk(first?.pk) === 'adjudicate' ? [] : undefined;
    if (shape) this.transactionShapes.push(shape);
    for (const i of items) {
      if (shape) {
        if (i.Put)
          shape.push({ op: 'put', size: itemSize(i.Put.Item), gsi1: Boolean(i.Put.Item.gsi1pk), gsi2: Boolean(i.Put.Item.gsi2pk) });
        else if (i.Update) shape.push({ op: 'update', size: 0, gsi1: false, gsi2: false, key: i.Update.Key });
        else shape.push({ op: 'check', size: 0, gsi1: false, gsi2: false });
      }
      if (i.Put) {
        const size = i.Put.Item ? itemSize(i.Put.Item) : 0;
        this.transactPutWcu += 2 * kb(size);
        this.gsiPutWcu += ((i.Put.Item.gsi1pk ? 1 : 0) + (i.Put.Item.gsi2pk ? 1 : 0)) * kb(size);
      } else if (i.Update) this.transactUpdates.push(i.Update.Key);
      else if (i.ConditionCheck || i.Delete) this.transactCheckWcu += 2;
    }
  }
}
