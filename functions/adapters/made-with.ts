/**
 * The reference data a decision was made with: the version of every registry record and policy
 * version the adjudicator read for the partition (reference-store.ts `contextWithVersions`), stored
 * on each member it decided and on the partition's head; and that data read back from the history
 * items (reference-versions.ts), so a claim is explained with what the rules saw, not today's data.
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Claim } from '../../domain/claims.ts';
import { PolicyBook, parsePolicy } from '../../domain/policy/policy.ts';
import type { PolicyDocument } from '../../domain/policy/schema.ts';
import { Registry, RegistrySchema } from '../../domain/registry.ts';
import type { RuleContext } from '../../domain/rules/context.ts';
import { institutionKey, personKey, policyKey, ReferenceVersions, type VersionedKey } from './reference-versions.ts';

export interface MadeWith {
  /** Person id → version (0: a record stored before versions were kept). */
  readonly persons: Readonly<Record<string, number>>;
  readonly institutions: Readonly<Record<string, number>>;
  /** Every policy version in the book, each at its revision; none: demo-2026 alone. */
  readonly policies: readonly { readonly policyId: string; readonly effectiveFrom: string; readonly version: number }[];
}

/** Where reference data comes from with its versions (ReferenceStore). */
export interface VersionedReferenceSource {
  contextWithVersions(claims: readonly Claim[]): Promise<{ ctx: RuleContext; madeWith: MadeWith }>;
}

/**
 * A reference source for restoreEngine that keeps the versions it read.
 * @example const versioned = recordingVersions(reference); const engine = await restoreEngine(versioned, …); versioned.madeWith();
 */
export function recordingVersions(
  reference: Partial<VersionedReferenceSource> & { contextFor(claims: readonly Claim[]): Promise<RuleContext> },
): {
  contextFor(claims: readonly Claim[]): Promise<RuleContext>;
  madeWith(): MadeWith | undefined;
} {
  let read: MadeWith | undefined;
  return {
    async contextFor(claims) {
      // A source that cannot say its versions (a test's fake) decides without recording them.
      if (!reference.contextWithVersions) return reference.contextFor(claims);
      const r = await reference.contextWithVersions(claims);
      read = r.madeWith;
      return r.ctx;
    },
    madeWith: () => read,
  };
}

/**
 * @example const ctx = await new ReferenceAt(doc, table).contextAt(member.madeWith);
 */
export class ReferenceAt {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly versions: ReferenceVersions;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
    this.versions = new ReferenceVersions(doc, tableName);
  }

  /** The rule context as it was: each record and policy version at the version named. */
  async contextAt(madeWith: MadeWith): Promise<RuleContext> {
    const [persons, institutions, policies] = await Promise.all([
      Promise.all(Object.entries(madeWith.persons).map(([id, v]) => this.documentAt(personKey(id), v))),
      Promise.all(Object.entries(madeWith.institutions).map(([id, v]) => this.documentAt(institutionKey(id), v))),
      Promise.all(
        madeWith.policies.map(async (p) => ({
          effectiveFrom: p.effectiveFrom,
          document: (await this.documentAt(policyKey(p.policyId, p.effectiveFrom), p.version)) as PolicyDocument,
        })),
      ),
    ]);
    const registry = RegistrySchema.parse({ persons: persons.filter(Boolean), institutions: institutions.filter(Boolean) });
    return {
      registry: new Registry(registry),
      policy: policies.length === 0 ? PolicyBook.single(parsePolicy()) : new PolicyBook(policies),
    };
  }

  /** A record's document at a version; version 0 (kept before history) is the unversioned current item. */
  private async documentAt(key: VersionedKey, version: number): Promise<unknown> {
    if (version > 0) return (await this.versions.version(key, version))?.document;
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key.current, ConsistentRead: true }));
    return r.Item ? JSON.parse(String(r.Item[key.field])) : undefined;
  }
}
