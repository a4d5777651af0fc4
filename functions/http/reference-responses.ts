/**
 * What the API answers about reference data's history (functions/load-reference-data/history.ts):
 * a version's stamp, a version with what it was before and what changed, a page of versions; and a
 * person's care plans as the registry routes return them.
 */
import { z } from 'zod';

const Timestamp = z.string().describe('ISO-8601 时间（Asia/Shanghai，+08:00）/ ISO-8601 timestamp');
const Day = z.string().describe('日期 YYYY-MM-DD / calendar date');
const NextToken = z.string().optional().describe('下一页的分页标记；最后一页没有 / opaque token of the next page; absent on the last page');

export const VersionStampSchema = z
  .object({
    version: z.number().int().describe('版本号，自 1 起 / version number, from 1'),
    recordedBy: z.string().describe('变更人（令牌中的用户）/ who changed it, from the token'),
    recordedAt: Timestamp.describe('变更时间（服务器时钟）/ when, by the server clock'),
    reason: z.string().describe('变更理由 / why'),
  })
  .describe('一次变更的记录 / who changed a record, when and why');

/** The fields a PUT of reference data answers with beside the record. */
export const Stored = {
  ...VersionStampSchema.shape,
  changed: z.boolean().describe('false：与当前版本相同，未写入 / false: same as the current version, nothing written'),
};

export const RecordVersionSchema = VersionStampSchema.extend({
  effectiveFrom: Day.optional().describe('政策版本的生效日期 / a policy version’s effective date'),
  document: z.record(z.string(), z.unknown()).describe('本版本的记录 / the record in this version'),
  before: z.record(z.string(), z.unknown()).nullable().describe('变更前的记录；新建时为 null / what it was before; null when created'),
  changes: z
    .array(z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() }))
    .describe('变更的字段 / the fields that changed'),
});

export const HistoryPageSchema = z.object({ items: z.array(RecordVersionSchema), nextToken: NextToken });

export const SETTINGS = ['institutional', 'home-visit', 'medical-care', 'family-care'] as const;

export const CarePlanRecordSchema = z.object({
  planId: z.string(),
  institutionId: z.string().describe('签订计划的机构 / the institution the plan is agreed with'),
  setting: z.enum(SETTINGS),
  from: Day,
  to: Day.optional().describe('含当日；缺省为长期有效 / inclusive; absent: open-ended'),
  services: z.array(
    z.object({
      serviceCode: z.string(),
      maxPerMonth: z.number().int().optional().describe('每自然月最多次数 / at most this many a calendar month'),
      maxPerWeek: z.number().int().optional().describe('每周（周一至周日）最多次数 / at most this many a week, Monday to Sunday'),
    }),
  ),
});
