/**
 * The operations of the bureau's reference data (registry, service records, policies and their
 * histories), split from operations.ts to keep each file readable; the same schemas the handlers use.
 */
import { z } from 'zod';
import { BoundedId } from '../http/bounds.ts';
import * as R from '../http/responses.ts';
import { AgreementBodySchema } from '../load-reference-data/agreements.ts';
import { ChangeFieldsSchema } from '../load-reference-data/change.ts';
import { ChangeListQuerySchema } from '../load-reference-data/changes.ts';
import { PolicyVersionBodySchema } from '../load-reference-data/handler.ts';
import { HistoryQuerySchema, PolicyHistoryQuerySchema } from '../load-reference-data/history.ts';
import { RegistryQuerySchema } from '../load-reference-data/reads.ts';
import type { COMPONENTS, Operation } from './components.ts';

const AUTH = [400, 401, 403] as const;
const CHANGE_TEXT =
  ' 每次变更须在请求体中写明 reason（变更理由，缺少时 400，字段 reason）；变更人取自令牌，时间取自服务器时钟；旧版本全部保留（GET …/history）。可带 expectedVersion（所编辑的版本号），已有更新版本时 409 VERSION_CONFLICT。与当前版本相同的内容不产生新版本（changed: false）。';
const HISTORY_TEXT = '每个版本含变更人、时间、理由、本版记录、变更前记录与变更字段（changes）；分页。';
const id = z.object({ id: BoundedId.describe('编号 / id') });
const JSON_TYPE = 'application/json';

/** The reference-data operations, given the registered components. */
export function referenceOperations(ref: (name: keyof typeof COMPONENTS) => z.ZodType) {
  const ok = (description: string, name: keyof typeof COMPONENTS) => ({ 200: { description, content: { [JSON_TYPE]: ref(name) } } });
  return {
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
      summary: '新增或修改参保人（含评估记录与护理计划），须注明理由 / create or replace a person (assessments, care plans), with a reason',
      description: `按领域模式校验，失败时 details 逐字段列出（如 carePlans[0].services[1].maxPerWeek）；路径编号须与 personId 一致。护理计划（carePlans，DOMAIN.md §11.2）：planId 在本人内唯一；同一机构、同一护理方式的两个计划不得有重叠日期；每个服务项目在计划内只列一次，maxPerMonth / maxPerWeek 为 ≥ 1 的整数；计划仅对政策 carePlanRequired 所列护理方式生效。${CHANGE_TEXT}`,
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
    'GET /reference-changes': {
      operationId: 'listReferenceChanges',
      tag: '政策 Policy',
      summary: '变更审计：按记录、按变更人或按日期列出登记与政策变更 / changes by record, by actor or by date',
      description:
        '三者择一：record（如 person:P001、institution:INST-A、policy:city）、by（变更人）、month（上海时间的月份，可加 day 只看一日）。新者在前，分页；每条含变更编号、记录与版本、变更人、时间与理由，进度见 GET /reference-changes/{changeId}。',
      roles: ['bureau'],
      query: ChangeListQuerySchema,
      responses: ok('一页变更 / one page of changes', 'ChangePage'),
      errors: AUTH,
    },
    'GET /reference-changes/{changeId}': {
      operationId: 'getReferenceChange',
      tag: '政策 Policy',
      summary: '一次登记或政策变更的重新审核进度 / the re-adjudication of a reference change',
      description:
        '每次变更（PUT 参保人、机构、政策，应答中的 changeId）都按新数据重新审核其影响的分区：参保人本人的分区、机构申报所在的分区、生效日及以后的服务日所在的分区；变动的申报记入 REPROCESSED 调整，triggeredBy 为该变更编号。total 为需重新审核的分区数（分发中会增加），done 为已完成数。',
      roles: ['bureau'],
      params: z.object({ changeId: z.string().describe('变更编号，如 person:P001:v2 / the change id') }),
      responses: ok('进度 / progress', 'ChangeStatus'),
      errors: [...AUTH, 404],
    },
  } satisfies Record<string, Operation>;
}
