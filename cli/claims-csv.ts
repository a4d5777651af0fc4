/**
 * Claims as CSV, as institutions' billing systems export them: one row per care-service line, rows
 * with the same claimId forming one claim. Header (any column order; UTF-8, BOM allowed):
 * `claimId,institutionId,personId,submittedAt,setting,periodFrom,periodTo,serviceCode,date,quantity,from,to,unitPrice`.
 * A line has either `date` (and optional `quantity`) or `from`/`to`; `submittedAt` may be left out or
 * empty (the server records it). Other claim kinds are sent as JSON.
 */
import { isBlankRecord, splitCsv } from '../functions/adapters/csv.ts';

const COLUMNS = [
  'claimId',
  'institutionId',
  'personId',
  'submittedAt',
  'setting',
  'periodFrom',
  'periodTo',
  'serviceCode',
  'date',
  'quantity',
  'from',
  'to',
  'unitPrice',
] as const;
/**
 * Columns a file may leave out: either line form (`date` + `quantity`, or `from` + `to`), and
 * `submittedAt`, which the server records for an institution's claims (a bureau migration keeps it).
 */
const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set(['date', 'quantity', 'from', 'to', 'submittedAt']);

/**
 * Care-service claims from CSV rows; throws with the line number of a row it cannot read.
 * @example claimsFromCsv('claimId,…\nCS-1,INST-A,…')[0].lines.length // 1
 */
export function claimsFromCsv(text: string): Record<string, unknown>[] {
  const [header, ...rows] = splitCsv(text).filter((r) => !isBlankRecord(r));
  if (!header) return [];
  const index = new Map(header.fields.map((h, i) => [h.trim(), i]));
  for (const c of COLUMNS) {
    if (!index.has(c) && !OPTIONAL_COLUMNS.has(c)) throw new Error(`CSV header lacks column ${c} (expected ${COLUMNS.join(',')})`);
  }
  const claims = new Map<string, Record<string, unknown> & { lines: Record<string, unknown>[] }>();
  for (const r of rows) {
    if (r.unterminated) throw new Error(`CSV line ${r.line}: a quoted field is never closed`);
    const get = (c: string) => (index.has(c) ? (r.fields[index.get(c) as number] ?? '').trim() : '');
    const claimId = get('claimId');
    if (claimId === '') throw new Error(`CSV line ${r.line}: claimId is empty`);
    let claim = claims.get(claimId);
    if (!claim) {
      claim = {
        kind: 'care-service',
        claimId,
        institutionId: get('institutionId'),
        personId: get('personId'),
        ...(get('submittedAt') === '' ? {} : { submittedAt: get('submittedAt') }),
        setting: get('setting'),
        period: { from: get('periodFrom'), to: get('periodTo') },
        lines: [],
      };
      claims.set(claimId, claim);
    }
    const line: Record<string, unknown> = { serviceCode: get('serviceCode'), unitPrice: get('unitPrice') };
    if (get('date') !== '') {
      line.date = get('date');
      // A quantity that is not a whole number stays a string, so validation names it.
      if (get('quantity') !== '') line.quantity = /^\d+$/.test(get('quantity')) ? Number(get('quantity')) : get('quantity');
    } else {
      line.from = get('from');
      line.to = get('to');
    }
    claim.lines.push(line);
  }
  return [...claims.values()];
}
