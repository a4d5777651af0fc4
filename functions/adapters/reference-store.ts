/**
 * Reference data the bureau owns, in DynamoDB: registry persons and institutions (validated by the
 * domain's schemas before they are stored) and policy versions (a partial override of demo-2026,
 * deep-merged and validated, with its effective date). Every change is a version with who, when and
 * why (reference-versions.ts); the adjudicator reads only the current records, as it always did.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Claim } from '../../domain/claims.ts';
import { parseDate } from '../../domain/dates.ts';
import { PolicyBook, parsePolicy } from '../../domain/policy/policy.ts';
import type { PolicyDocument } from '../../domain/policy/schema.ts';
import { type ChangedRecord, changeIdOf } from '../../domain/reference-change.ts';
import { InstitutionSchema, PersonSchema, Registry, RegistrySchema } from '../../domain/registry.ts';
import type { RuleContext } from '../../domain/rules/context.ts';
import { type FieldError, toFieldErrors } from '../../domain/validation.ts';
import { ChangeJobs } from './change-jobs.ts';
import type { MadeWith } from './made-with.ts';
import { batchGetAll, queryAll } from './reads.ts';
import {
  type Change,
  institutionKey,
  personKey,
  policyKey,
  ReferenceVersions,
  type VersionedKey,
  type VersionStamp,
} from './reference-versions.ts';

const PERSON = 'REG#PERSON';
const INSTITUTION = 'REG#INST';
const POLICY = 'POLICY';

/** A document that failed its schema: a 400 with field errors. */
export class ReferenceDataError extends Error {
  override readonly name = 'ReferenceDataError';
  readonly errors: readonly FieldError[];
  constructor(errors: readonly FieldError[]) {
    super(`${errors[0]?.path ?? ''}: ${errors[0]?.message ?? 'invalid'}`);
    this.errors = errors;
  }
}

export interface StoredPolicyVersion {
  readonly policyId: string;
  readonly effectiveFrom: string;
  readonly document: PolicyDocument;
}

/**
 * What a change stored: the record as the schema reads it, its version and who, when and why, and
 * the id of the change that re-decides the claims it touches (`changed: false`: the current one's).
 */
export type Stored<T> = T & VersionStamp & { readonly changed: boolean; readonly changeId: string };

/**
 * Registry and policy reads and writes.
 * @example const ctx = await new ReferenceStore(doc, table).contextFor([claim]);
 */
export class ReferenceStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly versions: ReferenceVersions;
  private readonly jobs: ChangeJobs;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
    this.versions = new ReferenceVersions(doc, tableName);
    this.jobs = new ChangeJobs(doc, tableName);
  }

  /** Validates and stores a person as the schema reads it (unknown keys dropped) as its next version. */
  async putPerson(input: unknown, change: Change): Promise<Stored<object>> {
    const r = PersonSchema.safeParse(input);
    if (!r.success) throw new ReferenceDataError(toFieldErrors(r.error.issues));
    const id = r.data.personId;
    return { ...r.data, ...(await this.write(personKey(id), r.data, change, (version) => ({ type: 'person', id, version }))) };
  }

  /** Validates and stores an institution as the schema reads it, as its next version. */
  async putInstitution(input: unknown, change: Change): Promise<Stored<object>> {
    const r = InstitutionSchema.safeParse(input);
    if (!r.success) throw new ReferenceDataError(toFieldErrors(r.error.issues));
    const id = r.data.institutionId;
    return { ...r.data, ...(await this.write(institutionKey(id), r.data, change, (version) => ({ type: 'institution', id, version }))) };
  }

  /**
   * Writes the record's next version and, in the same transaction, the job of the change that
   * re-decides the claims it touches and its audit listings (change-jobs.ts). The stamp carries the change's id.
   */
  private async write(
    key: VersionedKey,
    document: unknown,
    change: Change,
    record: (version: number) => ChangedRecord,
  ): Promise<VersionStamp & { changed: boolean; changeId: string }> {
    const stamp = await this.versions.write(key, document, change, (s) => this.jobs.jobItems(record(s.version), s));
    return { ...stamp, changeId: changeIdOf(record(stamp.version)) };
  }

  /** Validates a policy override (deep-merged onto demo-2026) and stores it as the next revision of that effective version. */
  async putPolicy(policyId: string, effectiveFrom: string, override: unknown, change: Change): Promise<Stored<StoredPolicyVersion>> {
    if (parseDate(effectiveFrom) === undefined) {
      throw new ReferenceDataError([
        {
          path: 'effectiveFrom',
          code: 'INVALID_DATE',
          message: 'must be a calendar date YYYY-MM-DD',
          messageZh: '须为有效日期 YYYY-MM-DD',
        },
      ]);
    }
    let document: PolicyDocument;
    try {
      document = parsePolicy({ ...(override as object), policyId });
    } catch (e) {
      throw new ReferenceDataError((e as { errors?: FieldError[] }).errors ?? []);
    }
    const stamp = await this.write(policyKey(policyId, effectiveFrom), document, change, (version) => ({
      type: 'policy',
      id: policyId,
      effectiveFrom,
      version,
    }));
    return { policyId, effectiveFrom, document, ...stamp };
  }

  /** Every stored policy version; demo-2026 alone when the bureau has published none. */
  async policyBook(): Promise<PolicyBook> {
    return (await this.policyVersions()).book;
  }

  private async policyVersions(): Promise<{ book: PolicyBook; versions: MadeWith['policies'] }> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': POLICY },
    });
    const versions = items.map((item) => ({
      policyId: String(item.policyId),
      effectiveFrom: String(item.effectiveFrom),
      document: JSON.parse(String(item.document)) as PolicyDocument,
      version: versionOf(item),
    }));
    return {
      book: versions.length === 0 ? PolicyBook.single(parsePolicy()) : new PolicyBook(versions),
      versions: versions.map(({ policyId, effectiveFrom, version }) => ({ policyId, effectiveFrom, version })),
    };
  }

  /** The registry records the claims refer to (the rules consult no others). */
  async registryFor(claims: readonly Claim[]): Promise<Registry> {
    return (await this.registryWithVersions(claims)).registry;
  }

  private async registryWithVersions(
    claims: readonly Claim[],
  ): Promise<{ registry: Registry } & Pick<MadeWith, 'persons' | 'institutions'>> {
    const personIds = new Set<string>();
    const institutionIds = new Set<string>();
    for (const c of claims) {
      institutionIds.add(c.institutionId);
      if (c.kind === 'care-service' || c.kind === 'medical-settlement') personIds.add(c.personId);
      if (c.kind === 'operating-subsidy') for (const r of c.residents) personIds.add(r.personId);
    }
    const [persons, institutions] = await Promise.all([
      this.batchGet(PERSON, [...personIds]),
      this.batchGet(INSTITUTION, [...institutionIds]),
    ]);
    const parsed = RegistrySchema.safeParse({ persons: persons.map((p) => p.doc), institutions: institutions.map((i) => i.doc) });
    if (!parsed.success) throw new ReferenceDataError(toFieldErrors(parsed.error.issues));
    return {
      registry: new Registry(parsed.data),
      persons: Object.fromEntries(persons.map((p) => [p.id, p.version])),
      institutions: Object.fromEntries(institutions.map((i) => [i.id, i.version])),
    };
  }

  /** Policy versions and the registry records for a set of claims. */
  async contextFor(claims: readonly Claim[]): Promise<RuleContext> {
    return (await this.contextWithVersions(claims)).ctx;
  }

  /** The same, with the version of every record and policy version read: what a decision is made with. */
  async contextWithVersions(claims: readonly Claim[]): Promise<{ ctx: RuleContext; madeWith: MadeWith }> {
    const [policy, registry] = await Promise.all([this.policyVersions(), this.registryWithVersions(claims)]);
    return {
      ctx: { policy: policy.book, registry: registry.registry },
      madeWith: { persons: registry.persons, institutions: registry.institutions, policies: policy.versions },
    };
  }

  private async batchGet(pk: string, ids: string[]): Promise<{ id: string; version: number; doc: unknown }[]> {
    const items = await batchGetAll(
      this.doc,
      this.tableName,
      ids.map((sk) => ({ pk, sk })),
      'registry',
    );
    return items.map((item) => ({ id: String(item.sk), version: versionOf(item), doc: JSON.parse(String(item.doc)) }));
  }
}

/** A record stored before versions were kept is version 0 (a version read with wrapNumbers is text). */
const versionOf = (item: Record<string, unknown>) => (item.version === undefined ? 0 : Number(String(item.version)));
