/**
 * The bureau's service records against DynamoDB Local: the transaction's conditions (registered
 * institution and person, parties fixed), the history, and the periods the submit function reads.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Agreement, type AgreementRefusedError, AgreementStore, servesKey } from '../../functions/adapters/agreements.ts';
import { createClaimsTable, localClients } from './support.ts';

const care: Agreement = {
  agreementId: 'SA#1',
  kind: 'care',
  institutionId: 'INST#A',
  personId: 'P001',
  from: '2026-01-01',
  reason: '入住',
};

describe('service records on DynamoDB Local', () => {
  const { client, doc } = localClients();
  let store: AgreementStore;
  let table: string;

  beforeAll(async () => {
    table = await createClaimsTable(client);
    store = new AgreementStore(doc, table);
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'REG#INST', sk: 'INST#A', doc: '{}' } }));
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'REG#PERSON', sk: 'P001', doc: '{}' } }));
  });

  it('keeps every version and gives the submit function the latest period of each agreement', async () => {
    // Act
    await store.put(care, 'analyst-1', '2026-01-01T09:00:00.000+08:00');
    await store.put({ ...care, to: '2026-06-30', reason: '退住' }, 'analyst-2', '2026-07-01T09:00:00.000+08:00');
    await store.put(
      { ...care, agreementId: 'ADM-1', kind: 'admission', from: '2026-08-01', to: '2026-08-09', reason: '住院登记' },
      'a',
      '2026-08-01T09:00:00.000+08:00',
    );
    // Assess
    const periods = await store.periods([
      { institutionId: 'INST#A', personId: 'P001' },
      { institutionId: 'INST#A', personId: 'P404' },
    ]);
    expect([...periods.keys()]).toEqual([servesKey('INST#A', 'P001').pk]);
    expect(periods.get(servesKey('INST#A', 'P001').pk)?.sort((a, b) => a.from.localeCompare(b.from))).toEqual([
      { kind: 'care', from: '2026-01-01', to: '2026-06-30' },
      { kind: 'admission', from: '2026-08-01', to: '2026-08-09' },
    ]);
    const history = await doc.send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'AGREEHIST#SA%231' } }),
    );
    expect(history.Items?.map((i) => [i.recordedBy, i.reason, i.to])).toEqual([
      ['analyst-1', '入住', undefined],
      ['analyst-2', '退住', '2026-06-30'],
    ]);
  });

  it('refuses an unregistered person or institution, and moving an agreement to other parties', async () => {
    const refused = async (a: Agreement) =>
      (await store.put(a, 'x', '2026-09-01T09:00:00.000+08:00').catch((e: unknown) => e)) as AgreementRefusedError;
    expect((await refused({ ...care, agreementId: 'SA-2', personId: 'P404' })).reason).toBe('UNKNOWN_PERSON');
    expect((await refused({ ...care, agreementId: 'SA-3', institutionId: 'INST-X' })).reason).toBe('UNKNOWN_INSTITUTION');
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'REG#PERSON', sk: 'P002', doc: '{}' } }));
    expect((await refused({ ...care, personId: 'P002' })).reason).toBe('PARTIES_CHANGED');
  });
});
