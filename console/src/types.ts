/** The API's answers, typed from the very zod schemas the API documents and is tested against. */
import type { z } from 'zod';
import type {
  ClaimDetailSchema,
  ClaimPageSchema,
  ClaimSummarySchema,
  DashboardSchema,
  EntriesPageSchema,
  HistoryPageSchema,
  InstitutionPageSchema,
  InstitutionRecordSchema,
  InstitutionViewSchema,
  LedgerEntrySchema,
  PersonPageSchema,
  PersonViewSchema,
  PolicyVersionListSchema,
  PolicyVersionsSchema,
  RecordVersionSchema,
  StatementSchema,
} from '../../functions/http/responses.ts';

export type ClaimSummary = z.infer<typeof ClaimSummarySchema>;
export type ClaimPage = z.infer<typeof ClaimPageSchema>;
export type ClaimDetail = z.infer<typeof ClaimDetailSchema>;
export type Dashboard = z.infer<typeof DashboardSchema>;
export type Statement = z.infer<typeof StatementSchema>;
export type StatementLine = Statement['lines'][number];
export type EntriesPage = z.infer<typeof EntriesPageSchema>;
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export type PersonView = z.infer<typeof PersonViewSchema>;
export type PersonPage = z.infer<typeof PersonPageSchema>;
export type InstitutionRecord = z.infer<typeof InstitutionRecordSchema>;
export type InstitutionView = z.infer<typeof InstitutionViewSchema>;
export type InstitutionPage = z.infer<typeof InstitutionPageSchema>;
export type PolicyVersionList = z.infer<typeof PolicyVersionListSchema>;
export type PolicyVersions = z.infer<typeof PolicyVersionsSchema>;
export type HistoryPage = z.infer<typeof HistoryPageSchema>;
export type RecordVersion = z.infer<typeof RecordVersionSchema>;
