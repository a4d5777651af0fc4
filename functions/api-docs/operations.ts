/**
 * One operation per route (typed by functions/http/routes.ts's RouteKey, so a route without one does not
 * compile): what it does in Chinese and English, who may call it, and the schemas of its request and
 * answers — the very schemas the handlers parse with and the tests check answers against.
 */
import { z } from 'zod';
import { EntriesQuerySchema, MonthSchema, StatementQuerySchema } from '../finance/handler.ts';
import { BoundedId } from '../http/bounds.ts';
import * as R from '../http/responses.ts';
import type { RouteKey } from '../http/routes.ts';
import { DashboardQuerySchema } from '../read-claims/dashboard.ts';
import { ListQuerySchema } from '../read-claims/handler.ts';
import { QueueQuerySchema, ReviewBodySchema } from '../review-claims/handler.ts';
import type { COMPONENTS, Operation } from './components.ts';
import { referenceOperations } from './reference-operations.ts';

export { COMPONENTS, type Operation } from './components.ts';

const AUTH = [400, 401, 403] as const;
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
    ...referenceOperations(ref),
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
