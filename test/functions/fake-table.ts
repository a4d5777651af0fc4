/**
 * Just enough of DynamoDB, on an aws-sdk-client-mock of the document client, for the submit
 * function's two kinds of conditional items: idempotency records (`IDEM…` / `IDEM`) and claim-id
 * reservations (`ID#…` / `OWNER`); BatchGetItem reads back whatever is stored (agreements). Each honours exactly the conditions its adapter writes, so a test
 * sees the races and refusals the real table would give.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { type AgreementPeriod, type AgreementStore, servesKey } from '../../functions/adapters/agreements.ts';

type Json = Record<string, unknown>;
type DocMock = AwsClientStub<DynamoDBDocumentClient>;

const failed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

/** Installs the fake on `ddb` and returns its items, keyed `pk|sk`. */
export function fakeTable(ddb: DocMock): Map<string, Json> {
  const items = new Map<string, Json>();
  const key = (k: { pk: unknown; sk: unknown }) => `${k.pk}|${k.sk}`;
  ddb.on(PutCommand).callsFake((input) => {
    const item = input.Item as Json & { pk: unknown; sk: unknown };
    if (items.has(key(item))) throw failed();
    items.set(key(item), { ...item });
    return {};
  });
  ddb.on(GetCommand).callsFake((input) => ({ Item: items.get(key(input.Key)) }));
  ddb.on(BatchGetCommand).callsFake((input) => {
    const [table, request] = Object.entries(input.RequestItems ?? {})[0] as [string, { Keys: { pk: unknown; sk: unknown }[] }];
    return { Responses: { [table]: request.Keys.flatMap((k) => (items.has(key(k)) ? [items.get(key(k))] : [])) } };
  });
  ddb.on(DeleteCommand).callsFake((input) => {
    items.delete(key(input.Key));
    return {};
  });
  ddb.on(UpdateCommand).callsFake((input) => {
    const k = key(input.Key);
    const item = items.get(k);
    const v = input.ExpressionAttributeValues as Json;
    if (input.Key.sk === 'OWNER' && input.UpdateExpression.startsWith('REMOVE')) {
      if (!item || item.reservedBy !== v[':token']) throw failed();
      for (const a of ['contentHash', 'submittedAt', 'reservedBy', 'reservedAt']) delete item[a];
      return {};
    }
    if (input.Key.sk === 'OWNER') {
      if (item && (item.institutionId !== v[':inst'] || (item.contentHash !== undefined && item.contentHash !== v[':hash'])))
        throw failed();
      const next: Json = {
        ...input.Key,
        ...item,
        institutionId: v[':inst'],
        contentHash: item?.contentHash ?? v[':hash'],
        submittedAt: item?.submittedAt ?? v[':at'],
        reservedBy: item?.reservedBy ?? v[':token'],
        reservedAt: item?.reservedAt ?? v[':now'],
      };
      items.set(k, next);
      return { Attributes: { ...next } };
    }
    // An idempotency record completed by the request holding its token.
    if (!item || item.token !== v[':token']) throw failed();
    Object.assign(item, { state: v[':completed'], statusCode: v[':status'], body: v[':body'] });
    return {};
  });
  return items;
}

/** Stores, as the bureau would have, an agreement of `institutionId` serving `personId`. */
export function serve(
  items: Map<string, Json>,
  institutionId: string,
  personId: string,
  period: AgreementPeriod,
  agreementId = 'SA-1',
): void {
  const k = servesKey(institutionId, personId);
  const item = items.get(`${k.pk}|${k.sk}`) ?? { ...k, institutionId, personId };
  items.set(`${k.pk}|${k.sk}`, { ...item, [`agreement:${agreementId}`]: period });
}

/** Agreements of every institution with every person, for tests about something else. */
export const everyoneServed: Pick<AgreementStore, 'periods'> = {
  periods: async (pairs) =>
    new Map(
      pairs.map((p) => [
        servesKey(p.institutionId, p.personId).pk,
        [
          { kind: 'care', from: '1900-01-01' },
          { kind: 'admission', from: '1900-01-01' },
        ],
      ]),
    ),
};
