/**
 * The bureau's record of which institution serves which person (服务协议备案 and 住院登记), in DynamoDB:
 * - the record itself, `REG#AGREEMENT` / `<agreementId>`, with who recorded it, when and why;
 * - every version of it, `AGREEHIST#<agreementId>` / `<recordedAt>#<uuid>`, so a change is never lost;
 * - the pair's lookup item, `SERVES#<institutionId>#<personId>` / `SERVES` (ids %-encoded), one
 *   attribute `agreement:<agreementId>` per agreement holding its kind and period, which the submit
 *   function reads with one BatchGetItem per 100 pairs.
 * One transaction writes all three, and checks that the institution and the person are registered.
 */
import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keyPart } from './keys.ts';
import { batchGetAll } from './reads.ts';

/** `care`: a service agreement (care-service claims, operating-subsidy residents); `admission`: a hospital's admission filing. */
export const AGREEMENT_KINDS = ['care', 'admission'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export interface Agreement {
  readonly agreementId: string;
  readonly kind: AgreementKind;
  readonly institutionId: string;
  readonly personId: string;
  readonly from: string;
  /** Inclusive; absent while it runs. A `to` before `from` covers nothing (how an agreement is withdrawn). */
  readonly to?: string;
  readonly reason: string;
}

export interface RecordedAgreement extends Agreement {
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface AgreementPeriod {
  readonly kind: AgreementKind;
  readonly from: string;
  readonly to?: string;
}

/** Why an agreement could not be recorded. */
export class AgreementRefusedError extends Error {
  override readonly name = 'AgreementRefusedError';
  readonly reason: 'UNKNOWN_INSTITUTION' | 'UNKNOWN_PERSON' | 'PARTIES_CHANGED';
  constructor(reason: AgreementRefusedError['reason'], options?: { cause?: unknown }) {
    super(reason, options);
    this.reason = reason;
  }
}

const RECORD = 'REG#AGREEMENT';
const PREFIX = 'agreement:';
export const servesKey = (institutionId: string, personId: string) => ({
  pk: `SERVES#${keyPart(institutionId)}#${keyPart(personId)}`,
  sk: 'SERVES',
});

/**
 * @example await new AgreementStore(doc, table).put(agreement, 'analyst-1', '2026-04-02T09:00:00.000+08:00');
 */
export class AgreementStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(doc: DynamoDBDocumentClient, tableName: string) {
    this.doc = doc;
    this.tableName = tableName;
  }

  /** Records (or changes) an agreement; its institution and person stay what they were first recorded as. */
  async put(a: Agreement, recordedBy: string, recordedAt: string): Promise<RecordedAgreement> {
    const recorded: RecordedAgreement = { ...a, recordedBy, recordedAt };
    const period: AgreementPeriod = { kind: a.kind, from: a.from, ...(a.to !== undefined ? { to: a.to } : {}) };
    const t = this.tableName;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName: t, Key: { pk: 'REG#INST', sk: a.institutionId }, ConditionExpression: 'attribute_exists(pk)' } },
            { ConditionCheck: { TableName: t, Key: { pk: 'REG#PERSON', sk: a.personId }, ConditionExpression: 'attribute_exists(pk)' } },
            {
              Put: {
                TableName: t,
                Item: { pk: RECORD, sk: a.agreementId, ...recorded },
                ConditionExpression: 'attribute_not_exists(pk) OR (institutionId = :i AND personId = :p)',
                ExpressionAttributeValues: { ':i': a.institutionId, ':p': a.personId },
              },
            },
            {
              Update: {
                TableName: t,
                Key: servesKey(a.institutionId, a.personId),
                UpdateExpression: 'SET #a = :period, institutionId = :i, personId = :p',
                ExpressionAttributeNames: { '#a': `${PREFIX}${a.agreementId}` },
                ExpressionAttributeValues: { ':period': period, ':i': a.institutionId, ':p': a.personId },
              },
            },
            {
              Put: { TableName: t, Item: { pk: `AGREEHIST#${keyPart(a.agreementId)}`, sk: `${recordedAt}#${randomUUID()}`, ...recorded } },
            },
          ],
        }),
      );
    } catch (e) {
      const reasons = e instanceof TransactionCanceledException ? (e.CancellationReasons ?? []).map((r) => r.Code) : [];
      if (reasons[0] === 'ConditionalCheckFailed') throw new AgreementRefusedError('UNKNOWN_INSTITUTION', { cause: e });
      if (reasons[1] === 'ConditionalCheckFailed') throw new AgreementRefusedError('UNKNOWN_PERSON', { cause: e });
      if (reasons[2] === 'ConditionalCheckFailed') throw new AgreementRefusedError('PARTIES_CHANGED', { cause: e });
      throw e;
    }
    return recorded;
  }

  /** The agreement periods of each (institution, person) pair, keyed `servesKey(…).pk`; pairs without any are absent. */
  async periods(pairs: readonly { institutionId: string; personId: string }[]): Promise<Map<string, AgreementPeriod[]>> {
    const keys = [
      ...new Map(pairs.map((p) => [servesKey(p.institutionId, p.personId).pk, servesKey(p.institutionId, p.personId)])).values(),
    ];
    const out = new Map<string, AgreementPeriod[]>();
    for (const item of await batchGetAll(this.doc, this.tableName, keys, 'agreement')) {
      const periods = Object.entries(item).flatMap(([k, v]) => (k.startsWith(PREFIX) ? [v as AgreementPeriod] : []));
      out.set(String(item.pk), periods);
    }
    return out;
  }
}
