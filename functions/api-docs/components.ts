/**
 * What every operation of the API document is made of: the named schemas (components) and the shape
 * of one operation. Apart from operations.ts so that reference-operations.ts can use them without
 * importing the file that imports it.
 */
import type { z } from 'zod';
import {
  ConstructionSubsidyClaimSchema,
  FamilyCareClaimSchema,
  MedicalSettlementClaimSchema,
  OperatingSubsidyClaimSchema,
  PricedCareClaimSchema,
} from '../../domain/claims.ts';
import { PolicySchema } from '../../domain/policy/schema.ts';
import { InstitutionSchema, PersonSchema } from '../../domain/registry.ts';
import * as R from '../http/responses.ts';

/** Named schemas: each becomes `#/components/schemas/<name>`. */
export const COMPONENTS = {
  Error: R.ErrorBodySchema,
  FieldError: R.FieldErrorSchema,
  // A care-service claim has two shapes (DOMAIN.md §4, §11.3), one component each: priced lines, or listed family-care days.
  CareServiceClaim: PricedCareClaimSchema,
  FamilyCareClaim: FamilyCareClaimSchema,
  MedicalSettlementClaim: MedicalSettlementClaimSchema,
  ConstructionSubsidyClaim: ConstructionSubsidyClaimSchema,
  OperatingSubsidyClaim: OperatingSubsidyClaimSchema,
  Person: PersonSchema,
  Institution: InstitutionSchema,
  Policy: PolicySchema,
  ClaimSummary: R.ClaimSummarySchema,
  ClaimPage: R.ClaimPageSchema,
  ClaimDetail: R.ClaimDetailSchema,
  PersonView: R.PersonViewSchema,
  PersonPage: R.PersonPageSchema,
  InstitutionView: R.InstitutionViewSchema,
  InstitutionPage: R.InstitutionPageSchema,
  PolicyVersionList: R.PolicyVersionListSchema,
  PolicyVersions: R.PolicyVersionsSchema,
  StoredPolicy: R.StoredPolicySchema,
  StoredPerson: R.StoredPersonSchema,
  StoredInstitution: R.StoredInstitutionSchema,
  VersionStamp: R.VersionStampSchema,
  HistoryPage: R.HistoryPageSchema,
  ChangeStatus: R.ChangeStatusSchema,
  ChangePage: R.ChangePageSchema,
  Statement: R.StatementSchema,
  EntriesPage: R.EntriesPageSchema,
  ImportResult: R.ImportResultSchema,
  ImportError: R.ImportErrorSchema,
  CloseResult: R.CloseResultSchema,
  Dashboard: R.DashboardSchema,
} satisfies Record<string, z.ZodType>;

export interface Operation {
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  readonly description: string;
  readonly roles: readonly string[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: Readonly<Record<string, z.ZodType>>;
  readonly responses: Readonly<Record<string, { description: string; content?: Readonly<Record<string, z.ZodType>> }>>;
  /** Error statuses, each answered with the Error shape. */
  readonly errors: readonly number[];
}
