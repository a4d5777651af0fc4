import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, DynamoDBServiceException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DeadLetters } from '../../functions/adapters/dead-letters.ts';
import type { FailureStore } from '../../functions/adapters/failure-store.ts';
import { PartitionStore } from '../../functions/adapters/partition-store.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { type AdjudicationResult, makeAdjudicator, PoisonMessageError } from '../../functions/adjudicate-claims/adjudicate.ts';
import { makeHandler } from '../../functions/adjudicate-claims/handler.ts';
import { loggablePartition } from '../../functions/pseudonym.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'Claims';
const NOW = new Date('2026-04-10T02:00:00Z');
const batch = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'events', 'sqs-claims-batch.json'), 'utf8')) as SQSEvent;
const registry = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'registry.json'), 'utf8'));
const quietLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** 31 days × 42.00 (grade 4, cap 60.00 × 0.70) = 1302.00 payable to INST-A. */
const march = {
  kind: 'care-service',
  claimId: 'CS-1',
  institutionId: 'INST-A',
  personId: 'P001',
  submittedAt: '2026-04-02T09:00:00+08:00',
  setting: 'institutional',
  period: { from: '2026-03-01', to: '2026-03-31' },
  lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to: '2026-03-31', unitPrice: '80.00' }],
};

function adjudicator() {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  return makeAdjudicator({
    store: new PartitionStore(doc, TABLE),
    reference: new ReferenceStore(doc, TABLE),
    now: () => NOW,
    sleep: async () => {},
  });
}

/** An empty person partition at `version`, the registry records, no policy versions, no closes. */
function storedPartition(versions: number[]) {
  ddb.on(GetCommand, { Key: { pk: 'ID#CS-1', sk: 'ID' } }).resolves({});
  const head = ddb.on(GetCommand, { Key: { pk: 'P#person#P001', sk: 'HEAD' } });
  for (const v of versions) head.resolvesOnce({ Item: { version: v, nextSeq: 5 } });
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(BatchGetCommand).callsFake((input) => {
    const keys = input.RequestItems[TABLE].Keys as { pk: string; sk: string }[];
    const items = keys
      .map((k) =>
        k.pk === 'REG#PERSON'
          ? registry.persons.find((p: { personId: string }) => p.personId === k.sk)
          : registry.institutions.find((i: { institutionId: string }) => i.institutionId === k.sk),
      )
      .filter(Boolean)
      .map((doc: unknown, i: number) => ({ ...keys[i], doc: JSON.stringify(doc) }));
    return { Responses: { [TABLE]: items } };
  });
}

const conflict = () =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
  });

beforeEach(() => ddb.reset());

describe('the adjudicator', () => {
  it('commits the decision, its ledger entry and the new state in one transaction guarded by the partition version', async () => {
    // Prepare
    storedPartition([3]);
    ddb.on(TransactWriteCommand).resolves({});
    // Act
    const result = await adjudicator()(march);
    // Assess
    expect(result).toMatchObject({ type: 'decided', claimId: 'CS-1', seq: 5, outcome: { status: 'approved', fundAmount: '1302.00' } });
    const calls = ddb.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(1);
    const items = calls[0]?.args[0].input.TransactItems ?? [];
    const keyOf = (i: (typeof items)[number]) => {
      const op = (i.Put ?? i.Update ?? i.ConditionCheck ?? i.Delete) as {
        Key?: { pk: string; sk: string };
        Item?: { pk: string; sk: string };
      };
      return op.Key ?? { pk: op.Item?.pk, sk: op.Item?.sk };
    };
    const find = (pk: string, sk: string | RegExp) =>
      items.find((i) => keyOf(i).pk === pk && (typeof sk === 'string' ? keyOf(i).sk === sk : sk.test(String(keyOf(i).sk))));
    expect(items[0]?.Update).toMatchObject({
      Key: { pk: 'P#person#P001', sk: 'HEAD' },
      ConditionExpression: 'version = :v AND attribute_not_exists(pending)',
      ExpressionAttributeValues: { ':v': 3, ':v1': 4, ':n': 6 },
    });
    expect(find('ID#CS-1', 'ID')?.Put).toMatchObject({
      Item: { partition: 'person#P001', seq: 5 },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(find('P#person#P001', 'C#0000000005')?.Put?.Item).toMatchObject({ claimId: 'CS-1', payable: '1302.00' });
    expect(find('P#person#P001', 'A#0000000005')?.Put).toBeDefined();
    expect(find('CLOSE', 'M#2026-04')?.ConditionCheck).toMatchObject({ ConditionExpression: 'attribute_not_exists(pk)' });
    expect(find('L#INST-A#2026-04', /^E#/)?.Put?.Item).toMatchObject({
      amount: '1302.00',
      accountingMonth: '2026-04',
      triggeredBy: 'CS-1',
    });
    const total = find('L#INST-A#2026-04', 'TOTAL')?.Update;
    expect(total?.UpdateExpression).toContain('ADD payable :a');
    expect(String(total?.ExpressionAttributeValues?.[':a'])).toBe('1302.00');
    expect(items.length).toBeLessThanOrEqual(100);
  });

  it('reloads the partition and decides again when a conditional check fails', async () => {
    // Prepare: another writer moved the head from 3 to 4 meanwhile.
    storedPartition([3, 4]);
    ddb.on(TransactWriteCommand).rejectsOnce(conflict()).resolves({});
    // Act
    const result = await adjudicator()(march);
    // Assess
    expect(result).toMatchObject({ type: 'decided', attempts: 2 });
    const calls = ddb.commandCalls(TransactWriteCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input.TransactItems?.[0]?.Update?.ExpressionAttributeValues).toMatchObject({ ':v': 4, ':v1': 5 });
  });

  it('treats a message whose claim is already stored with the same content as a no-op', async () => {
    // Prepare: the guard holds CS-1 with the content key of this very delivery.
    const { validateClaim } = await import('../../domain/claims.ts');
    const v = validateClaim(march);
    if (!v.ok) throw new Error('fixture claim is invalid');
    ddb
      .on(GetCommand, { Key: { pk: 'ID#CS-1', sk: 'ID' } })
      .resolves({ Item: { partition: 'person#P001', seq: 5, contentKey: v.contentKey } });
    ddb.on(GetCommand, { Key: { pk: 'P#person#P001', sk: 'HEAD' } }).resolves({ Item: { version: 4, nextSeq: 6 } });
    ddb.on(QueryCommand).resolves({ Items: [] });
    // Act
    const result = await adjudicator()(structuredClone(march));
    // Assess
    expect(result).toEqual({ type: 'redelivery', claimId: 'CS-1' });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses the same claimId with other content and records the refusal, paying nothing', async () => {
    ddb
      .on(GetCommand, { Key: { pk: 'ID#CS-1', sk: 'ID' } })
      .resolves({ Item: { partition: 'person#P001', seq: 5, contentKey: 'other content' } });
    const result = await adjudicator()(march);
    expect(result).toEqual({ type: 'conflict', claimId: 'CS-1' });
    // Only the refusal record (and its receipt count) is written: no member, no ledger entry, no payable.
    const written = ddb.commandCalls(TransactWriteCommand).flatMap((c) => c.args[0].input.TransactItems ?? []);
    const keys = [
      ...written.map((i) => String(((i.Put?.Item ?? i.Update?.Key ?? {}) as { pk: string; sk: string }).sk)),
      ...ddb.commandCalls(PutCommand).map((c) => String(c.args[0].input.Item?.sk)),
    ];
    expect(keys.filter((k) => k.startsWith('C#') || k.startsWith('E#') || k === 'TOTAL')).toEqual([]);
    expect(keys.some((k) => k.startsWith('REFUSED#'))).toBe(true);
  });
});

describe('the SQS handler', () => {
  it('keeps FIFO order: after a failure, the rest of that message group fails too, other groups go on', async () => {
    // Prepare: A-1 fails; A-2 is in the same group, B-1 and B-2 in another.
    const seen: string[] = [];
    const handler = makeHandler({
      adjudicate: async (claim) => {
        const id = (claim as { claimId: string }).claimId;
        seen.push(id);
        if (id === 'A-1') throw new Error('DynamoDB unavailable');
        return { type: 'redelivery', claimId: id } as AdjudicationResult;
      },
      failures: { record: async () => {} },
      logger: quietLogger,
      now: () => NOW,
    });
    // Act
    const response = await handler(batch);
    // Assess
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m-1', 'm-3']);
    expect(seen).toEqual(['A-1', 'B-1', 'B-2']);
  });

  it('records why a poison message failed, so it can be shown when it reaches the DLQ', async () => {
    // Prepare
    const recorded: unknown[] = [];
    const handler = makeHandler({
      adjudicate: adjudicator(),
      failures: { record: async (f) => void recorded.push(f) } as Pick<FailureStore, 'record'>,
      logger: quietLogger,
      now: () => NOW,
    });
    const poison = {
      Records: [
        {
          ...(batch.Records[0] as SQSEvent['Records'][number]),
          body: 'not json',
          attributes: { ...(batch.Records[0] as SQSEvent['Records'][number]).attributes, ApproximateReceiveCount: '3' },
        },
      ],
    };
    // Act / Assess: every record failed, so the whole batch is handed back to SQS.
    await expect(handler(poison)).rejects.toThrow(/All records failed/);
    expect(recorded).toEqual([
      expect.objectContaining({ messageId: 'm-1', code: 'POISON_MESSAGE', reason: 'message body is not JSON', receiveCount: 3 }),
    ]);
  });

  it('parks a poison message in its DLQ at once, with its reason, and lets the rest of its group go on', async () => {
    // Prepare: m-1 (group A) is not JSON; m-3 is the next claim of group A.
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'dead-1' });
    const recorded: unknown[] = [];
    const seen: string[] = [];
    const handler = makeHandler({
      adjudicate: async (claim) => {
        const id = (claim as { claimId: string }).claimId;
        seen.push(id);
        return { type: 'redelivery', claimId: id } as AdjudicationResult;
      },
      failures: { record: async (f) => void recorded.push(f) } as Pick<FailureStore, 'record'>,
      deadLetters: new DeadLetters(new SQSClient({ region: 'cn-north-1' }), {
        'arn:aws-cn:sqs:cn-north-1:000000000000:ClaimsQueue.fifo': 'https://sqs/claims-dlq.fifo',
      }),
      logger: quietLogger,
      now: () => NOW,
    });
    const records = batch.Records.map((r) => (r.messageId === 'm-1' ? { ...r, body: 'not json' } : r));
    try {
      // Act
      const response = await handler({ Records: records });
      // Assess
      expect(response.batchItemFailures).toEqual([]);
      expect(seen).toEqual(['B-1', 'A-2', 'B-2']);
      expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([
        expect.objectContaining({
          QueueUrl: 'https://sqs/claims-dlq.fifo',
          MessageBody: 'not json',
          MessageGroupId: 'person#A',
          MessageDeduplicationId: 'm-1',
          MessageAttributes: expect.objectContaining({ failureReason: { DataType: 'String', StringValue: 'message body is not JSON' } }),
        }),
      ]);
      expect(recorded).toEqual([expect.objectContaining({ messageId: 'm-1', code: 'POISON_MESSAGE', receiveCount: 1 })]);
    } finally {
      sqs.restore();
    }
  });

  it('makes a claim DynamoDB refuses to store (ValidationException) a poison message, not a retry', async () => {
    // Prepare: before the API bounded ids, a 3,000-character claimId reached the guard's GetItem.
    ddb.on(GetCommand).rejects(
      new DynamoDBServiceException({
        name: 'ValidationException',
        $fault: 'client',
        $metadata: {},
        message: 'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of 2048 bytes',
      }),
    );
    // Act
    const attempt = adjudicator()({ ...march, claimId: 'x'.repeat(3000) });
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(PoisonMessageError);
    await expect(attempt).rejects.toThrow(/DynamoDB cannot store this claim: .*2048 bytes/);
  });

  it('logs a person by a keyed hash, never by id', async () => {
    // Prepare
    storedPartition([3]);
    ddb.on(TransactWriteCommand).resolves({});
    const lines: unknown[] = [];
    const logger = { info: (...a: unknown[]) => void lines.push(a), warn: (...a: unknown[]) => void lines.push(a), error: () => {} };
    const handler = makeHandler({ adjudicate: adjudicator(), failures: { record: async () => {} }, logger, now: () => NOW });
    const record = { ...(batch.Records[0] as SQSEvent['Records'][number]), body: JSON.stringify({ type: 'claim', claim: march }) };
    // Act
    await handler({ Records: [record] });
    // Assess
    expect(JSON.stringify(lines)).not.toContain('P001');
    expect(lines).toEqual([['adjudicated', expect.objectContaining({ claimId: 'CS-1', partition: loggablePartition('person#P001') })]]);
    expect(loggablePartition('person#P001')).toMatch(/^person#p~[0-9a-f]{16}$/);
  });
});
