/**
 * `ltc dlq list` and `ltc dlq redrive`: the dead-letter queues of the running local stack (found in
 * `.local/stack.json`, written by `ltc start`, or `--stack FILE`). `list` shows each dead message with
 * the reason its last failure recorded (FailureStore); `redrive` sends them back to their source
 * queue, in their message group, under a fresh deduplication id, then deletes them from the DLQ.
 * Re-adjudication is safe: a claim already stored is a no-op, so a redrive never pays twice.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FailureStore } from '../functions/adapters/failure-store.ts';
import { stackFile } from './local.ts';

export interface StackInfo {
  readonly tableName: string;
  readonly queues: { readonly claims: string; readonly subsidy: string; readonly claimsDlq: string; readonly subsidyDlq: string };
  readonly endpoints: { readonly dynamodb: string; readonly sqs: string };
}

export interface DeadMessage {
  readonly queue: 'claims' | 'subsidy';
  readonly messageId: string;
  readonly claimId: string | null;
  readonly code: string | null;
  readonly reason: string | null;
  readonly receiveCount: number | null;
  readonly groupId: string | null;
}

const option = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function stackOf(root: string, args: string[]): StackInfo {
  const file = option(args, '--stack') ?? stackFile(root);
  if (!existsSync(file)) throw new Error(`no running local stack (${file} is missing): start it with \`npm start\` or pass --stack FILE`);
  return JSON.parse(readFileSync(file, 'utf8')) as StackInfo;
}

function clients(stack: StackInfo) {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const sqs = new SQSClient({ endpoint: stack.endpoints.sqs, region: 'cn-north-1', credentials, useQueueUrlAsEndpoint: false });
  const dynamodb = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'cn-north-1', credentials });
  return {
    sqs,
    failures: new FailureStore(DynamoDBDocumentClient.from(dynamodb), stack.tableName),
    close: () => {
      sqs.destroy();
      dynamodb.destroy();
    },
  };
}

const dlqs = (stack: StackInfo) => [
  { queue: 'claims' as const, dlq: stack.queues.claimsDlq, source: stack.queues.claims },
  { queue: 'subsidy' as const, dlq: stack.queues.subsidyDlq, source: stack.queues.subsidy },
];

/**
 * Every message a DLQ will show now. FIFO queues hide the rest of a message group while one of its
 * messages is in flight, so this reads at most 10 per group; the messages are made visible again.
 */
async function peek(sqs: SQSClient, url: string): Promise<Message[]> {
  const seen: Message[] = [];
  for (;;) {
    const r = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 30,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    if (!r.Messages?.length) break;
    seen.push(...r.Messages);
  }
  for (let i = 0; i < seen.length; i += 10) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: seen.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle as string, VisibilityTimeout: 0 })),
      }),
    );
  }
  return seen;
}

function claimIdOf(body: string | undefined): string | null {
  try {
    const id = (JSON.parse(body ?? '') as { claim?: { claimId?: unknown } }).claim?.claimId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** The dead messages of both DLQs with their recorded failure. */
export async function deadMessages(stack: StackInfo): Promise<DeadMessage[]> {
  const c = clients(stack);
  try {
    const out: DeadMessage[] = [];
    for (const { queue, dlq } of dlqs(stack)) {
      for (const m of await peek(c.sqs, dlq)) {
        // A poison message parked by the adjudicator keeps its failure under its original message id.
        const f = await c.failures.get(m.MessageAttributes?.sourceMessageId?.StringValue ?? (m.MessageId as string));
        out.push({
          queue,
          messageId: m.MessageId as string,
          claimId: f?.claimId ?? claimIdOf(m.Body),
          code: f?.code ?? null,
          reason: f?.reason ?? null,
          receiveCount: f?.receiveCount ?? null,
          groupId: m.Attributes?.MessageGroupId ?? null,
        });
      }
    }
    return out;
  } finally {
    c.close();
  }
}

/** Messages held in both DLQs, shown or not. */
async function waiting(stack: StackInfo): Promise<number> {
  const c = clients(stack);
  try {
    let n = 0;
    for (const { dlq } of dlqs(stack)) {
      const a = await c.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: dlq,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      n += Number(a.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(a.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    }
    return n;
  } finally {
    c.close();
  }
}

/** `ltc dlq list [--json] [--stack FILE]` */
export async function list(root: string, args: string[]): Promise<number> {
  const dead = await deadMessages(stackOf(root, args));
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(dead, null, 2)}\n`);
    return 0;
  }
  const rows = [
    ['queue', 'message id', 'claim id', 'code', 'receives', 'reason'],
    ...dead.map((d) => [
      d.queue,
      d.messageId,
      d.claimId ?? '-',
      d.code ?? '-',
      String(d.receiveCount ?? '-'),
      d.reason ?? '(no failure recorded)',
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows) process.stdout.write(`${r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i] ?? 0))).join('  ')}\n`);
  const held = await waiting(stackOf(root, args));
  process.stdout.write(
    `${dead.length} message(s) shown, ${held} in the dead-letter queues (a FIFO queue shows the first dead messages of each group; redrive moves them all)\n`,
  );
  return 0;
}

/**
 * `ltc dlq redrive [--queue claims|subsidy] [--message-id ID] [--stack FILE]`: moves dead messages
 * back to their source queue. Send first, delete second: a crash in between leaves a copy in the
 * DLQ, never a lost message (and a copy is a no-op for the adjudicator).
 */
export async function redrive(root: string, args: string[]): Promise<number> {
  const stack = stackOf(root, args);
  const only = option(args, '--queue');
  const messageId = option(args, '--message-id');
  if (only && only !== 'claims' && only !== 'subsidy') throw new Error('--queue must be claims or subsidy');
  const c = clients(stack);
  let moved = 0;
  try {
    for (const { queue, dlq, source } of dlqs(stack)) {
      if (only && only !== queue) continue;
      const skipped: Message[] = [];
      for (;;) {
        const r = await c.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: dlq,
            MaxNumberOfMessages: 10,
            VisibilityTimeout: 30,
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['All'],
          }),
        );
        if (!r.Messages?.length) break;
        for (const m of r.Messages) {
          if (messageId && m.MessageId !== messageId) {
            skipped.push(m);
            continue;
          }
          await c.sqs.send(
            new SendMessageCommand({
              QueueUrl: source,
              MessageBody: m.Body ?? '',
              MessageGroupId: m.Attributes?.MessageGroupId ?? 'redrive',
              MessageDeduplicationId: `redrive-${randomUUID()}`,
            }),
          );
          await c.sqs.send(new DeleteMessageCommand({ QueueUrl: dlq, ReceiptHandle: m.ReceiptHandle as string }));
          process.stdout.write(`redriven ${queue} ${m.MessageId} ${claimIdOf(m.Body) ?? '-'}\n`);
          moved++;
        }
      }
      for (let i = 0; i < skipped.length; i += 10) {
        await c.sqs.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: dlq,
            Entries: skipped
              .slice(i, i + 10)
              .map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle as string, VisibilityTimeout: 0 })),
          }),
        );
      }
    }
  } finally {
    c.close();
  }
  process.stdout.write(`${moved} message(s) moved back to their source queue\n`);
  return 0;
}

/** `ltc dlq list|redrive …` */
export async function dlq(root: string, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(root, rest);
  if (sub === 'redrive') return redrive(root, rest);
  throw new Error('usage: ltc dlq list [--json] | ltc dlq redrive [--queue claims|subsidy] [--message-id ID] [--stack FILE]');
}
