/**
 * Adjudicates one claim from the queue: rebuild the partition's engine from DynamoDB, decide, and
 * commit the decision, its adjustments and ledger entries in one version-guarded transaction. A lost
 * race (another writer moved the partition) is retried with backoff from a fresh read; a delivery of
 * a claim already stored is a no-op; the same claimId with other content is refused and recorded.
 */
import {
  DynamoDBServiceException,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { type Claim, validateClaim } from '../../domain/claims.ts';
import { parseInstant } from '../../domain/dates.ts';
import type { FieldError } from '../../domain/validation.ts';
import { type Backoff, backoffMs, sleep as wait } from '../adapters/backoff.ts';
import { partitionOf } from '../adapters/keys.ts';
import { recordingVersions } from '../adapters/made-with.ts';
import type { CommitResult, PartitionStore, Provenance, StoredOutcome } from '../adapters/partition-store.ts';
import type { ReferenceStore } from '../adapters/reference-store.ts';
import { restoreEngine } from '../adapters/restore-engine.ts';
import { postedAt } from '../clock.ts';
import { loggablePartition } from '../pseudonym.ts';
import { planArrival } from './plan.ts';

/** A message that can never be adjudicated (not a valid claim): retrying cannot help. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
  readonly errors: readonly FieldError[];
  constructor(message: string, errors: readonly FieldError[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.errors = errors;
  }
}

/** Every attempt lost its race: the message goes back to the queue and is retried later. */
export class ContentionError extends Error {
  override readonly name = 'ContentionError';
}

export type AdjudicationResult =
  | {
      readonly type: 'decided';
      readonly claimId: string;
      readonly partition: string;
      readonly seq: number;
      readonly outcome: StoredOutcome;
      readonly changed: number;
      readonly attempts: number;
    }
  | { readonly type: 'redelivery'; readonly claimId: string }
  | { readonly type: 'conflict'; readonly claimId: string };

export interface AdjudicatorDeps {
  readonly store: PartitionStore;
  readonly reference: ReferenceStore;
  /** The processing clock. */
  readonly now: () => Date;
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Builds the adjudication function.
 * @example const adjudicate = makeAdjudicator({ store, reference, now: () => new Date() }); await adjudicate(claimJson);
 */
export function makeAdjudicator(deps: AdjudicatorDeps): (raw: unknown, provenance?: Provenance) => Promise<AdjudicationResult> {
  const decide = decider(deps);
  return async (raw, provenance) => {
    try {
      return await decide(raw, provenance);
    } catch (e) {
      // DynamoDB refuses what it can never store (a key too long, an item too large) with a
      // ValidationException; the SDK has no class for it. Retrying cannot help: it is poison.
      if (e instanceof DynamoDBServiceException && e.name === 'ValidationException') {
        throw new PoisonMessageError(`DynamoDB cannot store this claim: ${e.message}`, [], { cause: e });
      }
      throw e;
    }
  };
}

/** A lost race or a throttle: decided again from a fresh read, racing adjudicators spread apart. */
const RACE_RETRY: Backoff = { baseMs: 25, capMs: 2000, jitter: true };

function decider(deps: AdjudicatorDeps): (raw: unknown, provenance?: Provenance) => Promise<AdjudicationResult> {
  const maxAttempts = deps.maxAttempts ?? 8;
  const sleep = deps.sleep ?? wait;
  return async (raw, provenance) => {
    const v = validateClaim(raw);
    if (!v.ok)
      throw new PoisonMessageError(`claim ${String(v.claimId)} is not valid: ${v.errors[0]?.path} ${v.errors[0]?.message}`, v.errors);
    const claim = v.claim;
    const { partition } = partitionOf(claim as Claim & { personId?: string; month?: string });
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const guard = await deps.store.guard(claim.claimId);
      if (guard) {
        if (guard.contentKey !== v.contentKey) {
          await deps.store.recordRefusal(claim.claimId, v.contentKey, raw, postedAt(deps.now()));
          return { type: 'conflict', claimId: claim.claimId };
        }
        const head = await deps.store.load(guard.partition);
        if (head.pending !== undefined) await deps.store.rollForward(guard.partition, head.pending);
        return { type: 'redelivery', claimId: claim.claimId };
      }
      const state = await deps.store.load(partition);
      if (state.pending !== undefined) {
        await deps.store.rollForward(partition, state.pending);
        continue;
      }
      const versioned = recordingVersions(deps.reference);
      const engine = await restoreEngine(
        versioned,
        partition,
        state.members.map((m) => m.content),
        [claim],
      );
      const madeWith = versioned.madeWith();
      const arrival = engine.accept(raw);
      if (arrival.type === 'redelivery') return { type: 'redelivery', claimId: claim.claimId };
      if (arrival.type === 'invalid') return { type: 'conflict', claimId: claim.claimId };
      const [closes, at] = [await deps.store.closes(), postedAt(deps.now())];
      const plan = planArrival({
        state,
        engine,
        claim,
        contentKey: v.contentKey,
        content: raw,
        ...(provenance ? { provenance } : {}),
        postedAt: at,
        ...(madeWith ? { madeWith } : {}),
        closes: closes.map((c) => ({ month: c.month, at: parseInstant(c.at) as NonNullable<ReturnType<typeof parseInstant>> })),
      });
      if ((await commitOrRetry(deps.store, plan)) === 'committed') {
        return {
          type: 'decided',
          claimId: claim.claimId,
          partition,
          seq: plan.seq,
          outcome: (plan.member as NonNullable<typeof plan.member>).outcome,
          changed: plan.changes.length,
          attempts: attempt,
        };
      }
      await sleep(backoffMs(attempt, RACE_RETRY));
    }
    throw new ContentionError(
      `claim ${claim.claimId}: partition ${loggablePartition(partition)} kept moving after ${maxAttempts} attempts`,
    );
  };
}

/**
 * A throttled transaction applied nothing: DynamoDB cancels it with a `ThrottlingError` or
 * `ProvisionedThroughputExceeded` reason, which the SDK does not retry, or the SDK gives up after its
 * own retries. Either way the arrival is decided again from a fresh read after the backoff, like a
 * lost race, instead of failing the message back to SQS (where it would burn one of its receives).
 */
export async function commitOrRetry(store: PartitionStore, plan: Parameters<PartitionStore['commit']>[0]): Promise<CommitResult> {
  try {
    return await store.commit(plan);
  } catch (e) {
    if (isThrottled(e)) return 'retry';
    throw e;
  }
}

const THROTTLED_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'TransactionConflict']);

export function isThrottled(e: unknown): boolean {
  if (e instanceof TransactionCanceledException) return (e.CancellationReasons ?? []).some((r) => THROTTLED_REASONS.has(r.Code ?? ''));
  return e instanceof ProvisionedThroughputExceededException || e instanceof RequestLimitExceeded || e instanceof ThrottlingException;
}
