/** What the bed rules look at (DOMAIN.md §6): one listed bed and what was granted before it. */
import type { ProjectType } from '../../policy/schema.ts';

/** One listed bed and what has been granted before it. */
export interface BedView {
  readonly bed: string;
  readonly projectType: ProjectType;
  /** The beds listed earlier in the same claim. */
  readonly listedBefore: ReadonlySet<string>;
  /** Beds granted so far, keyed by `grantKey`. */
  readonly granted: ReadonlySet<string>;
  /** Beds of this project type granted so far to the institution, and its nursing beds. */
  readonly grantedOfType: number;
  readonly nursingBeds: number;
}

/**
 * A bed gets at most one construction and at most one renovation subsidy: granted beds are keyed by both.
 * @example grantKey('renovation', 'B-1') // 'renovation\u0000B-1'
 */
export const grantKey = (projectType: ProjectType, bed: string) => `${projectType}\u0000${bed}`;
