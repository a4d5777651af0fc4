/** What the exhaustive path decides for a person's claims, unit by unit and day by day. */
import type { Day } from '../../dates.ts';
import type { Dec } from '../../money.ts';
import type { ReasonCode } from '../../reasons.ts';
import type { RuleContext } from '../context.ts';
import type { CappedDay } from './caps.ts';
import type { FrequencyCount } from './plan-frequency-exceeded.ts';
import type { Unit } from './prepared.ts';

/** One claim's service day after rules 1–7a: what it charges and pays, or who kept it. */
export interface DayResult extends CappedDay {
  charge: Dec;
  /** Some unit on the day passed every per-unit rule (with at least one allowed unit under 7a). */
  covered: boolean;
  allowable: Dec;
  fundBeforeCap: Dec;
  lostToClaim: string | undefined;
}

/** A claim's units, each with the rule that decided it (undefined: covered and kept). */
export interface UnitDecisions {
  readonly units: readonly Unit[];
  readonly codes: (ReasonCode | undefined)[];
  /** What rule 7a counted, for the units it applied to (a unit partly allowed still carries its code). */
  readonly frequency: (FrequencyCount | undefined)[];
}

/** What an explanation needs besides the decision: the registry and policy, and rule 6's inpatient days. */
export interface ExplainWith {
  readonly ctx: RuleContext;
  readonly inpatientDays: ReadonlySet<Day>;
}
