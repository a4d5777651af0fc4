/**
 * What the API answers about reference data's history (functions/load-reference-data/history.ts):
 * a version's stamp, a version with what it was before and what changed, a page of versions; and
 * persons (their assessments and care plans) as the registry routes return them.
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
  changeId: z
    .string()
    .describe('重新审核受影响申报的变更编号（GET /reference-changes/{changeId} 查看进度）/ the change re-deciding the claims it touches'),
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

export const AssessmentStateSchema = z.object({
  grade: z.number().int(),
  assessedOn: Day,
  certificateNo: z.string().optional(),
  countsFrom: Day.describe(
    '开始计算待遇之日：评估日，或政策 benefitStart 为 next-month 时评估次月 1 日 / the day it starts counting: assessedOn, or the 1st of the next month under benefitStart next-month',
  ),
  validUntil: Day.describe('有效期截止（不含当日）/ first day it is no longer in force'),
  state: z.enum(['in-force', 'superseded', 'expired', 'future']),
});

export const PersonRecordSchema = z.object({
  personId: z.string(),
  insuredType: z.enum(['employee', 'resident']),
  enrolledOn: Day,
  specialHardship: z.boolean(),
  assessments: z.array(z.object({ grade: z.number().int(), assessedOn: Day, certificateNo: z.string().optional() })),
  carePlans: z
    .array(CarePlanRecordSchema)
    .describe(
      '护理计划（DOMAIN.md §11.2），仅对政策 carePlanRequired 所列护理方式生效 / care plans, read for the settings in carePlanRequired',
    ),
});

export const StoredPersonSchema = PersonRecordSchema.extend(Stored);

export const PersonViewSchema = z.object({
  person: PersonRecordSchema,
  lastChange: VersionStampSchema.nullable().describe(
    '最近一次变更；早于保留历史时为 null / the last change; null for a record stored before history was kept',
  ),
  today: Day,
  validityMonths: z.number().int(),
  benefitStart: z
    .enum(['assessment-day', 'next-month'])
    .describe('今日适用政策的待遇起始规则（DOMAIN.md §11.4）/ when an assessment starts counting under today’s policy'),
  inForce: AssessmentStateSchema.nullable().describe('今日有效的评估 / the assessment in force today'),
  timeline: z.array(AssessmentStateSchema),
});

export const PersonPageSchema = z.object({
  items: z.array(PersonRecordSchema.extend({ gradeToday: z.number().int().nullable() })),
  nextToken: NextToken,
});

/** A reference change's re-adjudication progress (GET /reference-changes/{changeId}). */
export const ChangeStatusSchema = z.object({
  changeId: z.string(),
  record: z
    .object({
      type: z.enum(['person', 'institution', 'policy']),
      id: z.string(),
      version: z.number().int(),
      effectiveFrom: Day.optional(),
    })
    .describe('变更的记录及其版本 / the record and the version the change made'),
  recordedBy: z.string().describe('变更人 / who'),
  recordedAt: Timestamp.describe('变更时间 / when'),
  reason: z.string().describe('变更理由 / why'),
  total: z.number().int().describe('需重新审核的分区数（分发中会增加）/ partitions to re-decide (grows while fanning out)'),
  done: z.number().int().describe('已重新审核的分区数 / partitions re-decided'),
  state: z
    .enum(['fanning-out', 'running', 'done'])
    .describe('fanning-out 分发中；running 审核中；done 完成 / sending partitions, re-deciding, finished'),
});

/** A page of an audit listing of changes (GET /reference-changes?record=|by=|month=). */
export const ChangePageSchema = z.object({
  items: z.array(ChangeStatusSchema.pick({ changeId: true, record: true, recordedBy: true, recordedAt: true, reason: true })),
  nextToken: NextToken,
});
