/**
 * Reading the bureau's reference data back (reference-store.ts writes it): registry persons and
 * institutions page by page, searched by id prefix, and policy versions. A record is returned as the
 * domain's schema reads it (defaults applied), so the console shows what the rules see.
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { PolicyDocument } from '../../domain/policy/schema.ts';
import { type InstitutionRecord, InstitutionSchema, type PersonRecord, PersonSchema } from '../../domain/registry.ts';

export const PERSON_PK = 'REG#PERSON';
export const INSTITUTION_PK = 'REG#INST';
export const POLICY_PK = 'POLICY';

/** The attributes of a registry or policy page key, for checking a pagination token. */
export const REFERENCE_KEY = ['pk', 'sk'] as const;

export interface ReferencePage<T> {
  readonly items: readonly T[];
  readonly nextKey?: Record<string, unknown>;
}

export interface PolicyVersionSummary {
  readonly policyId: string;
  readonly effectiveFrom: string;
}

export interface StoredPolicy extends PolicyVersionSummary {
  readonly document: PolicyDocument;
}

/**
 * @example const page = await new RegistryReader(doc, table).persons({ prefix: 'P00', limit: 20 });
 */
export class RegistryReader {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /** Persons whose id starts with `prefix` (all when empty), in id order. */
  async persons(page: { prefix?: string; limit: number; startKey?: Record<string, unknown> }): Promise<ReferencePage<PersonRecord>> {
    return this.page(PERSON_PK, page, (doc) => PersonSchema.parse(doc));
  }

  /** Institutions whose id starts with `prefix`, in id order. */
  async institutions(page: {
    prefix?: string;
    limit: number;
    startKey?: Record<string, unknown>;
  }): Promise<ReferencePage<InstitutionRecord>> {
    return this.page(INSTITUTION_PK, page, (doc) => InstitutionSchema.parse(doc));
  }

  async person(personId: string): Promise<PersonRecord | undefined> {
    const item = await this.get(PERSON_PK, personId);
    return item ? PersonSchema.parse(JSON.parse(String(item.doc))) : undefined;
  }

  async institution(institutionId: string): Promise<InstitutionRecord | undefined> {
    const item = await this.get(INSTITUTION_PK, institutionId);
    return item ? InstitutionSchema.parse(JSON.parse(String(item.doc))) : undefined;
  }

  /** Every published policy version, oldest effective date first, without their documents. */
  async policyVersions(): Promise<PolicyVersionSummary[]> {
    const out: PolicyVersionSummary[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.query({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': POLICY_PK },
        ProjectionExpression: 'policyId, effectiveFrom',
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      for (const item of r.Items ?? []) out.push({ policyId: String(item.policyId), effectiveFrom: String(item.effectiveFrom) });
      start = r.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /** The versions published under one policy id, with their documents. */
  async policy(policyId: string): Promise<StoredPolicy[]> {
    const out: StoredPolicy[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.query({
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'policyId = :id',
        ExpressionAttributeValues: { ':pk': POLICY_PK, ':id': policyId },
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      for (const item of r.Items ?? []) {
        out.push({ policyId, effectiveFrom: String(item.effectiveFrom), document: JSON.parse(String(item.document)) });
      }
      start = r.LastEvaluatedKey;
    } while (start);
    return out;
  }

  private async page<T>(
    pk: string,
    page: { prefix?: string; limit: number; startKey?: Record<string, unknown> },
    parse: (doc: unknown) => T,
  ): Promise<ReferencePage<T>> {
    const prefix = page.prefix ?? '';
    const r = await this.query({
      KeyConditionExpression: prefix === '' ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :q)',
      ExpressionAttributeValues: { ':pk': pk, ...(prefix === '' ? {} : { ':q': prefix }) },
      Limit: page.limit,
      ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
    });
    return {
      items: (r.Items ?? []).map((item) => parse(JSON.parse(String(item.doc)))),
      ...(r.LastEvaluatedKey ? { nextKey: r.LastEvaluatedKey } : {}),
    };
  }

  private query(input: Omit<QueryCommandInput, 'TableName'>) {
    return this.doc.send(new QueryCommand({ TableName: this.tableName, ...input }));
  }

  private async get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk } }));
    return r.Item;
  }
}
