/**
 * The single-table layout. Only the adapters know these shapes.
 *
 * | item | pk | sk |
 * |---|---|---|
 * | partition head (version, next arrival seq, pending roll-forward) | `P#<partition>` | `HEAD` |
 * | partition member: a claim, its content and current outcome | `P#<partition>` | `C#<seq>` |
 * | arrival record: the committed decision of one arrival | `P#<partition>` | `A#<seq>` |
 * | projection chunk marker (overflow past 100 items) | `P#<partition>` | `A#<seq>#<chunk>` |
 * | claim id guard: where a claimId lives and its content key | `ID#<claimId>` | `ID` |
 * | refused delivery (CLAIM_ID_CONFLICT) | `ID#<claimId>` | `REFUSED#<hash>` |
 * | ledger entry | `L#<institutionId>#<YYYY-MM>` | `E#<postedAt>#<partition>#<seq>#<claimId>` |
 * | ledger running total per institution and month | `L#<institutionId>#<YYYY-MM>` | `TOTAL` |
| payments per institution and month (disbursements) | `L#<institutionId>#<YYYY-MM>` | `PAID` |
| claims received/decided per submission month and institution | `CTRL#<YYYY-MM>` | `I#<institutionId>` |
| imported payment (guards its paymentId) | `PAY#<paymentId>` | `PAY` |
| disbursement import (commit point) and its chunk markers | `IMPORT#<importId>` | `IMPORT` / `CHUNK#<n>` |
| unfinished multi-chunk import | `IMPORTS` | `PENDING#<importId>` |
 * | month close | `CLOSE` | `M#<YYYY-MM>` |
 * | registry person / institution (current version, with who/when/why) | `REG#PERSON` / `REG#INST` | `<id>` |
 * | a person's / institution's versions (reference-versions.ts) | `REGHIST#PERSON#<id>` / `REGHIST#INST#<id>` | `V#<version>` |
 * | policy version (current revision) | `POLICY` | `V#<effectiveFrom>#<policyId>` |
 * | a policy's revisions | `POLICYHIST#<policyId>` | `E#<effectiveFrom>#V#<version>` |
 * | submission idempotency record | `IDEM#<caller, %-encoded>#<key>` | `IDEM` |
 * | a reference change's job (record, who/when/why, partitions to re-decide, fan-out cursor) | `CHANGE#<changeId, %-encoded>` | `JOB` |
 * | a partition re-decided for a change (written in that partition's commit) | `CHANGE#<changeId, %-encoded>` | `P#<partition>` |
 * | a partition holding an institution's claims (written with each arrival) | `PI#<institutionId, %-encoded>` | `<partition>` |
 * | the changes of a record / by a user / of a month (audit listings, with the change) | `CHANGES#RECORD#<type>:<id>` / `CHANGES#BY#<user>` / `CHANGES#MONTH#<YYYY-MM>` (%-encoded parts) | `<recordedAt>#<changeId>` |
 *
 * GSI1 (`gsi1pk` = `I#<institutionId>#<YYYY-MM>`, `gsi1sk` = `<submittedAt>#<claimId>`) lists an
 * institution's claims by the Asia/Shanghai month of submission. GSI2 (`gsi2pk` = `REVIEW`, sparse)
 * is the review queue. GSI3 (`gsi3pk` = `HEADS#<family>`, `gsi3sk` = `<latest date>#<partition>`, keys only)
 * lists partition heads by the latest date their claims name: the partitions a policy version
 * effective from a date can move (reference-change fan-out).
 */
import { createHash } from 'node:crypto';
import { type StorageSubject, storagePartitionOf } from '../../domain/partition.ts';

export const HEAD = 'HEAD';
export const TOTAL = 'TOTAL';
export const PAID = 'PAID';
export const REVIEW_QUEUE = 'REVIEW';

export const partitionPk = (partition: string) => `P#${partition}`;
export const memberSk = (seq: number) => `C#${String(seq).padStart(10, '0')}`;
export const arrivalSk = (seq: number) => `A#${String(seq).padStart(10, '0')}`;
export const chunkSk = (seq: number, chunk: number) => `${arrivalSk(seq)}#${String(chunk).padStart(4, '0')}`;
export const guardPk = (claimId: string) => `ID#${claimId}`;
/** Where an accepted claimId lives. */
export const guardKey = (claimId: string) => ({ pk: guardPk(claimId), sk: 'ID' });
/** A refused delivery of a claimId, one per distinct content (by a hash of its content key). */
export const refusalKey = (claimId: string, contentHash: string) => ({ pk: guardPk(claimId), sk: `REFUSED#${contentHash}` });
export const ledgerPk = (institutionId: string, month: string) => `L#${institutionId}#${month}`;
export const totalKey = (institutionId: string, month: string) => ({ pk: ledgerPk(institutionId, month), sk: TOTAL });
/**
 * A ledger entry's sort key: when it was posted, the arrival that posted it and its place in that
 * arrival (`review` for the entry of a review: a claim is reviewed once, so the key stays unique).
 */
export const ledgerEntrySk = (postedAt: string, partition: string, seq: number, slot: number | 'review', claimId: string) =>
  `E#${postedAt}#${partition}#${String(seq).padStart(10, '0')}#${typeof slot === 'number' ? String(slot).padStart(4, '0') : slot}#${claimId}`;
/** The control counters of a submission month, one item per institution (one Query per statement). */
export const countKey = (institutionId: string, month: string) => ({ pk: `CTRL#${month}`, sk: `I#${institutionId}` });
export const paymentKey = (paymentId: string) => ({ pk: `PAY#${paymentId}`, sk: 'PAY' });
export const CLOSES_PK = 'CLOSE';
export const closeKey = (month: string) => ({ pk: CLOSES_PK, sk: `M#${month}` });
export const listingPk = (institutionId: string, month: string) => `I#${institutionId}#${month}`;
/** GSI1 and GSI2 sort a member by submission instant, then claim id. */
export const submissionSk = (submittedAt: string, claimId: string) => `${submittedAt}#${claimId}`;

/**
 * The storage partition of a claim — the domain's `storagePartitionOf`, the union of the partitions
 * its outcome depends on (DOMAIN.md §7) — and its FIFO message group: the person for care-service and
 * medical claims, the institution for subsidies.
 * @example partitionOf(careClaim) // { partition: 'person#P001', group: 'person#P001' }
 */
export function partitionOf(claim: StorageSubject & { readonly institutionId: string }): { partition: string; group: string } {
  const partition = storagePartitionOf(claim);
  const group = claim.kind === 'care-service' || claim.kind === 'medical-settlement' ? partition : `inst#${claim.institutionId}`;
  return { partition, group: groupId(group) };
}

/** SQS group and deduplication ids allow 128 printable ASCII characters; anything else is hashed. */
export function groupId(value: string): string {
  return /^[\x21-\x7e]{1,128}$/.test(value) ? value : `h#${sha256(value).slice(0, 64)}`;
}

/**
 * A key part that cannot contain `#`, for keys with more than one caller-chosen part: an institution
 * id with `#` in it can then never make two (caller, key) pairs meet in one item.
 * @example keyPart('INST#A') // 'INST%23A'
 */
export function keyPart(id: string): string {
  return encodeURIComponent(id);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** FIFO deduplication by claim id and content. */
export function deduplicationId(claimId: string, contentKey: string): string {
  return sha256(`${claimId}\u0000${contentKey}`);
}

/** A reference change's job item. */
export const changeJobKey = (changeId: string) => ({ pk: `CHANGE#${keyPart(changeId)}`, sk: 'JOB' });
/** The marker of a partition re-decided for a change; its partition's commit writes it, once. */
export const changeMarkerKey = (changeId: string, partition: string) => ({ pk: `CHANGE#${keyPart(changeId)}`, sk: `P#${partition}` });
export const CHANGE_MARKER_PREFIX = 'P#';
/** The index item naming a partition that holds one of an institution's claims. */
export const institutionPartitionKey = (institutionId: string, partition: string) => ({
  pk: institutionPartitionsPk(institutionId),
  sk: partition,
});
export const institutionPartitionsPk = (institutionId: string) => `PI#${keyPart(institutionId)}`;

/** Person partitions spread over this many GSI3 keys, so a city's heads do not share one index partition. */
export const PERSON_HEAD_SHARDS = 16;

/** The GSI3 partition keys of every head family: a policy change queries each. */
export function headFamilies(): string[] {
  return [
    ...Array.from({ length: PERSON_HEAD_SHARDS }, (_, i) => `HEADS#person#${i.toString(16)}`),
    'HEADS#construction',
    'HEADS#operating',
  ];
}

/**
 * A head's GSI3 keys: its family (person heads sharded by a hash of the partition) and the latest
 * date its claims name, before the partition so that a range on the date finds them.
 * @example headIndexOf('operating#2026-03', '2026-03-31') // { gsi3pk: 'HEADS#operating', gsi3sk: '2026-03-31#operating#2026-03' }
 */
export function headIndexOf(partition: string, latestDay: string): { gsi3pk: string; gsi3sk: string } {
  const family = partition.startsWith('person#')
    ? `person#${(Number.parseInt(sha256(partition).slice(0, 8), 16) % PERSON_HEAD_SHARDS).toString(16)}`
    : partition.startsWith('operating#')
      ? 'operating'
      : 'construction';
  return { gsi3pk: `HEADS#${family}`, gsi3sk: `${latestDay}#${partition}` };
}

/**
 * A partition's FIFO queue and message group: a person's in the claims queue under the group its
 * claims use; the subsidy partitions (all construction claims, a month's operating claims) in the
 * subsidy queue under a group of their own (their claims queue by institution).
 */
export function partitionQueue(partition: string): { queue: 'claims' | 'subsidy'; group: string } {
  return partition.startsWith('person#') ? { queue: 'claims', group: groupId(partition) } : { queue: 'subsidy', group: groupId(partition) };
}

/** The audit listings a change appears in: its record's, its author's and its month's (Asia/Shanghai). */
export function changeListingPks(record: { type: string; id: string }, by: string, recordedAt: string): string[] {
  return [changesOfRecordPk(record.type, record.id), changesByPk(by), changesOfMonthPk(recordedAt.slice(0, 7))];
}
export const changesOfRecordPk = (type: string, id: string) => `CHANGES#RECORD#${type}:${keyPart(id)}`;
export const changesByPk = (user: string) => `CHANGES#BY#${keyPart(user)}`;
export const changesOfMonthPk = (month: string) => `CHANGES#MONTH#${month}`;
