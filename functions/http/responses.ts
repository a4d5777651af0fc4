/**
 * What the API answers, as zod schemas: the OpenAPI document is generated from them
 * (functions/api-docs), and the handler tests parse real answers with them, so the document cannot
 * describe a body the API does not send. Money is always a decimal string ("1302.00"), never a number.
 */
import { z } from 'zod';
import { LISTED_STATUSES } from './claim-view.ts';
import { SETTINGS, Stored, VersionStampSchema } from './reference-responses.ts';

export {
  AssessmentStateSchema,
  CarePlanRecordSchema,
  ChangePageSchema,
  ChangeStatusSchema,
  HistoryPageSchema,
  PersonPageSchema,
  PersonRecordSchema,
  PersonViewSchema,
  RecordVersionSchema,
  StoredPersonSchema,
  VersionStampSchema,
} from './reference-responses.ts';

const Money = z.string().describe('金额（元），十进制字符串，两位小数，如 "1302.00" / amount in yuan as a decimal string');
const Timestamp = z.string().describe('ISO-8601 时间（Asia/Shanghai，+08:00）/ ISO-8601 timestamp');
const Day = z.string().describe('日期 YYYY-MM-DD / calendar date');
const Month = z.string().describe('月份 YYYY-MM / month');
const NextToken = z.string().optional().describe('下一页的分页标记；最后一页没有 / opaque token of the next page; absent on the last page');

export const FieldErrorSchema = z.object({
  path: z.string().describe('出错字段，如 lines[0].unitPrice / the field, e.g. lines[0].unitPrice'),
  code: z.string().describe('稳定的错误码 / stable error code'),
  message: z.string(),
  messageZh: z.string(),
});

/** Every 4xx and 5xx body. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('稳定的错误码，如 VALIDATION_FAILED、ROLE_REQUIRED / stable error code'),
    message: z.string().describe('English message'),
    messageZh: z.string().describe('中文说明'),
    details: z.unknown().optional().describe('字段错误（400 时为 FieldError 列表，或按申报分组）/ field errors and other context'),
  }),
});

export const ReviewSchema = z.object({
  decision: z.enum(['approve', 'reject', 'adjust']),
  amount: Money.optional().describe('调整审核允许支付的金额 / what an adjusting review allows'),
  adjudicator: z.string(),
  reason: z.string(),
  at: Timestamp,
});

export const AdjustmentSchema = z.object({
  amount: Money,
  reason: z.literal('REPROCESSED'),
  triggeredBy: z.string().describe('触发重新审核的申报 / the claim whose arrival re-adjudicated this one'),
  postedAt: Timestamp,
});

export const StoredOutcomeSchema = z
  .looseObject({
    status: z.string(),
    fundAmount: Money,
    personalAmount: Money.optional(),
    deductibleApplied: Money.optional(),
    deferredAmount: Money.optional(),
    reasonCodes: z.array(z.string()),
  })
  .describe('引擎的裁决（§9 输出）/ the engine outcome as ltc replay prints it');

export const ClaimSummarySchema = z.object({
  claimId: z.string(),
  kind: z.string(),
  institutionId: z.string(),
  personId: z.string().optional().describe('护理与住院申报的参保人 / the person of a care or medical claim'),
  submittedAt: Timestamp,
  status: z.enum(LISTED_STATUSES),
  fundAmount: Money,
  payable: Money.describe('当前应付金额（审核、调整之后）/ payable now, after review and adjustments'),
  reasonCodes: z.array(z.string()),
  review: ReviewSchema.optional(),
});

export const ClaimPageSchema = z.object({ items: z.array(ClaimSummarySchema), nextToken: NextToken });

export const ProvenanceSchema = z
  .object({
    source: z.enum(['institution', 'migration']).describe('机构提交（提交时间为服务器接收时间）或医保局迁移历史申报 / how it came in'),
    by: z.string().describe('发送者（令牌中的用户）/ the user from the token'),
    receivedAt: Timestamp.describe('服务器接收时间 / when the API received it'),
  })
  .describe('谁以何种方式提交 / who sent the claim and how');

export const ClaimDetailSchema = z.object({
  claimId: z.string(),
  kind: z.string(),
  institutionId: z.string(),
  personId: z.string().optional(),
  submittedAt: Timestamp,
  decidedAt: Timestamp,
  status: z.enum(LISTED_STATUSES),
  outcome: StoredOutcomeSchema,
  payable: Money,
  adjustments: z.array(AdjustmentSchema),
  review: ReviewSchema.nullable(),
  provenance: ProvenanceSchema.nullable(),
  visits: z
    .array(z.object({ line: z.number().int(), checkIn: Timestamp, checkOut: Timestamp }))
    .optional()
    .describe('上门服务签到签退（按明细行号），仅含有记录的行 / the visit records sent, by line index'),
  madeWith: z
    .object({
      persons: z.array(z.object({ personId: z.string(), version: z.number().int() })),
      institutions: z.array(z.object({ institutionId: z.string(), version: z.number().int() })),
      policies: z.array(z.object({ policyId: z.string(), effectiveFrom: z.string(), version: z.number().int() })),
    })
    .nullable()
    .describe(
      '作出当前裁决所依据的登记与政策版本（0 为保留历史前的记录；空政策列表为默认 demo-2026）；说明按这些版本生成 / the registry and policy versions the current decision was made with; the explanation uses them',
    ),
  explanation: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('逐条规则的说明：claimRules、items（按日/床位/人员）、facts / the explanation rule by rule'),
});

export const AcceptedSchema = z.object({
  accepted: z.array(z.string()).describe('已受理进入队列的申报编号 / claim ids queued'),
  receivedAt: Timestamp.describe('服务器接收本请求的时间 / the instant the request was received'),
  provenance: ProvenanceSchema,
  claims: z.array(
    z.object({
      claimId: z.string(),
      submittedAt: Timestamp.describe('裁决所用的提交时间 / the submittedAt it is decided with'),
      resent: z.literal(true).optional().describe('同一申报此前已受理，沿用当时的提交时间 / accepted before: its first submittedAt'),
    }),
  ),
});

export const DesignationRecordSchema = z.object({
  scheme: z.enum(['ltc', 'medical']),
  setting: z.enum(SETTINGS).optional(),
  from: Day,
  to: Day.optional(),
});

export const InstitutionRecordSchema = z.object({
  institutionId: z.string(),
  name: z.string().optional(),
  institutionType: z.enum(['elderly-care', 'special-hardship', 'hospital']),
  ownership: z.enum(['public', 'private']),
  hospitalLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  totalBeds: z.number().int(),
  nursingBeds: z.number().int(),
  medicalFacility: z.enum(['internal', 'contracted', 'none']),
  registeredOn: Day,
  designations: z.array(DesignationRecordSchema),
});

export const StoredInstitutionSchema = InstitutionRecordSchema.extend(Stored);

export const InstitutionViewSchema = z.object({
  institution: InstitutionRecordSchema,
  lastChange: VersionStampSchema.nullable()
    .optional()
    .describe('最近一次变更（机构用户不可见）/ the last change (not shown to an institution)'),
  today: Day,
  designations: z.array(DesignationRecordSchema.extend({ state: z.enum(['in-force', 'ended', 'future']) })),
});

export const InstitutionPageSchema = z.object({ items: z.array(InstitutionRecordSchema), nextToken: NextToken });

export const PolicyVersionListSchema = z.object({
  today: Day,
  items: z.array(
    z.object({
      policyId: z.string(),
      effectiveFrom: Day,
      inForce: z.boolean().describe('今日适用的版本 / the version in force today'),
      builtIn: z.boolean().describe('内置的 demo-2026（局方尚未发布任何版本时适用）/ the built-in demo-2026'),
    }),
  ),
});

export const PolicyVersionsSchema = z.object({
  policyId: z.string(),
  versions: z.array(z.object({ effectiveFrom: Day, document: z.record(z.string(), z.unknown()) })),
});

export const RecordedAgreementSchema = z.object({
  agreementId: z.string(),
  kind: z.enum(['care', 'admission']),
  institutionId: z.string(),
  personId: z.string(),
  from: Day,
  to: Day.optional(),
  reason: z.string(),
  recordedBy: z.string().describe('备案人 / who recorded it'),
  recordedAt: Timestamp.describe('备案时间 / when'),
});

export const StoredPolicySchema = z
  .object({ policyId: z.string(), effectiveFrom: Day, document: z.record(z.string(), z.unknown()) })
  .extend(Stored);

export const StatementSchema = z.object({
  month: Month,
  closed: z.boolean(),
  lines: z.array(
    z.object({
      institutionId: z.string(),
      payable: Money,
      paid: Money,
      difference: Money.describe('已付 − 应付 / paid minus payable'),
      status: z.enum(['balanced', 'unpaid', 'underpaid', 'overpaid', 'unexpected-payment', 'recoupment-due', 'nil']),
      entries: z.number().int(),
      priorPeriod: Money.describe('跨期调整金额 / prior-period amount'),
    }),
  ),
  totals: z.object({ payable: Money, paid: Money, difference: Money }),
  control: z.object({ claimsReceived: z.number().int(), claimsDecided: z.number().int(), entries: z.number().int() }),
});

export const LedgerEntrySchema = z.object({
  institutionId: z.string(),
  claimId: z.string(),
  kind: z.string(),
  amount: Money,
  postedAt: Timestamp,
  accountingMonth: Month,
  priorPeriod: z.boolean(),
  triggeredBy: z
    .string()
    .nullable()
    .describe('触发的申报；他机构的申报对机构用户隐去 / the triggering claim; hidden from an institution when another’s'),
});

export const EntriesPageSchema = z.object({
  institutionId: z.string(),
  month: Month,
  entries: z.array(LedgerEntrySchema),
  nextToken: NextToken,
});

export const ImportResultSchema = z.object({
  importId: z.string(),
  objectKey: z.string(),
  payments: z.number().int(),
  total: Money,
  resumed: z.boolean(),
});

export const ImportErrorSchema = z.object({
  line: z.number().int().describe('CSV 行号（表头为第 1 行）/ CSV line, the header being line 1'),
  row: z.number().int(),
  paymentId: z.string().nullable(),
  message: z.string(),
});

export const CloseResultSchema = z.object({ month: Month, closed: z.literal(true), at: Timestamp, closedBy: z.string() });

export const DashboardSchema = z.object({
  month: Month,
  today: Day,
  institutions: z.number().int(),
  claimsByStatus: z.record(z.string(), z.number().int()).describe('本月提交的申报按状态计数 / claims submitted in the month, by status'),
  fundByKind: z.record(z.string(), Money).describe('本月提交申报的应付金额，按类型 / payable of the month’s claims by kind'),
  fundByInstitution: z.array(
    z.object({ institutionId: z.string(), name: z.string().optional(), claims: z.number().int(), payable: Money }),
  ),
  fundByMonth: z
    .array(z.object({ month: Month, payable: Money, entries: z.number().int() }))
    .describe('近 12 个会计月的入账应付合计 / payable posted per accounting month, last 12 months'),
  reviewBacklog: z.object({
    claims: z.number().int(),
    fundAmount: Money,
    oldestSubmittedAt: Timestamp.nullable(),
  }),
  constructionBudget: z.object({
    year: z.number().int(),
    budget: Money,
    funded: Money,
    remaining: Money,
    deferred: Money.describe('因预算不足暂缓的金额 / deferred for lack of budget'),
  }),
});
