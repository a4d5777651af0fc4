/**
 * GET /claims/{id} and GET /claims (every role; institution users only for their own institution),
 * and GET /dashboard (bureau and finance; dashboard.ts).
 * One claim comes with its stored outcome, effective status, payable amount, adjustments, review and
 * the engine's explanation, rebuilt from its partition. The listing pages through an institution's
 * claims of one month of submission, or (bureau and finance) a person's care and medical claims,
 * filtered by kind and status.
 *
 * An institution reads only its own claims, and of them nothing about anyone else (redaction.ts):
 * another institution's claim answers exactly as an unknown id does, 404 `CLAIM_NOT_FOUND` (the
 * attempt is logged), so a read tells it nothing — not even that the claim was decided.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { CLAIM_KINDS } from '../../domain/claims.ts';
import { MonthString, toFieldErrors } from '../../domain/validation.ts';
import { ClaimIndex, LISTING_KEY } from '../adapters/claim-index.ts';
import { type MadeWith, ReferenceAt } from '../adapters/made-with.ts';
import { type Member, PartitionStore } from '../adapters/partition-store.ts';
import { ReferenceStore } from '../adapters/reference-store.ts';
import { RegistryReader } from '../adapters/registry-reads.ts';
import { restoreEngine } from '../adapters/restore-engine.ts';
import { StatementStore } from '../adapters/statement-store.ts';
import { systemClock } from '../clock.ts';
import { principalOf, requireInstitution, requireRole } from '../http/auth.ts';
import { BoundedId, ID_PATTERN } from '../http/bounds.ts';
import { claimDetail, claimSummary, effectiveStatus, LISTED_STATUSES } from '../http/claim-view.ts';
import { NotFoundError, ValidationError } from '../http/errors.ts';
import { decodeToken, encodeToken, httpHandler, json, type Observability } from '../http/http.ts';
import type { JsonEvent } from '../http/middleware.ts';
import { logger as defaultLogger, tracer } from '../http/observability.ts';
import { redactorFor } from '../http/redaction.ts';
import { type DashboardDeps, dashboardRoute } from './dashboard.ts';

export const ListQuerySchema = z.object({
  institution: BoundedId.optional().describe('机构编码；机构用户默认为本机构 / institution; an institution user’s own by default'),
  month: MonthString.optional().describe('提交月份（Asia/Shanghai）；按参保人查询时可省略 / month of submission'),
  person: BoundedId.optional().describe('参保人编号：列出其护理与住院申报（医保局、财务）/ a person’s claims (bureau, finance)'),
  kind: z.enum(CLAIM_KINDS).optional(),
  status: z.enum(LISTED_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  nextToken: z.string().optional(),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

export interface ReadDeps extends Observability, DashboardDeps {
  readonly partitions: Pick<PartitionStore, 'guard' | 'member' | 'load'>;
  readonly reference: Pick<ReferenceStore, 'contextFor' | 'policyBook'>;
  /** The registry and policy as a decision saw them (the history items of its versions). */
  readonly referenceAt: Pick<ReferenceAt, 'contextAt'>;
  readonly index: Pick<ClaimIndex, 'byInstitutionMonth' | 'byPerson' | 'reviewQueue'>;
}

/**
 * Builds the read function.
 * @example const handler = makeHandler({ partitions, reference, index });
 */
export function makeHandler(deps: ReadDeps) {
  const logger = deps.logger ?? defaultLogger;
  const getClaim = async (event: JsonEvent) => {
    const principal = principalOf(event);
    const claimId = event.pathParameters?.id ?? '';
    // An id no claim can have is not looked up: a key too long for DynamoDB would be a 500.
    const guard = ID_PATTERN.test(claimId) ? await deps.partitions.guard(claimId) : undefined;
    const member = guard && (await deps.partitions.member(guard.partition, guard.seq));
    const foreign = member !== undefined && principal.role === 'institution' && principal.institutionId !== member.institutionId;
    if (foreign)
      logger.warn('institution read another institution’s claim', { caller: principal.institutionId, user: principal.user, claimId });
    if (!guard || !member || foreign) {
      throw new NotFoundError(
        'CLAIM_NOT_FOUND',
        `No decided claim ${claimId} (a claim just submitted may still be queued)`,
        `未找到已处理的申报 ${claimId}（刚提交的申报可能仍在队列中）`,
      );
    }
    const state = await deps.partitions.load(guard.partition);
    const madeWith = member.madeWith ?? state.madeWith;
    const detail = claimDetail(member, await explain(deps, state.partition, state.members, claimId, madeWith));
    if (principal.role !== 'institution') return json(200, detail);
    const redact = redactorFor(member, state.members);
    return json(200, {
      ...detail,
      adjustments: redact(detail.adjustments),
      madeWith: redact(detail.madeWith),
      explanation: redact(detail.explanation),
    });
  };

  const listClaims = async (event: JsonEvent) => {
    const principal = principalOf(event);
    const query = listQuery(event.queryStringParameters ?? {});
    const filters = { ...(query.status ? { status: query.status } : {}), ...(query.kind ? { kind: query.kind } : {}) };
    let page: Awaited<ReturnType<ReadDeps['index']['byInstitutionMonth']>>;
    if (query.person !== undefined) {
      requireRole(principal, 'bureau', 'finance');
      const startKey = decodeToken(query.nextToken, ['pk', 'sk'], { pk: ClaimIndex.personKey(query.person) });
      page = await deps.index.byPerson(query.person, {
        limit: query.limit,
        ...filters,
        ...(query.institution ? { institutionId: query.institution } : {}),
        ...(query.month ? { month: query.month } : {}),
        ...(startKey ? { startKey } : {}),
      });
    } else {
      const institutionId = query.institution ?? (principal.role === 'institution' ? principal.institutionId : undefined);
      if (institutionId === undefined) throw new ValidationError([REQUIRED('institution')]);
      requireInstitution(principal, institutionId);
      const month = query.month as string;
      const startKey = decodeToken(query.nextToken, LISTING_KEY, { gsi1pk: ClaimIndex.listingKey(institutionId, month) });
      page = await deps.index.byInstitutionMonth(institutionId, month, {
        limit: query.limit,
        ...filters,
        ...(startKey ? { startKey } : {}),
      });
    }
    const members = query.status ? page.members.filter((m) => effectiveStatus(m.outcome, m.review) === query.status) : page.members;
    const nextToken = encodeToken(page.nextKey);
    return json(200, { items: members.map(claimSummary), ...(nextToken ? { nextToken } : {}) });
  };

  return httpHandler({ 'GET /claims/{id}': getClaim, 'GET /claims': listClaims, 'GET /dashboard': dashboardRoute(deps) }, deps);
}

const REQUIRED = (path: string) => ({ path, code: 'REQUIRED', message: 'is required', messageZh: '必填' });

/** The listing's query; `month` may be left out only for a person's claims. */
function listQuery(raw: Record<string, string | undefined>): ListQuery {
  const r = ListQuerySchema.safeParse(raw);
  const month = raw.person === undefined && raw.month === undefined ? [REQUIRED('month')] : [];
  if (!r.success || month.length > 0) throw new ValidationError([...month, ...(r.success ? [] : toFieldErrors(r.error.issues))]);
  return r.data;
}

/**
 * The engine's explanation of one claim, from its partition's members as stored, with the registry
 * and policy versions its decision was made with (a partition decided before versions were recorded:
 * today's reference data).
 */
async function explain(
  deps: ReadDeps,
  partition: string,
  members: readonly Member[],
  claimId: string,
  madeWith: MadeWith | undefined,
): Promise<unknown> {
  const engine = await restoreEngine(
    madeWith ? { contextFor: () => deps.referenceAt.contextAt(madeWith) } : deps.reference,
    partition,
    members.map((m) => m.content),
  );
  return engine.explain(claimId)?.explanation;
}

const doc = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});
const table = process.env.TABLE_NAME ?? '';

// Running totals are DynamoDB Numbers: the statement store reads them as exact decimal text.
const exactDoc = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
  unmarshallOptions: { wrapNumbers: true },
});

/** The deployed function (env: TABLE_NAME). */
export const handler = makeHandler({
  partitions: new PartitionStore(doc, table),
  reference: new ReferenceStore(doc, table),
  referenceAt: new ReferenceAt(doc, table),
  index: new ClaimIndex(doc, table),
  statements: new StatementStore(exactDoc, table),
  registry: new RegistryReader(doc, table),
  now: systemClock,
});
