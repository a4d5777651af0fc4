/** What the rules decided on acceptance (1–5, 6a, 6b) look at for one unit: a line of a claim on one service day. */
import type { CareLine, CareServiceClaim } from '../../claims.ts';
import type { Day } from '../../dates.ts';
import type { PolicyDocument } from '../../policy/schema.ts';
import type { Assessment, Institution, Person } from '../../registry.ts';

export interface CareUnit {
  readonly claim: CareServiceClaim;
  readonly line: CareLine;
  readonly day: Day;
  readonly person: Person;
  readonly institution: Institution;
  /** The `ltc` section of the policy version in force on `day`. */
  readonly ltc: PolicyDocument['ltc'];
  /** The assessment in force on `day` (DOMAIN.md §3, with the policy's `benefitStart` of §11.4), if any. */
  readonly assessment: Assessment | undefined;
}
