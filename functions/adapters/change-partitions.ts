/**
 * The partitions a reference change can move (domain/reference-change.ts), read from the indexes,
 * a page at a time with a cursor the fan-out keeps on its job:
 * - a person: their own partition, then every operating month (GSI3 `HEADS#operating`), whose
 *   claims may list them as a resident;
 * - an institution: the partitions indexed under it (`PI#<institutionId>`, written with each arrival);
 * - a policy version effective from E: every head whose latest date is E or later, family by family
 *   (GSI3, `gsi3sk >= E`); every head when no version starts before E (it then decides earlier dates too).
 */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ChangedRecord } from '../../domain/reference-change.ts';
import { headFamilies, institutionPartitionsPk } from './keys.ts';

/** Where a fan-out stands: which of the record's sources, and where in it. */
interface Position {
  readonly source: number;
  readonly key?: Record<string, unknown>;
}

export interface PartitionPage {
  readonly partitions: readonly string[];
  /** The cursor after this page; undefined when it was the last. */
  readonly next: string | undefined;
}

type Source =
  | { readonly fixed: string }
  | { readonly query: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>; readonly field: 'pk' | 'sk' };

/**
 * @example const page = await new ChangePartitions(doc, table).page(record, '', 100);
 */
export class ChangePartitions {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  private async policyFrom(effectiveFrom: string): Promise<string | undefined> {
    const earliest = await earliestEffective(this.doc, this.tableName);
    return earliest === undefined || effectiveFrom <= earliest ? undefined : effectiveFrom;
  }

  /** Up to `limit` partitions from `cursor` ('' to start). */
  async page(record: ChangedRecord, cursor: string, limit: number): Promise<PartitionPage> {
    const sources = sourcesOf(record, record.type === 'policy' ? await this.policyFrom(record.effectiveFrom) : undefined);
    let at: Position = cursor === '' ? { source: 0 } : (JSON.parse(cursor) as Position);
    while (at.source < sources.length) {
      const source = sources[at.source] as Source;
      if ('fixed' in source) return { partitions: [source.fixed], next: encode({ source: at.source + 1 }, sources.length) };
      const r = await this.doc.send(
        new QueryCommand({ TableName: this.tableName, ...source.query, Limit: limit, ...(at.key ? { ExclusiveStartKey: at.key } : {}) }),
      );
      const partitions = (r.Items ?? []).map((i) => partitionOf(i, source.field));
      const next: Position = r.LastEvaluatedKey ? { source: at.source, key: r.LastEvaluatedKey } : { source: at.source + 1 };
      if (partitions.length > 0 || r.LastEvaluatedKey) return { partitions, next: encode(next, sources.length) };
      at = next;
    }
    return { partitions: [], next: undefined };
  }
}

/**
 * The first date a policy version can decide: its effective date, unless no version starts before it;
 * then it also decides every earlier date (a date before the first version uses the first, §2), and
 * every head is a candidate (undefined).
 */
async function earliestEffective(doc: DynamoDBDocumentClient, tableName: string): Promise<string | undefined> {
  // Sort keys are V#<effectiveFrom>#<policyId>: the first is the earliest version.
  const r = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'POLICY' },
      ProjectionExpression: 'sk',
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return r.Items?.[0] ? String(r.Items[0].sk).slice(2, 12) : undefined;
}

const encode = (p: Position, sources: number) => (p.source >= sources ? undefined : JSON.stringify(p));

/** A head item (GSI3, keys only) names its partition in pk (`P#<partition>`); an index item in sk. */
function partitionOf(item: Record<string, unknown>, field: 'pk' | 'sk'): string {
  return field === 'pk' ? String(item.pk).slice(2) : String(item.sk);
}

const headsOf = (family: string, from?: string): Source => ({
  query: {
    IndexName: 'gsi3',
    KeyConditionExpression: from === undefined ? 'gsi3pk = :f' : 'gsi3pk = :f AND gsi3sk >= :from',
    ExpressionAttributeValues: { ':f': family, ...(from === undefined ? {} : { ':from': from }) },
  },
  field: 'pk',
});

function sourcesOf(record: ChangedRecord, policyFrom: string | undefined): Source[] {
  switch (record.type) {
    case 'person':
      return [{ fixed: `person#${record.id}` }, headsOf('HEADS#operating')];
    case 'institution':
      return [
        {
          query: { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': institutionPartitionsPk(record.id) } },
          field: 'sk',
        },
      ];
    case 'policy':
      return headFamilies().map((f) => headsOf(f, policyFrom));
  }
}
