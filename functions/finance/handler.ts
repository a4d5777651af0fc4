/**
 * Finance's month end (DOMAIN.md §8, §10): POST /disbursements imports a bank file all or nothing,
 * GET /statements/{month} reconciles the month from running totals (JSON, or CSV for Excel with
 * `?format=csv`), GET /statements/{month}/entries pages through an institution's ledger entries,
 * POST /months/{month}/close closes a month for good. The EventBridge schedule drafts the previous
 * month's statement on the 1st. Finance imports and closes; finance and the bureau read; an
 * institution reads its own statement line and ledger entries.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { formatDay, type MonthSpan, parseMonth, shanghaiDay } from '../../domain/dates.ts';
import { DisbursementStore } from '../adapters/disbursement-store.ts';
import { DocumentStore } from '../adapters/document-store.ts';
import { ledgerPk } from '../adapters/keys.ts';
import { StatementStore } from '../adapters/statement-store.ts';
import { postedAt, systemClock } from '../clock.ts';
import { principalOf, requireInstitution, requireRole } from '../http/auth.ts';
import { BoundedId } from '../http/bounds.ts';
import { ConflictError } from '../http/errors.ts';
import { decodeToken, encodeToken, type HttpHandler, httpHandler, json, type Observability, parseInput } from '../http/http.ts';
import type { JsonEvent } from '../http/middleware.ts';
import { logger as defaultLogger, tracer } from '../http/observability.ts';
import { type CsvUpload, csvUpload, importDisbursements } from './import.ts';
import { type MonthStatement, monthStatement, previousMonth, statementCsv } from './month-statement.ts';

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
export const StatementQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  institution: BoundedId.optional().describe(
    '只看一家机构的一行；机构用户默认为本机构 / one institution’s line; an institution user’s own',
  ),
});
export const EntriesQuerySchema = z.object({
  institution: BoundedId,
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  nextToken: z.string().optional(),
});

export interface FinanceDeps extends Observability {
  readonly statements: StatementStore;
  readonly disbursements: DisbursementStore;
  readonly documents: DocumentStore;
  readonly now: () => Date;
}

/** The EventBridge schedule's event (only `time` matters: the instant the rule fired, UTC). */
export interface ScheduledEvent {
  readonly source: 'aws.events';
  readonly 'detail-type': 'Scheduled Event';
  readonly time: string;
}

const CSV_TYPE = 'text/csv; charset=utf-8';
const monthOf = (event: JsonEvent) => parseInput(z.object({ month: MonthSchema }), event.pathParameters ?? {}).month;

/**
 * Builds the finance function: HTTP routes, and the scheduled draft.
 * @example const handler = makeHandler({ statements, disbursements, documents, now: () => new Date() });
 */
export function makeHandler(deps: FinanceDeps) {
  const statementOf = async (month: string, institutionId?: string): Promise<MonthStatement> => {
    // An import decided but not finished is finished first: a statement never shows part of a file.
    await deps.disbursements.rollForwardPending();
    const [figures, counts, closedAt] = await Promise.all([
      deps.statements.figures(month),
      deps.statements.counts(month),
      deps.statements.closedAt(month),
    ]);
    const mine = <T extends { institutionId: string }>(rows: readonly T[]) =>
      institutionId === undefined ? rows : rows.filter((r) => r.institutionId === institutionId);
    return monthStatement(month, mine(figures), mine(counts), closedAt !== undefined);
  };

  const importFile = async (event: JsonEvent & CsvUpload) => {
    const principal = principalOf(event);
    requireRole(principal, 'finance');
    const result = await importDisbursements(deps, csvUpload(event), principal.user);
    return json(result.resumed ? 200 : 201, result);
  };

  // An institution reads its own line and entries (the console's statement page); finance and the
  // bureau read every institution's.
  const getStatement = async (event: JsonEvent) => {
    const principal = principalOf(event);
    const month = monthOf(event);
    const { format, institution } = parseInput(StatementQuerySchema, event.queryStringParameters ?? {});
    const institutionId = institution ?? (principal.role === 'institution' ? principal.institutionId : undefined);
    if (institutionId !== undefined) requireInstitution(principal, institutionId);
    const statement = await statementOf(month, institutionId);
    if (format === 'json') return json(200, statement);
    const csv = statementCsv(statement);
    // The city's statement is kept; one institution's extract is not a document of record.
    if (institutionId === undefined) await deps.documents.put(`statements/${month}.csv`, csv, CSV_TYPE);
    return {
      statusCode: 200,
      headers: { 'content-type': CSV_TYPE, 'content-disposition': `attachment; filename="statement-${month}.csv"` },
      body: csv,
    } satisfies APIGatewayProxyStructuredResultV2;
  };

  const getEntries = async (event: JsonEvent) => {
    const principal = principalOf(event);
    const month = monthOf(event);
    const query = parseInput(EntriesQuerySchema, event.queryStringParameters ?? {});
    requireInstitution(principal, query.institution);
    const startKey = decodeToken(query.nextToken, ['pk', 'sk'], { pk: ledgerPk(query.institution, month) });
    const page = await deps.statements.entries(query.institution, month, query.limit, startKey);
    // An adjustment triggered by another institution's claim must not name that claim to this one.
    const entries =
      principal.role === 'institution'
        ? page.entries.map((e) => (e.triggeredBy === e.claimId ? e : { ...e, triggeredBy: null }))
        : page.entries;
    const nextToken = encodeToken(page.nextKey);
    return json(200, { institutionId: query.institution, month, entries, ...(nextToken ? { nextToken } : {}) });
  };

  const closeMonth = async (event: JsonEvent) => {
    const principal = principalOf(event);
    requireRole(principal, 'finance');
    const month = monthOf(event);
    const now = deps.now();
    const today = shanghaiDay({ ms: now.getTime(), subMs: '' });
    // A month is final only once it has ended in Asia/Shanghai: closing it earlier would push the
    // rest of its postings into the next month as prior-period items.
    if (today <= (parseMonth(month) as MonthSpan).last) {
      throw new ConflictError(
        'MONTH_NOT_ENDED',
        `${month} has not ended yet (today is ${formatDay(today)} in Asia/Shanghai); it can be closed from the 1st of the next month`,
        `${month} 尚未结束（北京时间今天是 ${formatDay(today)}），次月 1 日起方可结账`,
        { month, today: formatDay(today) },
      );
    }
    const at = postedAt(now);
    if (!(await deps.statements.close(month, at, principal.user))) {
      const closedAt = await deps.statements.closedAt(month);
      throw new ConflictError('MONTH_ALREADY_CLOSED', `${month} is already closed`, `${month} 已结账，不可重复结账`, { closedAt });
    }
    return json(201, { month, closed: true, at, closedBy: principal.user });
  };

  const http: HttpHandler = httpHandler(
    {
      'POST /disbursements': importFile,
      'GET /statements/{month}': getStatement,
      'GET /statements/{month}/entries': getEntries,
      'POST /months/{month}/close': closeMonth,
    },
    deps,
  );

  /** The 1st at 01:00 in Shanghai: draft the month that just ended. */
  const draft = async (event: ScheduledEvent) => {
    const month = previousMonth(event.time);
    const csv = statementCsv(await statementOf(month));
    const objectKey = `statements/drafts/${month}.csv`;
    await deps.documents.put(objectKey, csv, CSV_TYPE);
    (deps.logger ?? defaultLogger).info('statement drafted', { month, objectKey });
    return { month, objectKey };
  };

  return async (event: JsonEvent | ScheduledEvent, context: Context) => {
    if ((event as ScheduledEvent).source === 'aws.events') return draft(event as ScheduledEvent);
    return http(withCsvBody(event as JsonEvent), context);
  };
}

/**
 * A text/csv body is taken aside before the JSON middleware (which answers anything but JSON with a
 * 415) sees it; the import reads it from `csvBody`.
 */
function withCsvBody(event: JsonEvent): JsonEvent & CsvUpload {
  const type = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (!/^text\/(csv|plain)\b/i.test(type.trim()) || event.body === undefined || event.body === null) return event;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  const { body: _body, ...rest } = event;
  return { ...rest, isBase64Encoded: false, csvBody: raw };
}

const documentClient = (client: DynamoDBClient) =>
  // Running totals are DynamoDB Numbers: read them as exact decimal text, never as floats.
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true }, unmarshallOptions: { wrapNumbers: true } });

/**
 * The stores of the finance function on one DynamoDB table and one bucket.
 * @example const deps = financeStores(new DynamoDBClient({}), new S3Client({}), 'Claims', 'documents');
 */
export function financeStores(dynamodb: DynamoDBClient, s3: S3Client, tableName: string, bucket: string) {
  const doc = documentClient(dynamodb);
  return {
    statements: new StatementStore(doc, tableName),
    disbursements: new DisbursementStore(doc, tableName),
    documents: new DocumentStore(s3, bucket),
  };
}

/** The deployed function (env: TABLE_NAME, BUCKET_NAME). */
export const handler = makeHandler({
  ...financeStores(
    tracer.captureAWSv3Client(new DynamoDBClient({})),
    tracer.captureAWSv3Client(new S3Client({})),
    process.env.TABLE_NAME ?? '',
    process.env.BUCKET_NAME ?? '',
  ),
  now: systemClock,
});
