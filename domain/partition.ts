/**
 * Partitions (DOMAIN.md §7): a claim's outcome depends only on the claims that share a partition with
 * it, so the engine recomputes only the partitions an arrival belongs to, and the store keeps each
 * storage partition's claims together. Both come from here, so they cannot disagree.
 */
import type { Claim, ClaimKind } from './claims.ts';
import { yearOf } from './dates.ts';

/** One partition of §7. */
export type Partition =
  /** Care-service and medical claims: the same person's care-service and medical claims. */
  | { readonly kind: 'person'; readonly personId: string }
  /** Construction subsidies: the institution's construction claims (beds)… */
  | { readonly kind: 'institution-beds'; readonly institutionId: string }
  /** …and every construction claim of the budget year of submittedAt (the budget). */
  | { readonly kind: 'budget-year'; readonly year: number }
  /** Operating subsidies: the operating claims listing the same resident in the same month. */
  | { readonly kind: 'resident-month'; readonly personId: string; readonly month: string };

/**
 * The partitions a claim belongs to.
 * @example partitionsOf(constructionClaim) // [{ kind: 'institution-beds', institutionId: 'INST-B' }, { kind: 'budget-year', year: 2026 }]
 */
export function partitionsOf(claim: Claim): Partition[] {
  switch (claim.kind) {
    case 'care-service':
    case 'medical-settlement':
      return [{ kind: 'person', personId: claim.personId }];
    case 'construction-subsidy':
      return [
        { kind: 'institution-beds', institutionId: claim.institutionId },
        { kind: 'budget-year', year: yearOf(claim.submittedDay) },
      ];
    case 'operating-subsidy':
      return claim.residents.map((r) => ({ kind: 'resident-month', personId: r.personId, month: claim.month }));
  }
}

const personStore = (personId: string) => `person#${personId}`;
const CONSTRUCTION_STORE = 'construction';
const operatingStore = (month: string) => `operating#${month}`;

/**
 * The storage partition enclosing a partition: a union of partitions closed under sharing, so that
 * every claim sharing a partition with a claim is stored with it. A person is closed already; an
 * institution's beds span budget years and a budget year spans institutions, so construction claims
 * close into one; resident-months of a month chain through claims listing several residents, so they
 * close into the month.
 * @example enclosingStoragePartition({ kind: 'resident-month', personId: 'P001', month: '2026-03' }) // 'operating#2026-03'
 */
export function enclosingStoragePartition(p: Partition): string {
  switch (p.kind) {
    case 'person':
      return personStore(p.personId);
    case 'institution-beds':
    case 'budget-year':
      return CONSTRUCTION_STORE;
    case 'resident-month':
      return operatingStore(p.month);
  }
}

/** What the store knows of a claim before parsing it fully: enough to name its storage partition. */
export type StorageSubject =
  | { readonly kind: Extract<ClaimKind, 'care-service' | 'medical-settlement'>; readonly personId: string }
  | { readonly kind: 'construction-subsidy' }
  | { readonly kind: 'operating-subsidy'; readonly month: string };

/**
 * The storage partition of a claim: `enclosingStoragePartition` of any of its partitions (they all
 * give the same one; a property test holds it).
 * @example storagePartitionOf({ kind: 'care-service', personId: 'P001' }) // 'person#P001'
 */
export function storagePartitionOf(claim: StorageSubject): string {
  switch (claim.kind) {
    case 'care-service':
    case 'medical-settlement':
      return personStore(claim.personId);
    case 'construction-subsidy':
      return CONSTRUCTION_STORE;
    case 'operating-subsidy':
      return operatingStore(claim.month);
  }
}
