/**
 * What every transactional writer shares: the item type of a TransactWriteItems and how to read its
 * cancellation reasons.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/** DynamoDB's limit on the items of one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A lost race: a condition failed (version moved, claim already stored, month closed meanwhile). */
export function isConflict(e: unknown): boolean {
  if (e instanceof TransactionCanceledException) {
    return (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
  }
  return e instanceof ConditionalCheckFailedException;
}

/** The first item of the transaction failed its condition (a marker or a record written before). */
export function firstConditionFailed(e: unknown): boolean {
  return e instanceof TransactionCanceledException && e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
}
