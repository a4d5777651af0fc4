/**
 * An engine rebuilt from a partition's stored claims, with the reference data they and the arriving
 * claims need: what the adjudicator decides an arrival with and what the read path explains a claim
 * with, so the two see the same partition.
 *
 * A stored claim that no longer validates is an error in both, never skipped. Every stored claim was
 * valid when its arrival was committed; one that is not now means the schema changed under stored
 * data or the item was damaged. Leaving it out would change the outcomes of the claims beside it
 * (contested days, caps, budgets): the adjudicator would post adjustments nobody caused, and the read
 * path would explain a decision other than the stored one. The adjudicator's message then fails and
 * reaches its dead-letter queue; a read answers 500 (and logs the claim id).
 */
import type { Claim } from '../../domain/claims.ts';
import { validateClaim } from '../../domain/claims.ts';
import { Engine } from '../../domain/engine.ts';
import { StoredClaimError } from '../../domain/errors.ts';
import type { RuleContext } from '../../domain/rules/context.ts';
import { loggablePartition } from '../pseudonym.ts';

/** Where the reference data comes from (ReferenceStore, or a test's fake). */
export interface ReferenceSource {
  contextFor(claims: readonly Claim[]): Promise<RuleContext>;
}

/**
 * The engine after the partition's stored claims, in arrival order; `arriving` are claims about to be
 * accepted, whose reference data the engine needs too.
 * @example const engine = await restoreEngine(reference, 'person#P001', state.members.map((m) => m.content), [claim]);
 */
export async function restoreEngine(
  reference: ReferenceSource,
  partition: string,
  stored: readonly unknown[],
  arriving: readonly Claim[] = [],
): Promise<Engine> {
  const claims = stored.map((content) => {
    const v = validateClaim(content);
    if (!v.ok)
      throw new StoredClaimError(
        v.claimId,
        `in ${loggablePartition(partition)} is not valid: ${v.errors[0]?.path} ${v.errors[0]?.message}`,
      );
    return v.claim;
  });
  const engine = new Engine(await reference.contextFor([...claims, ...arriving]));
  engine.restore(stored);
  return engine;
}
