/**
 * One operation per route (typed by infra/lib/routes.ts's RouteKey, so a route without one does not
 * compile): what it does in Chinese and English, who may call it, and the schemas of its request and
 * answers — the very schemas the handlers parse with and the tests check answers against.
 */
import { z } from 'zod';
import {
  ConstructionSubsidyClaimSchema,
  FamilyCareClaimSchema,
  MedicalSettlementClaimSchema,
  OperatingSubsidyClaimSchema,
  PricedCareClaimSchema,
} from '../../domain/claims.ts';
import { PolicySchema } from '../../domain/policy/schema.ts';
import { InstitutionSchema, PersonSchema } from '../../domain/registry.ts';
import type { RouteKey } from '../../infra/lib/routes.ts';
import { EntriesQuerySchema, MonthSchema, StatementQuerySchema } from '../finance/handler.ts';
import { BoundedId } from '../http/bounds.ts';
import * as R from '../http/responses.ts';
import { AgreementBodySchema } from '../load-reference-data/agreements.ts';
import { ChangeFieldsSchema } from '../load-reference-data/change.ts';
import { PolicyVersionBodySchema } from '../load-reference-data/handler.ts';
import { HistoryQuerySchema, PolicyHistoryQuerySchema } from '../load-reference-data/history.ts';
import { RegistryQuerySchema } from '../load-reference-data/reads.ts';
import { DashboardQuerySchema } from '../read-claims/dashboard.ts';
import { ListQuerySchema } from '../read-claims/handler.ts';
import { QueueQuerySchema, ReviewBodySchema } from '../review-claims/handler.ts';

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

const AUTH = [400, 401, 403] as const;
const CHANGE_TEXT =
  ' 每次变更须在请求体中写明 reason（变更理由，缺少时 400，字段 reason）；变更人取自令牌，时间取自服务器时钟；旧版本全部保留（GET …/history）。可带 expectedVersion（所编辑的版本号），已有更新版本时 409 VERSION_CONFLICT。与当前版本相同的内容不产生新版本（changed: false）。';
const HISTORY_TEXT = '每个版本含变更人、时间、理由、本版记录、变更前记录与变更字段（changes）；分页。';
const id = z.object({ id: BoundedId.describe('编号 / id') });
const month = z.object({ month: MonthSchema.describe('月份 YYYY-MM / month') });

/** The operations, given the registered components (so nested uses become $refs). */
export function operations(ref: (name: keyof typeof COMPONENTS) => z.ZodType): Record<RouteKey, Operation> {
  const claim = z
    .union([
      ref('CareServiceClaim'),
      ref('FamilyCareClaim'),
      ref('MedicalSettlementClaim'),
      ref('ConstructionSubsidyClaim'),
      ref('OperatingSubsidyClaim'),
    ])
    .describe('按 kind 区分的一条申报 / one claim, by kind');
  const JSON_TYPE = 'application/json';
  const ok = (description: string, name: keyof typeof COMPONENTS) => ({ 200: { description, content: { [JSON_TYPE]: ref(name) } } });
  return {
    'POST /claims': {
      operationId: 'submitClaims',
      tag: '申报 Claims',
      summary: '提交申报（单条或最多 500 条一批，全部通过才受理）/ submit claims, all or nothing',
      description:
        '提交时间以服务器接收时间为准（submittedAt 可不填；填写时须与服务器时间相差不超过 5 分钟，否则 400 SUBMITTED_AT_SKEW）。每条申报先按接口限制、再按领域规则校验；任何一条不通过则整批不受理，details 按序号列出每条的字段错误。申报编号归本机构所有：他机构已用的编号 409 CLAIM_ID_TAKEN，本机构已用于不同内容的编号 409 CLAIM_ID_CONFLICT，相同内容重发沿用首次的提交时间。可带 Idempotency-Key 头（1–128 个可打印 ASCII），24 小时内同键同体返回首次的应答。',
      roles: ['institution (own institutionId only)'],
      body: { 'application/json': z.union([claim, z.object({ claims: z.array(claim).min(1).max(500) })]) },
      responses: { 202: { description: '已受理，进入队列等待裁决 / accepted and queued', content: { [JSON_TYPE]: R.AcceptedSchema } } },
      errors: [...AUTH, 409, 413, 415, 503],
    },
    'POST /migrations/claims': {
      operationId: 'migrateClaims',
      tag: '申报 Claims',
      summary: '医保局迁移历史申报（保留各自的提交时间）/ the bureau migrates historical claims with their own submittedAt',
      description:
        '与提交申报相同的校验与编号归属；每条申报须带 submittedAt，且不晚于服务器时间（否则 400 SUBMITTED_AT_IN_FUTURE）。应答与保存的申报记录迁移人（provenance）。',
      roles: ['bureau'],
      body: { 'application/json': z.union([claim, z.object({ claims: z.array(claim).min(1).max(500) })]) },
      responses: { 202: { description: '已受理，进入队列等待裁决 / accepted and queued', content: { [JSON_TYPE]: R.AcceptedSchema } } },
      errors: [...AUTH, 409, 413, 415, 503],
    },
    'GET /claims': {
      operationId: 'listClaims',
      tag: '申报 Claims',
      summary: '申报列表（按机构与提交月份，或按参保人），服务端分页 / list claims, paged',
      description: '按机构与提交月份（Asia/Shanghai）列出，或（医保局、财务）按参保人列出其护理与住院申报；可按类型、状态筛选。',
      roles: ['institution (own)', 'bureau', 'finance'],
      query: ListQuerySchema,
      responses: ok('一页申报 / one page', 'ClaimPage'),
      errors: AUTH,
    },
    'GET /claims/{id}': {
      operationId: 'getClaim',
      tag: '申报 Claims',
      summary: '一条申报的裁决、调整、审核与逐条规则说明 / one claim with its explanation',
      description:
        'explanation.items 按服务日（护理）、床位（建设补贴）或人员（运营补贴）逐项说明；住院结算在 explanation.facts 给出转诊链与起付线。',
      roles: ['institution (own)', 'bureau', 'finance'],
      params: id,
      responses: ok('申报详情 / the claim', 'ClaimDetail'),
      errors: [...AUTH, 404],
    },
    'GET /dashboard': {
      operationId: 'getDashboard',
      tag: '统计 Dashboard',
      summary: '全市概览：基金按类型/机构/月份、申报按状态、待审积压、建设补贴预算余额 / city dashboard',
      description: '按本月提交的申报统计状态与应付金额；按会计月统计近 12 个月的入账应付；待审积压来自审核队列。',
      roles: ['bureau', 'finance'],
      query: DashboardQuerySchema,
      responses: ok('概览 / the figures', 'Dashboard'),
      errors: AUTH,
    },
    'GET /review-queue': {
      operationId: 'reviewQueue',
      tag: '审核 Review',
      summary: '待人工审核的申报，提交早者在前 / claims waiting for review',
      description: '金额超过审核阈值或有重复日期等情况的申报进入此队列。',
      roles: ['bureau'],
      query: QueueQuerySchema,
      responses: ok('一页待审申报 / one page', 'ClaimPage'),
      errors: AUTH,
    },
    'POST /claims/{id}/review': {
      operationId: 'reviewClaim',
      tag: '审核 Review',
      summary: '审核通过或不通过（须填写理由）/ approve or reject with a reason',
      description: '通过后应付金额按领域规则变化，差额记入审核当月的会计账；审核人与时间随申报保存。',
      roles: ['bureau'],
      params: id,
      body: { 'application/json': ReviewBodySchema },
      responses: ok('审核后的申报 / the claim after review', 'ClaimDetail'),
      errors: [...AUTH, 404, 409, 503],
    },
    'GET /registry/persons': {
      operationId: 'listPersons',
      tag: '登记 Registry',
      summary: '参保人列表（按编号前缀检索），附今日有效等级 / persons, searched by id prefix',
      description: '参保人信息属健康数据，仅医保局可读。',
      roles: ['bureau'],
      query: RegistryQuerySchema,
      responses: ok('一页参保人 / one page', 'PersonPage'),
      errors: AUTH,
    },
    'GET /registry/persons/{id}': {
      operationId: 'getPerson',
      tag: '登记 Registry',
      summary: '参保人、评估时间线与今日有效等级 / a person, the assessment timeline, the grade in force today',
      description: '有效等级与规则引擎的判定一致（assessmentInForce，按今日适用政策的有效期）。',
      roles: ['bureau'],
      params: id,
      responses: ok('参保人 / the person', 'PersonView'),
      errors: [...AUTH, 404],
    },
    'PUT /registry/persons/{id}': {
      operationId: 'putPerson',
      tag: '登记 Registry',
      summary: '新增或修改参保人（含评估记录），须注明理由 / create or replace a person, with a reason',
      description: `按领域模式校验，失败时 details 逐字段列出；路径编号须与 personId 一致。${CHANGE_TEXT}`,
      roles: ['bureau'],
      params: id,
      body: { 'application/json': z.intersection(ref('Person'), ChangeFieldsSchema) },
      responses: ok('保存后的记录及其版本 / the stored record and its version', 'StoredPerson'),
      errors: [...AUTH, 409, 415],
    },
    'GET /registry/persons/{id}/history': {
      operationId: 'getPersonHistory',
      tag: '登记 Registry',
      summary: '参保人记录的变更历史（新者在前）/ a person’s versions, newest first',
      description: HISTORY_TEXT,
      roles: ['bureau'],
      params: id,
      query: HistoryQuerySchema,
      responses: ok('一页版本 / one page of versions', 'HistoryPage'),
      errors: [...AUTH, 404],
    },
    'GET /registry/institutions': {
      operationId: 'listInstitutions',
      tag: '登记 Registry',
      summary: '机构列表（按编号前缀检索）/ institutions, searched by id prefix',
      description: '床位、医疗设施与定点协议。',
      roles: ['bureau', 'finance'],
      query: RegistryQuerySchema,
      responses: ok('一页机构 / one page', 'InstitutionPage'),
      errors: AUTH,
    },
    'GET /registry/institutions/{id}': {
      operationId: 'getInstitution',
      tag: '登记 Registry',
      summary: '一家机构及其定点协议今日状态 / an institution and its designations today',
      description: '机构用户只能读取本机构。',
      roles: ['institution (own)', 'bureau', 'finance'],
      params: id,
      responses: ok('机构 / the institution', 'InstitutionView'),
      errors: [...AUTH, 404],
    },
    'PUT /registry/institutions/{id}': {
      operationId: 'putInstitution',
      tag: '登记 Registry',
      summary: '新增或修改机构，须注明理由 / create or replace an institution, with a reason',
      description: `按领域模式校验，失败时 details 逐字段列出；路径编号须与 institutionId 一致。${CHANGE_TEXT}`,
      roles: ['bureau'],
      params: id,
      body: { 'application/json': z.intersection(ref('Institution'), ChangeFieldsSchema) },
      responses: ok('保存后的记录及其版本 / the stored record and its version', 'StoredInstitution'),
      errors: [...AUTH, 409, 415],
    },
    'GET /registry/institutions/{id}/history': {
      operationId: 'getInstitutionHistory',
      tag: '登记 Registry',
      summary: '机构记录的变更历史（新者在前）/ an institution’s versions, newest first',
      description: HISTORY_TEXT,
      roles: ['bureau'],
      params: id,
      query: HistoryQuerySchema,
      responses: ok('一页版本 / one page of versions', 'HistoryPage'),
      errors: [...AUTH, 404],
    },
    'PUT /registry/agreements/{id}': {
      operationId: 'putAgreement',
      tag: '登记 Registry',
      summary: '备案机构与人员的服务关系：服务协议（care）或住院登记（admission）/ record which institution serves which person',
      description:
        '机构只能为有备案服务关系的人员提交申报：护理与运营补贴需覆盖服务日期的服务协议，住院结算需覆盖整个住院期间的住院登记。备案人与时间取自令牌与服务器时钟，每个版本都保留；备案的机构与人员不可更改。',
      roles: ['bureau'],
      params: id,
      body: { 'application/json': AgreementBodySchema },
      responses: { 200: { description: '保存后的备案 / the recorded agreement', content: { [JSON_TYPE]: R.RecordedAgreementSchema } } },
      errors: [...AUTH, 409, 415],
    },
    'GET /policies': {
      operationId: 'listPolicies',
      tag: '政策 Policy',
      summary: '已发布的政策版本及今日适用者 / published policy versions',
      description: '未发布任何版本时只有内置的 demo-2026。',
      roles: ['institution', 'bureau', 'finance'],
      responses: ok('版本列表 / the versions', 'PolicyVersionList'),
      errors: [401, 403],
    },
    'GET /policies/{policyId}': {
      operationId: 'getPolicy',
      tag: '政策 Policy',
      summary: '某一政策编号的各版本全文 / every version of one policy id',
      description: '全文为合并到 demo-2026 之后、经校验的完整政策。',
      roles: ['institution', 'bureau', 'finance'],
      params: z.object({ policyId: BoundedId }),
      responses: ok('版本全文 / the versions', 'PolicyVersions'),
      errors: [...AUTH, 404],
    },
    'PUT /policies/{policyId}': {
      operationId: 'putPolicy',
      tag: '政策 Policy',
      summary: '发布政策版本（对 demo-2026 的局部覆盖 + 生效日期）/ publish a policy version',
      description: `policy 为局部覆盖，深度合并到 demo-2026 后按严格模式校验：未知字段（如拼写错误）与越界比例逐字段报错，路径以 policy. 开头。同一政策编号与生效日期再次发布即为该版本的新修订。${CHANGE_TEXT}`,
      roles: ['bureau'],
      params: z.object({ policyId: BoundedId }),
      body: { 'application/json': PolicyVersionBodySchema },
      responses: ok('发布的版本及其修订号 / the version and its revision', 'StoredPolicy'),
      errors: [...AUTH, 409, 415],
    },
    'GET /policies/{policyId}/history': {
      operationId: 'getPolicyHistory',
      tag: '政策 Policy',
      summary: '政策各生效版本的修订历史 / the revisions of a policy’s effective versions',
      description: `${HISTORY_TEXT} 按生效日期（新者在前）、再按修订号排列；effectiveFrom 只看一个生效版本。`,
      roles: ['bureau'],
      params: z.object({ policyId: BoundedId }),
      query: PolicyHistoryQuerySchema,
      responses: ok('一页修订 / one page of revisions', 'HistoryPage'),
      errors: [...AUTH, 404],
    },
    'POST /disbursements': {
      operationId: 'importDisbursements',
      tag: '财务 Finance',
      summary: '导入银行支付文件（全部正确才入账）/ import a bank payment file, all or nothing',
      description:
        '表头 paymentId,institutionId,month,amount,paidOn（顺序不限），UTF-8（可带 BOM），最多 5,000 行。有误时 400 DISBURSEMENTS_REJECTED，details.errors 列出每一行（ImportError），不入账任何一笔。',
      roles: ['finance'],
      body: { 'text/csv': z.string().describe('CSV 文件内容 / the file'), 'application/json': z.object({ csv: z.string() }) },
      responses: {
        201: { description: '已入账 / applied', content: { [JSON_TYPE]: ref('ImportResult') } },
        200: { description: '同一文件此前已提交，已补完 / the same file, finished', content: { [JSON_TYPE]: ref('ImportResult') } },
      },
      errors: [...AUTH, 409, 413, 415],
    },
    'GET /statements/{month}': {
      operationId: 'getStatement',
      tag: '财务 Finance',
      summary: '月度对账单（每家机构的应付、已付与状态）/ the month statement',
      description: '?format=csv 返回供 Excel 打开的 CSV（UTF-8 BOM、中文表头）。机构用户只得到本机构的一行。',
      roles: ['finance', 'bureau', 'institution (own line)'],
      params: month,
      query: StatementQuerySchema,
      responses: {
        200: {
          description: '对账单；format=csv 时为 CSV / the statement (CSV with format=csv)',
          content: { [JSON_TYPE]: ref('Statement'), 'text/csv': z.string() },
        },
      },
      errors: AUTH,
    },
    'GET /statements/{month}/entries': {
      operationId: 'getStatementEntries',
      tag: '财务 Finance',
      summary: '一家机构当月的会计分录 / the ledger entries behind a statement line',
      description: '按入账时间分页。机构用户只能读取本机构；由他机构申报触发的调整不显示触发申报编号。',
      roles: ['finance', 'bureau', 'institution (own)'],
      params: month,
      query: EntriesQuerySchema,
      responses: ok('一页分录 / one page', 'EntriesPage'),
      errors: AUTH,
    },
    'POST /months/{month}/close': {
      operationId: 'closeMonth',
      tag: '财务 Finance',
      summary: '结账（不可撤销；之后的变动记入下月并标为跨期）/ close a month for good',
      description: '重复结账为 409 MONTH_ALREADY_CLOSED。',
      roles: ['finance'],
      params: month,
      responses: { 201: { description: '已结账 / closed', content: { [JSON_TYPE]: ref('CloseResult') } } },
      errors: [...AUTH, 409],
    },
    'GET /': {
      operationId: 'consoleRoot',
      tag: '控制台 Console',
      summary: '转到网页控制台 / redirects to the web console',
      description: '308 到 /console/。',
      roles: ['anyone'],
      responses: { 308: { description: '→ /console/' } },
      errors: [],
    },
    'GET /console': {
      operationId: 'consoleIndex',
      tag: '控制台 Console',
      summary: '转到网页控制台 / redirects to /console/',
      description: '308 到 /console/。',
      roles: ['anyone'],
      responses: { 308: { description: '→ /console/' } },
      errors: [],
    },
    'GET /console/{proxy+}': {
      operationId: 'consoleFile',
      tag: '控制台 Console',
      summary: '网页控制台的静态文件（无需令牌；数据接口仍需令牌）/ the web console’s files',
      description: 'index.html、assets/* 与部署时写入的 config.json（接口地址与身份认证设置）。',
      roles: ['anyone'],
      params: z.object({ proxy: z.string().describe('文件路径 / file path') }),
      responses: { 200: { description: '文件 / the file', content: { 'text/html': z.string() } } },
      errors: [404],
    },
    'GET /openapi.json': {
      operationId: 'getOpenApi',
      tag: '文档 Docs',
      summary: '本文档（无需令牌）/ this document, no token needed',
      description: '由处理程序所用的 zod 模式生成。',
      roles: ['anyone'],
      responses: { 200: { description: 'OpenAPI 3.1', content: { [JSON_TYPE]: z.record(z.string(), z.unknown()) } } },
      errors: [],
    },
  };
}
