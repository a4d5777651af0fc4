/**
 * Claims as CSV, as institutions' billing systems export them: one row per care-service line, rows
 * with the same claimId forming one claim. Header (any column order; UTF-8, BOM allowed):
 * `claimId,institutionId,personId,submittedAt,setting,periodFrom,periodTo,serviceCode,date,quantity,from,to,unitPrice`.
 * A line has either `date` (and optional `quantity`) or `from`/`to`; `submittedAt` may be left out or
 * empty (the server records it). Other claim kinds are sent as JSON.
 *
 * Read by `ltc submit` (cli/claims-csv.ts) and by the console's upload, which lists every problem.
 */
import { isBlankRecord, splitCsv } from './csv.ts';

export const CLAIM_CSV_COLUMNS = [
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

export interface CsvClaim {
  readonly claim: Record<string, unknown> & { lines: Record<string, unknown>[] };
  /** The CSV line of each of the claim's lines, in order (the header is line 1). */
  readonly csvLines: number[];
}

export interface CsvLineProblem {
  readonly line: number;
  readonly message: string;
  readonly messageZh: string;
}

/**
 * Every claim the file holds, and every line it cannot read (a file with problems should not be sent).
 * @example readClaimsCsv('claimId,…\nCS-1,INST-A,…').claims[0].csvLines // [2]
 */
export function readClaimsCsv(text: string): { claims: CsvClaim[]; problems: CsvLineProblem[] } {
  const [header, ...rows] = splitCsv(text).filter((r) => !isBlankRecord(r));
  if (!header) return { claims: [], problems: [] };
  const index = new Map(header.fields.map((h, i) => [h.trim(), i]));
  const missing = CLAIM_CSV_COLUMNS.filter((c) => !index.has(c) && !OPTIONAL_COLUMNS.has(c));
  if (missing.length > 0) {
    return {
      claims: [],
      problems: missing.map((c) => ({
        line: header.line,
        message: `CSV header lacks column ${c} (expected ${CLAIM_CSV_COLUMNS.join(',')})`,
        messageZh: `表头缺少列 ${c}（应为 ${CLAIM_CSV_COLUMNS.join(',')}）`,
      })),
    };
  }
  const problems: CsvLineProblem[] = [];
  const claims = new Map<string, CsvClaim>();
  for (const r of rows) {
    if (r.unterminated) {
      problems.push({ line: r.line, message: `CSV line ${r.line}: a quoted field is never closed`, messageZh: '引号未闭合' });
      continue;
    }
    const get = (c: string) => (index.has(c) ? (r.fields[index.get(c) as number] ?? '').trim() : '');
    const claimId = get('claimId');
    if (claimId === '') {
      problems.push({ line: r.line, message: `CSV line ${r.line}: claimId is empty`, messageZh: 'claimId 为空' });
      continue;
    }
    let entry = claims.get(claimId);
    if (!entry) {
      entry = {
        claim: {
          kind: 'care-service',
          claimId,
          institutionId: get('institutionId'),
          personId: get('personId'),
          ...(get('submittedAt') === '' ? {} : { submittedAt: get('submittedAt') }),
          setting: get('setting'),
          period: { from: get('periodFrom'), to: get('periodTo') },
          lines: [],
        },
        csvLines: [],
      };
      claims.set(claimId, entry);
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
    entry.claim.lines.push(line);
    entry.csvLines.push(r.line);
  }
  return { claims: [...claims.values()], problems };
}
