/**
 * The two listings over partition members (keys.ts): GSI1, an institution's claims by the
 * Asia/Shanghai month of submission, and GSI2, the sparse review queue. Both indexes project every
 * attribute, so a page reads back as whole members.
 */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { listingPk, partitionPk, REVIEW_QUEUE } from './keys.ts';
import { type Member, toMember } from './partition-store.ts';

/** The attributes of a GSI1 / GSI2 page key, for checking a pagination token. */
export const LISTING_KEY = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;
export const REVIEW_KEY = ['pk', 'sk', 'gsi2pk', 'gsi2sk'] as const;

export interface Page {
  readonly members: readonly Member[];
  /** Where the next page starts; absent on the last page. */
  readonly nextKey?: Record<string, unknown>;
}

export interface PageRequest {
  readonly limit: number;
  readonly startKey?: Record<string, unknown>;
}

/** Filters on stored attributes; `status` as in byInstitutionMonth. */
export interface ListingFilter {
  readonly status?: string;
  readonly kind?: string;
  readonly institutionId?: string;
  readonly month?: string;
}

/**
 * Queries the listings.
 * @example const page = await index.byInstitutionMonth('INST-A', '2026-04', { limit: 50 });
 */
export class ClaimIndex {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /** The GSI1 partition key of a listing (also what a pagination token must name). */
  static listingKey(institutionId: string, month: string): string {
    return listingPk(institutionId, month);
  }

  /**
   * An institution's claims submitted in `month`, oldest first. With `status`, a filter on the stored
   * (engine) status: `needs-review` excludes reviewed claims, and approved, partially-approved and
   * rejected also let reviewed claims through, because their effective status is only known after
   * reading the review — the caller filters those by effective status.
   */
  async byInstitutionMonth(
    institutionId: string,
    month: string,
    page: PageRequest & Pick<ListingFilter, 'status' | 'kind'>,
  ): Promise<Page> {
    const filter = filterOf(page);
    return this.query({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': listingPk(institutionId, month), ...filter?.values },
      ...filterInput(filter),
      ...pageOf(page),
    });
  }

  /** The partition key a person listing's token must name. */
  static personKey(personId: string): string {
    return partitionPk(`person#${personId}`);
  }

  /**
   * A person's care-service and medical claims (their partition, §7) in arrival order: what a reviewer
   * reads beside a claim under review.
   */
  async byPerson(personId: string, page: PageRequest & ListingFilter): Promise<Page> {
    const filter = filterOf(page);
    return this.query({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': ClaimIndex.personKey(personId), ':c': 'C#', ...filter?.values },
      ...filterInput(filter),
      ...pageOf(page),
    });
  }

  /** Claims waiting for a bureau decision, oldest submission first. */
  async reviewQueue(page: PageRequest): Promise<Page> {
    return this.query({
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': REVIEW_QUEUE },
      ...pageOf(page),
    });
  }

  private async query(input: Omit<QueryCommandInput, 'TableName'>): Promise<Page> {
    const r = await this.doc.send(new QueryCommand({ TableName: this.tableName, ...input }));
    return { members: (r.Items ?? []).map(toMember), ...(r.LastEvaluatedKey ? { nextKey: r.LastEvaluatedKey } : {}) };
  }
}

const pageOf = (page: PageRequest) => ({ Limit: page.limit, ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}) });

interface Filter {
  readonly expression: string;
  readonly values: Record<string, string>;
  readonly names: Record<string, string>;
}

const filterInput = (f: Filter | undefined) =>
  f ? { FilterExpression: f.expression, ...(Object.keys(f.names).length > 0 ? { ExpressionAttributeNames: f.names } : {}) } : {};

/** Every given filter, joined with AND. */
function filterOf(f: ListingFilter): Filter | undefined {
  const parts: Filter[] = [];
  const status = statusFilter(f.status);
  if (status) parts.push({ ...status, names: { '#st': 'status' } });
  if (f.kind !== undefined) parts.push({ expression: '#kind = :kind', values: { ':kind': f.kind }, names: { '#kind': 'kind' } });
  if (f.institutionId !== undefined) parts.push({ expression: 'institutionId = :inst', values: { ':inst': f.institutionId }, names: {} });
  if (f.month !== undefined) parts.push({ expression: 'submittedMonth = :month', values: { ':month': f.month }, names: {} });
  if (parts.length === 0) return undefined;
  return {
    expression: parts.map((p) => (parts.length > 1 ? `(${p.expression})` : p.expression)).join(' AND '),
    values: Object.assign({}, ...parts.map((p) => p.values)),
    names: Object.assign({}, ...parts.map((p) => p.names)),
  };
}

function statusFilter(status: string | undefined): { expression: string; values: Record<string, string> } | undefined {
  if (status === undefined) return undefined;
  if (status === 'needs-review') return { expression: '#st = :nr AND attribute_not_exists(review)', values: { ':nr': 'needs-review' } };
  if (status === 'deferred') return { expression: '#st = :s', values: { ':s': status } };
  return { expression: '#st = :s OR (#st = :nr AND attribute_exists(review))', values: { ':s': status, ':nr': 'needs-review' } };
}
