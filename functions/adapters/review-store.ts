/**
 * Applies a bureau review to a partition member, consistently with the adjudicator's writes: one
 * TransactWriteItems that bumps the partition head's version (so an adjudication planned before the
 * review fails and replans with it, and a review planned before an adjudication fails here), records
 * the review on the member, takes it off the review queue (GSI2) and, when the payable amount moves,
 * posts the ledger entry and its running total with the adjudicator's own ledger items
 * (ledger-items.ts), with a check that the accounting month is still open.
 */
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { guardKey, HEAD, ledgerEntrySk, memberSk, partitionPk } from './keys.ts';
import { type LedgerPosting, postingItems } from './ledger-items.ts';
import { type Member, type Review, toMember } from './member-items.ts';
import { isConflict, type TransactItem } from './transact.ts';

/** A member and the partition head it was read with. */
export interface ReviewTarget {
  readonly partition: string;
  /** The head's version when read; the review commits only if it is unchanged. */
  readonly version: number;
  /** An arrival whose projections are still being written (partition-store.ts): roll it forward first. */
  readonly pending?: number;
  readonly member: Member;
}

export interface ReviewPlan {
  readonly target: ReviewTarget;
  readonly review: Review;
  /** The member's payable amount after the review, 2 decimals. */
  readonly payable: string;
  /** Who recorded the review (the signed-in bureau user). */
  readonly reviewedBy: string;
  readonly ledger?: LedgerPosting;
}

/**
 * Reads review targets and commits reviews.
 * @example const target = await reviews.target('CS-9'); await reviews.commit({ target, review, payable, reviewedBy });
 */
export class ReviewStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /** The claim's member and its partition head, strongly consistent; undefined for an unknown claim. */
  async target(claimId: string): Promise<ReviewTarget | undefined> {
    const { pk, sk } = guardKey(claimId);
    const guard = await this.get(pk, sk);
    if (!guard) return undefined;
    const partition = String(guard.partition);
    const [head, member] = await Promise.all([
      this.get(partitionPk(partition), HEAD),
      this.get(partitionPk(partition), memberSk(Number(guard.seq))),
    ]);
    if (!head || !member) return undefined;
    return {
      partition,
      version: Number(head.version),
      ...(head.pending !== undefined ? { pending: Number(head.pending) } : {}),
      member: toMember(member),
    };
  }

  /** 'retry' when another writer moved the partition, reviewed the claim or closed the month first. */
  async commit(plan: ReviewPlan): Promise<'committed' | 'retry'> {
    const t = this.tableName;
    const { partition, version, member } = plan.target;
    const pk = partitionPk(partition);
    const items: TransactItem[] = [
      {
        Update: {
          TableName: t,
          Key: { pk, sk: HEAD },
          UpdateExpression: 'SET version = :v1',
          ConditionExpression: 'version = :v AND attribute_not_exists(pending)',
          ExpressionAttributeValues: { ':v': version, ':v1': version + 1 },
        },
      },
      {
        Update: {
          TableName: t,
          Key: { pk, sk: memberSk(member.seq) },
          UpdateExpression: 'SET review = :r, payable = :p, reviewedBy = :by REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'attribute_exists(pk) AND #st = :nr AND attribute_not_exists(review)',
          ExpressionAttributeNames: { '#st': 'status' },
          ExpressionAttributeValues: { ':r': plan.review, ':p': plan.payable, ':by': plan.reviewedBy, ':nr': 'needs-review' },
        },
      },
      ...(plan.ledger
        ? postingItems(t, plan.ledger, ledgerEntrySk(plan.ledger.postedAt, partition, member.seq, 'review', plan.ledger.claimId))
        : []),
    ];
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return 'committed';
    } catch (e) {
      if (isConflict(e)) return 'retry';
      throw e;
    }
  }

  private async get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }));
    return r.Item;
  }
}
