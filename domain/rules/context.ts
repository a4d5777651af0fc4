import type { PolicyBook } from '../policy/policy.ts';
import type { Registry } from '../registry.ts';

/** Everything a rule may consult besides the claims: the policy versions and the registry. */
export interface RuleContext {
  readonly policy: PolicyBook;
  readonly registry: Registry;
}
