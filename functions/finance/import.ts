/**
 * One disbursement file, all or nothing: every bad line is reported (CSV line numbers, the header
 * being line 1) and nothing is applied, or every payment is. The row rules are the domain's
 * validateDisbursements (§10); on top of them a paymentId already imported by an earlier file is a
 * bad line. The raw file is kept in the bucket under `imports/<importId>.csv` before it is applied.
 */
import { createHash } from 'node:crypto';
import { fmt, sum } from '../../domain/money.ts';
import { validateDisbursements } from '../../domain/statement.ts';
import { type DisbursementStore, PaymentIdTakenError, type StoredPayment } from '../adapters/disbursement-store.ts';
import type { DocumentStore } from '../adapters/document-store.ts';
import type { StatementStore } from '../adapters/statement-store.ts';
import { postedAt } from '../clock.ts';
import { amountProblem, ID_PATTERN, idProblem } from '../http/bounds.ts';
import { ConflictError, PayloadTooLargeError, ValidationError } from '../http/errors.ts';
import { DEFAULT_MAX_BODY_BYTES, type JsonEvent } from '../http/middleware.ts';
import { parseDisbursementCsv } from './disbursement-csv.ts';

/** Enough for a month of payments to every institution of a city; the import record must stay < 400 KB. */
export const MAX_ROWS = 5000;

/** A request whose text/csv body was set aside (see handler.ts). */
export interface CsvUpload {
  readonly csvBody?: Buffer;
}

/** One bad line of a rejected file. */
export interface ImportError {
  /** The CSV line, 1-based, the header being line 1. */
  readonly line: number;
  /** The data row, 1-based (as `disbursementErrors[].row` of `ltc replay --statement`); 0 for the header. */
  readonly row: number;
  readonly paymentId: string | null;
  readonly message: string;
}

/**
 * The API's bounds on a row, beyond the domain's rules: an id that can be a key, and an amount a
 * running total can add (a DynamoDB Number has 38 digits: a 40-digit amount would commit an import
 * that can never apply).
 */
function beyondBounds(values: Readonly<Record<string, string>>): string[] {
  const id = idProblem(values.paymentId || undefined, 'paymentId');
  const amount = amountProblem(values.amount, 'amount');
  return [id, amount].flatMap((p) => (p ? [`${p.path}: ${p.message}`] : []));
}

/**
 * The file's text: a text/csv body, or JSON `{ "csv": "..." }`.
 * @example csvUpload({ jsonBody: { csv: 'paymentId,...' } }) // 'paymentId,...'
 */
export function csvUpload(event: JsonEvent & CsvUpload): string {
  if (event.csvBody) {
    // The JSON path is limited by the body middleware; a text/csv body is taken aside before it.
    const bytes = event.csvBody.byteLength;
    if (bytes > DEFAULT_MAX_BODY_BYTES) {
      throw new PayloadTooLargeError(
        'PAYLOAD_TOO_LARGE',
        `The body may be at most ${DEFAULT_MAX_BODY_BYTES} bytes`,
        `请求体不能超过 ${DEFAULT_MAX_BODY_BYTES} 字节`,
        { maxBytes: DEFAULT_MAX_BODY_BYTES, bytes },
      );
    }
    return event.csvBody.toString('utf8');
  }
  const csv = (event.jsonBody as { csv?: unknown } | undefined)?.csv;
  if (typeof csv === 'string') return csv;
  throw new ValidationError([
    {
      path: 'csv',
      code: 'REQUIRED',
      message: 'send the file as text/csv, or JSON { "csv": "<file text>" }',
      messageZh: '请以 text/csv 上传文件，或提交 JSON { "csv": "文件内容" }',
    },
  ]);
}

/**
 * Validates and applies one file.
 * @example await importDisbursements({ statements, disbursements, documents, now }, csvText, 'cashier-1')
 */
export async function importDisbursements(
  deps: { statements: StatementStore; disbursements: DisbursementStore; documents: DocumentStore; now: () => Date },
  text: string,
  user: string,
) {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const importId = createHash('sha256').update(normalized).digest('hex').slice(0, 32);
  const { rows, problems } = parseDisbursementCsv(text);
  if (rows.length > MAX_ROWS)
    throw new PayloadTooLargeError('TOO_MANY_PAYMENTS', `At most ${MAX_ROWS} payments per file`, `每个文件最多 ${MAX_ROWS} 笔支付`, {
      rows: rows.length,
    });

  // Only ids that can be keys are looked up: a 3,000-character one would make DynamoDB refuse the read.
  const [institutions, holders, status] = await Promise.all([
    deps.statements.institutionIds(),
    deps.disbursements.holders(rows.map((r) => r.values.paymentId ?? '').filter((id) => ID_PATTERN.test(id))),
    deps.disbursements.importStatus(importId),
  ]);
  const { payments, errors } = validateDisbursements(
    rows.map((r) => r.values),
    new Set(institutions),
  );

  const found = new Map<number, { paymentId: string | null; messages: string[] }>();
  const add = (line: number, paymentId: string | null, message: string) => {
    const e = found.get(line) ?? { paymentId, messages: [] };
    e.messages.push(message);
    found.set(line, e);
  };
  for (const p of problems) add(p.line, rows.find((r) => r.line === p.line)?.values.paymentId || null, p.message);
  for (const e of errors) add(rows[e.row - 1]?.line ?? 0, e.paymentId, e.message);
  for (const r of rows) for (const message of beyondBounds(r.values)) add(r.line, r.values.paymentId || null, message);
  const firstLine = new Map<string, number>();
  for (const r of rows) if (r.values.paymentId && !firstLine.has(r.values.paymentId)) firstLine.set(r.values.paymentId, r.line);
  for (const [id, line] of firstLine) {
    const holder = holders.get(id);
    // This very file, committed before a crash, is resumed rather than refused.
    if (!holder || (holder.importId === importId && status !== 'applied')) continue;
    add(
      line,
      id,
      holder.status === 'applied'
        ? `paymentId: ${id} was already imported (import ${holder.importId})`
        : `paymentId: ${id} is held by an unfinished import ${holder.importId}; upload that file again to finish it`,
    );
  }
  if (rows.length === 0 && found.size === 0) add(1, null, 'the file has a header but no payments');
  if (found.size > 0) {
    const list: ImportError[] = [...found.entries()]
      .sort(([a], [b]) => a - b)
      .map(([line, e]) => ({
        line,
        row: Math.max(0, rows.findIndex((r) => r.line === line) + 1),
        paymentId: e.paymentId,
        message: e.messages.join('; '),
      }));
    throw new ValidationError(
      { errors: list, rows: rows.length },
      {
        code: 'DISBURSEMENTS_REJECTED',
        message: `The file was rejected: ${list.length} bad line(s); nothing was applied`,
        messageZh: `文件被拒绝：${list.length} 行有误，未入账任何支付`,
      },
    );
  }

  const stored: StoredPayment[] = payments.map((p) => ({
    paymentId: p.paymentId,
    institutionId: p.institutionId,
    month: p.month,
    amount: fmt(p.amount),
    paidOn: p.paidOn,
  }));
  const objectKey = `imports/${importId}.csv`;
  await deps.documents.put(objectKey, text, 'text/csv; charset=utf-8');
  try {
    await deps.disbursements.importFile(stored, { importId, at: postedAt(deps.now()), by: user, objectKey });
  } catch (e) {
    if (!(e instanceof PaymentIdTakenError)) throw e;
    throw new ConflictError(
      'PAYMENT_ID_TAKEN',
      'Another import took one of these paymentIds meanwhile; nothing was applied. Upload the file again to see which.',
      '其他导入同时使用了本文件中的支付编号，本文件未入账；请重新上传以查看具体行',
    );
  }
  return {
    importId,
    objectKey,
    payments: stored.length,
    total: fmt(sum(payments.map((p) => p.amount))),
    resumed: status === 'committed',
  };
}
