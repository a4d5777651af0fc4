/**
 * What a month statement reads (see keys.ts): the registry's institution ids, and per institution the
 * ledger's running total (`TOTAL`), the payments (`PAID`), and the control counters of the month
 * (`CTRL#<month>`). Never a ledger entry or a claim, so its cost grows with institutions, not claims.
 * Also month closes, and the ledger entries of one institution-month page by page.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { closeKey, ledgerPk, PAID, TOTAL } from './keys.ts';
import type { LedgerPosting } from './ledger-items.ts';
import { batchGetAll, queryAll } from './reads.ts';
import { isConflict } from './transact.ts';

const REGISTRY_INSTITUTIONS = 'REG#INST';

/** One institution's figures for a month; amounts as exact decimal strings. */
export interface InstitutionMonth {
  readonly institutionId: string;
  readonly payable: string;
  readonly entries: number;
  readonly priorPeriod: string;
  readonly paid: string;
  readonly payments: number;
}

/** The claims counted in a month of submission, per institution. */
export interface MonthCount {
  readonly institutionId: string;
  readonly received: number;
  readonly decided: number;
}

/**
 * @example const figures = await new StatementStore(doc, table).figures('2026-03');
 */
export class StatementStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /** Every registered institution's id. */
  async institutionIds(): Promise<string[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': REGISTRY_INSTITUTIONS },
      ProjectionExpression: 'sk',
    });
    return items.map((i) => String(i.sk));
  }

  /** The running totals and payments of the month, for every registered institution that has any. */
  async figures(month: string): Promise<InstitutionMonth[]> {
    const ids = await this.institutionIds();
    const keys = ids.flatMap((id) => [
      { pk: ledgerPk(id, month), sk: TOTAL },
      { pk: ledgerPk(id, month), sk: PAID },
    ]);
    const items = await batchGetAll(this.doc, this.tableName, keys, 'statement');
    const byInstitution = new Map<string, { total?: Record<string, unknown>; paid?: Record<string, unknown> }>();
    for (const item of items) {
      const id = String(item.pk).slice(2, -(month.length + 1));
      const slot = byInstitution.get(id) ?? {};
      if (item.sk === TOTAL) slot.total = item;
      else slot.paid = item;
      byInstitution.set(id, slot);
    }
    return [...byInstitution.entries()].map(([institutionId, { total, paid }]) => ({
      institutionId,
      payable: decimal(total?.payable),
      entries: Number(total?.entries ?? 0),
      priorPeriod: decimal(total?.priorPeriod),
      paid: decimal(paid?.paid),
      payments: Number(paid?.payments ?? 0),
    }));
  }

  /** The control counters of a month of submission (one item per institution that submitted). */
  async counts(month: string): Promise<MonthCount[]> {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CTRL#${month}` } });
    return items.map((i) => ({
      institutionId: String(i.institutionId),
      received: Number(i.received ?? 0),
      decided: Number(i.decided ?? 0),
    }));
  }

  /** When the month was closed, if it was. */
  async closedAt(month: string): Promise<string | undefined> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: closeKey(month), ConsistentRead: true }));
    return r.Item ? String(r.Item.at) : undefined;
  }

  /** Closes a month for good; false when it was already closed. */
  async close(month: string, at: string, by: string): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...closeKey(month), month, at, closedBy: by },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (e) {
      if (isConflict(e)) return false;
      throw e;
    }
  }

  /** One page of an institution-month's ledger entries, in posting order. */
  async entries(
    institutionId: string,
    month: string,
    limit: number,
    startKey?: Record<string, string>,
  ): Promise<{ entries: LedgerPosting[]; nextKey?: Record<string, unknown> }> {
    const page: QueryCommandOutput = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
        ExpressionAttributeValues: { ':pk': ledgerPk(institutionId, month), ':e': 'E#' },
        Limit: limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const entries = (page.Items ?? []).map((i) => ({
      institutionId: String(i.institutionId),
      claimId: String(i.claimId),
      kind: String(i.kind),
      amount: String(i.amount),
      postedAt: String(i.postedAt),
      accountingMonth: String(i.accountingMonth),
      priorPeriod: i.priorPeriod === true,
      triggeredBy: String(i.triggeredBy),
    }));
    return { entries, ...(page.LastEvaluatedKey ? { nextKey: page.LastEvaluatedKey } : {}) };
  }

  private queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>) {
    return queryAll(this.doc, { ...input, TableName: this.tableName });
  }
}

/** A DynamoDB Number read with or without wrapNumbers, as its exact decimal text. */
function decimal(value: unknown): string {
  return value === undefined || value === null ? '0' : String(value);
}
