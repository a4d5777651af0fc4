/**
 * The items a partition's commit writes for reference changes besides its projections (keys.ts):
 * the index item naming the partition under an institution whose claim it now holds, and the marker
 * saying a change has re-decided the partition. Both ride in the commit's own transaction, so the
 * index never misses a committed claim and a change's marker exists exactly when its work does.
 */
import { changeMarkerKey, institutionPartitionKey } from './keys.ts';
import type { TransactItem } from './transact.ts';

/** An extra item of a commit, as the adjudicator's plan names it. */
export type CommitExtra =
  | { readonly kind: 'institution-index'; readonly institutionId: string }
  | { readonly kind: 'change-marker'; readonly changeId: string; readonly at: string };

/**
 * The transaction item of an extra. A marker is written only if absent: a second reprocess of the
 * same change and partition cancels its transaction instead of counting twice.
 * @example extraItem('Claims', 'person#P001', { kind: 'institution-index', institutionId: 'INST-A' })
 */
export function extraItem(tableName: string, partition: string, extra: CommitExtra): TransactItem {
  if (extra.kind === 'institution-index') {
    return { Put: { TableName: tableName, Item: { ...institutionPartitionKey(extra.institutionId, partition), partition } } };
  }
  return {
    Put: {
      TableName: tableName,
      Item: { ...changeMarkerKey(extra.changeId, partition), changeId: extra.changeId, partition, at: extra.at },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
