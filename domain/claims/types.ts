/** The typed claims the rules work on: dates as day numbers, money as Decimals, instants parsed once. */
import type { Day, Instant, MonthSpan } from '../dates.ts';
import type { Dec } from '../money.ts';
import type { CareSetting, ProjectType } from '../policy/schema.ts';

/** @example CLAIM_KINDS.includes('care-service') // true */
export const CLAIM_KINDS = ['care-service', 'medical-settlement', 'construction-subsidy', 'operating-subsidy'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export interface ClaimBase {
  readonly claimId: string;
  readonly institutionId: string;
  readonly submittedAt: string;
  readonly submitted: Instant;
  readonly submittedDay: Day;
}

/** A visit record (§11.3): the instants the carer checked in and out. */
export interface Visit {
  readonly checkIn: Instant;
  readonly checkOut: Instant;
}

/**
 * A line of a care-service claim. A family-care claim's `days` entries are its lines too, as §11.3
 * counts them: service code `FAMILY_CARE_DAY`, quantity 1, no price, the entry's index as line index.
 */
export interface CareLine {
  readonly index: number;
  readonly serviceCode: string;
  readonly unitPrice: Dec;
  readonly from: Day;
  readonly to: Day;
  readonly quantity: number;
  /** Home-visit date lines only. */
  readonly visit: Visit | undefined;
}

/** The service code of a listed family-care day (§11.3). @example FAMILY_CARE_DAY // 'FAMILY-CARE-DAY' */
export const FAMILY_CARE_DAY = 'FAMILY-CARE-DAY';

export interface CareServiceClaim extends ClaimBase {
  readonly kind: 'care-service';
  readonly personId: string;
  readonly setting: CareSetting;
  readonly period: { readonly from: Day; readonly to: Day };
  readonly lines: readonly CareLine[];
}

export interface MedicalSettlementClaim extends ClaimBase {
  readonly kind: 'medical-settlement';
  readonly personId: string;
  readonly admittedOn: Day;
  readonly dischargedOn: Day;
  readonly referredFrom: string | undefined;
  readonly settlementMode: 'fee-for-service' | 'per-bed-day';
  readonly total: Dec;
  readonly eligible: Dec;
}

export interface ConstructionSubsidyClaim extends ClaimBase {
  readonly kind: 'construction-subsidy';
  readonly projectType: ProjectType;
  readonly acceptedOn: Day;
  readonly beds: readonly string[];
  readonly requestedAmount: Dec | undefined;
}

export interface OperatingResident {
  readonly personId: string;
  readonly from: Day;
  readonly to: Day;
}

export interface OperatingSubsidyClaim extends ClaimBase {
  readonly kind: 'operating-subsidy';
  readonly month: string;
  readonly span: MonthSpan;
  readonly residents: readonly OperatingResident[];
}

export type Claim = CareServiceClaim | MedicalSettlementClaim | ConstructionSubsidyClaim | OperatingSubsidyClaim;
