/**
 * The read-claims function over mocked DynamoDB, as its tests and the dashboard's build it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ClaimIndex } from '../../functions/adapters/claim-index.ts';
import { ReferenceAt } from '../../functions/adapters/made-with.ts';
import { PartitionStore } from '../../functions/adapters/partition-store.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { RegistryReader } from '../../functions/adapters/registry-reads.ts';
import { StatementStore } from '../../functions/adapters/statement-store.ts';
import { makeHandler } from '../../functions/read-claims/handler.ts';
import { quiet } from './support.ts';

export const TABLE = 'Claims';

/** The handler with real adapters on a document client that aws-sdk-client-mock intercepts. */
export function readHandler(now = '2026-04-10T04:00:00Z') {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
  return makeHandler({
    partitions: new PartitionStore(doc, TABLE),
    reference: new ReferenceStore(doc, TABLE),
    referenceAt: new ReferenceAt(doc, TABLE),
    index: new ClaimIndex(doc, TABLE),
    registry: new RegistryReader(doc, TABLE),
    statements: new StatementStore(doc, TABLE),
    now: () => new Date(now),
    ...quiet(),
  });
}
