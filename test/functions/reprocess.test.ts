import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ChangeJobs } from '../../functions/adapters/change-jobs.ts';
import { PartitionStore } from '../../functions/adapters/partition-store.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { makeHandler } from '../../functions/adjudicate-claims/handler.ts';
import { makeReprocessor } from '../../functions/adjudicate-claims/reprocess.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const TABLE = 'Claims';
const CHANGE = 'person:P001:v2';
const registry = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'registry.json'), 'utf8'));
const quietLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** 31 days × 42.00 (grade 4, cap 60.00 × 0.70) = 1302.00 under today's registry; stored as decided before at 1240.00. */
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
const member = {
  pk: 'P#person#P001',
  sk: 'C#0000000001',
  seq: 1,
  claimId: 'CS-1',
  kind: 'care-service',
  institutionId: 'INST-A',
  submittedAt: march.submittedAt,
  submittedMonth: '2026-04',
  content: JSON.stringify(march),
  contentKey: 'k',
  outcome: { claimId: 'CS-1', kind: 'care-service', status: 'approved', fundAmount: '1240.00', personalAmount: '1240.00', reasonCodes: [] },
  payable: '1240.00',
  adjustments: [],
  decidedAt: '2026-04-02T10:00:00.000+08:00',
};

function stored(options: { marked?: boolean } = {}) {
  ddb.on(GetCommand, { Key: { pk: 'P#person#P001', sk: 'HEAD' } }).resolves({ Item: { version: 1, nextSeq: 2 } });
  ddb
    .on(GetCommand, { Key: { pk: 'CHANGE#person%3AP001%3Av2', sk: 'P#person#P001' } })
    .resolves(options.marked ? { Item: { pk: 'x' } } : {});
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'P#person#P001', ':c': 'C#' } }).resolves({ Items: [member] });
  ddb.on(BatchGetCommand).callsFake((input) => {
    const keys = input.RequestItems[TABLE].Keys as { pk: string; sk: string }[];
    const docs = keys.map((k) =>
      k.pk === 'REG#PERSON'
        ? registry.persons.find((p: { personId: string }) => p.personId === k.sk)
        : registry.institutions.find((i: { institutionId: string }) => i.institutionId === k.sk),
    );
    return { Responses: { [TABLE]: docs.filter(Boolean).map((doc, i) => ({ ...keys[i], doc: JSON.stringify(doc) })) } };
  });
  ddb.on(TransactWriteCommand).resolves({});
}

function reprocessor() {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  return makeReprocessor({
    store: new PartitionStore(doc, TABLE),
    reference: new ReferenceStore(doc, TABLE),
    changes: new ChangeJobs(doc, TABLE),
    now: () => new Date('2026-06-10T02:00:00Z'),
    sleep: async () => {},
  });
}

beforeEach(() => ddb.reset());

describe('a reference change re-deciding a partition', () => {
  it('adjusts the moved claim with the change as trigger, and writes the marker and the head in the same transaction', async () => {
    // Prepare
    stored();
    // Act
    const result = await reprocessor()(CHANGE, 'person#P001');
    // Assess
    expect(result).toMatchObject({ type: 'reprocessed', changed: 1 });
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Update).toMatchObject({
      Key: { pk: 'P#person#P001', sk: 'HEAD' },
      ConditionExpression: 'version = :v AND attribute_not_exists(pending)',
      ExpressionAttributeValues: { ':v': 1, ':v1': 2, ':n': 3 },
    });
    const puts = items.flatMap((i) => (i.Put ? [i.Put] : []));
    expect(puts.find((p) => p.Item?.sk === 'A#0000000002')?.Item).toMatchObject({ trigger: CHANGE });
    expect(puts.find((p) => String(p.Item?.pk).startsWith('CHANGE#'))).toMatchObject({
      Item: { pk: 'CHANGE#person%3AP001%3Av2', sk: 'P#person#P001', changeId: CHANGE },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    // No new member, no claim-id guard, no received/decided count: nothing arrived.
    expect(puts.some((p) => String(p.Item?.pk).startsWith('ID#') || String(p.Item?.sk).startsWith('C#'))).toBe(false);
    const update = items.find((i) => i.Update?.Key?.sk === 'C#0000000001')?.Update;
    expect(update?.ExpressionAttributeValues?.[':adj']).toEqual([
      {
        amount: '62.00',
        reason: 'REPROCESSED',
        triggeredBy: CHANGE,
        triggerType: 'reference-change',
        postedAt: '2026-06-10T10:00:00.000+08:00',
      },
    ]);
    expect(puts.find((p) => String(p.Item?.pk) === 'L#INST-A#2026-06')?.Item).toMatchObject({
      claimId: 'CS-1',
      amount: '62.00',
      triggeredBy: CHANGE,
      triggerType: 'reference-change',
    });
  });

  it('writes nothing when the change has re-decided the partition before', async () => {
    // Prepare
    stored({ marked: true });
    // Act
    const result = await reprocessor()(CHANGE, 'person#P001');
    // Assess
    expect(result).toEqual({ type: 'already-reprocessed', changeId: CHANGE, partition: 'person#P001' });
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('reaches the reprocessor from a reprocess message on the adjudicator’s queue', async () => {
    // Prepare
    const asked: string[] = [];
    const handler = makeHandler({
      adjudicate: async () => {
        throw new Error('not a claim');
      },
      reprocess: async (changeId, partition) => {
        asked.push(`${changeId} ${partition}`);
        return { type: 'already-reprocessed', changeId, partition };
      },
      failures: { record: async () => {} },
      logger: quietLogger,
      now: () => new Date(),
    });
    const event = {
      Records: [
        {
          messageId: 'm1',
          body: JSON.stringify({ type: 'reprocess', changeId: CHANGE, partition: 'person#P001' }),
          attributes: { MessageGroupId: 'person#P001', ApproximateReceiveCount: '1' },
        },
      ],
    } as unknown as SQSEvent;
    // Act
    const response = await handler(event);
    // Assess
    expect(response.batchItemFailures).toEqual([]);
    expect(asked).toEqual([`${CHANGE} person#P001`]);
  });
});
