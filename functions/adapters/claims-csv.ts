/**
 * Care-service claims as CSV, as institutions' billing systems export them: one row per line of a
 * claim, rows with the same claimId forming one claim. Header (any column order; UTF-8, BOM allowed):
 * `claimId,institutionId,personId,submittedAt,setting,periodFrom,periodTo,serviceCode,date,quantity,from,to,unitPrice,checkIn,checkOut`.
 * - A priced line has either `date` (and optional `quantity`) or `from`/`to`.
 * - A home visit's record (DOMAIN.md §11.3) is `checkIn` and `checkOut`, both or neither, only on a
 *   `date` line of a `home-visit` claim.
 * - A `family-care` claim (§11.3) lists days, not priced lines: each of its rows is one `days` entry,
 *   `date` or `from`/`to`, with `serviceCode`, `quantity`, `unitPrice`, `checkIn` and `checkOut` empty.
 * - The claim's own columns (institutionId … periodTo) are read from its first row; a later row that
 *   says otherwise is a problem, not ignored.
 * - `submittedAt` may be left out or empty (the server records it). Other claim kinds are sent as JSON.
 *
 * Read by `ltc submit` (cli/claims-csv.ts) and by the console's upload, which lists every problem.
 * Problems name the CSV line (the header is line 1) and, where one is to blame, the column.
 */
import { isBlankRecord, readCsv } from './csv.ts';

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
  'checkIn',
  'checkOut',
] as const;
export type ClaimCsvColumn = (typeof CLAIM_CSV_COLUMNS)[number];

/**
 * Columns a file may leave out: either line form (`date` + `quantity`, or `from` + `to`), the visit
 * record, `submittedAt` (the server records it for an institution's claims; a bureau migration keeps
 * it), and `serviceCode` / `unitPrice` in a file of family-care claims only.
 */
const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set(['date', 'quantity', 'from', 'to', 'submittedAt', 'checkIn', 'checkOut']);
const PRICED_COLUMNS = ['serviceCode', 'unitPrice'] as const;
/** The claim's own columns, read from its first row. */
const CLAIM_COLUMNS = ['institutionId', 'personId', 'submittedAt', 'setting', 'periodFrom', 'periodTo'] as const;

export interface CsvClaim {
  readonly claim: Record<string, unknown>;
  /** The CSV line of each of the claim's lines (or, for family care, of each `days` entry), in order. */
  readonly csvLines: number[];
}

export interface CsvLineProblem {
  readonly line: number;
  /** The column to blame, when one is. */
  readonly column?: ClaimCsvColumn;
  readonly message: string;
  readonly messageZh: string;
}

type Get = (c: ClaimCsvColumn) => string;

/**
 * Every claim the file holds, and every line it cannot read (a file with problems should not be sent).
 * @example readClaimsCsv('claimId,…\nCS-1,INST-A,…').claims[0].csvLines // [2]
 */
export function readClaimsCsv(text: string): { claims: CsvClaim[]; problems: CsvLineProblem[] } {
  const { records, problem } = readCsv(text);
  const [header, ...rows] = records.filter((r) => !isBlankRecord(r));
  const unreadable = problem && {
    line: problem.line,
    message: `CSV line ${problem.line}: ${problem.message}`,
    messageZh: `第 ${problem.line} 行：${problem.messageZh}`,
  };
  if (!header) return { claims: [], problems: unreadable ? [unreadable] : [] };
  const index = new Map(header.fields.map((h, i) => [h.trim(), i]));
  const problems: CsvLineProblem[] = [];
  const at = (line: number, column: ClaimCsvColumn | undefined, message: string, messageZh: string) =>
    problems.push({
      line,
      ...(column ? { column } : {}),
      message: `CSV line ${line}${column ? `, column ${column}` : ''}: ${message}`,
      messageZh: `第 ${line} 行${column ? ` ${column} 列` : ''}：${messageZh}`,
    });
  const getter =
    (fields: readonly string[]): Get =>
    (c) =>
      index.has(c) ? (fields[index.get(c) as number] ?? '').trim() : '';
  const onlyFamilyCare = rows.length > 0 && rows.every((r) => getter(r.fields)('setting') === 'family-care');
  const missing = CLAIM_CSV_COLUMNS.filter(
    (c) => !index.has(c) && !OPTIONAL_COLUMNS.has(c) && !(onlyFamilyCare && (PRICED_COLUMNS as readonly string[]).includes(c)),
  );
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
  const claims = new Map<string, CsvClaim & { first: Get; firstLine: number }>();
  for (const r of rows) {
    const get = getter(r.fields);
    const claimId = get('claimId');
    if (claimId === '') {
      at(r.line, 'claimId', 'claimId is empty', 'claimId 为空');
      continue;
    }
    if (get('date') !== '' && (get('from') !== '' || get('to') !== '')) {
      at(r.line, get('from') !== '' ? 'from' : 'to', 'give either date or from/to, not both', 'date 与 from/to 只能填写其一');
      continue;
    }
    let entry = claims.get(claimId);
    if (!entry) {
      entry = { claim: claimOf(claimId, get), csvLines: [], first: get, firstLine: r.line };
      claims.set(claimId, entry);
    } else {
      const first = entry.first;
      const firstLine = entry.firstLine;
      const differing = CLAIM_COLUMNS.filter((c) => get(c) !== first(c));
      for (const c of differing)
        at(r.line, c, `differs from the claim's first row (line ${firstLine})`, `与该申报首行（第 ${firstLine} 行）不一致`);
      if (differing.length > 0) continue;
    }
    const familyCare = entry.first('setting') === 'family-care';
    const item = familyCare ? dayOf(r.line, get, at) : lineOf(r.line, get, entry.first('setting'), at);
    if (!item) continue;
    (entry.claim[familyCare ? 'days' : 'lines'] as Record<string, unknown>[]).push(item);
    entry.csvLines.push(r.line);
  }
  if (problem) at(problem.line, undefined, problem.message, problem.messageZh);
  return { claims: [...claims.values()].map(({ claim, csvLines }) => ({ claim, csvLines })), problems };
}

function claimOf(claimId: string, get: Get): Record<string, unknown> {
  return {
    kind: 'care-service',
    claimId,
    institutionId: get('institutionId'),
    personId: get('personId'),
    ...(get('submittedAt') === '' ? {} : { submittedAt: get('submittedAt') }),
    setting: get('setting'),
    period: { from: get('periodFrom'), to: get('periodTo') },
    [get('setting') === 'family-care' ? 'days' : 'lines']: [],
  };
}

type At = (line: number, column: ClaimCsvColumn | undefined, message: string, messageZh: string) => void;

/** A priced line, with its visit record when the row has one where one may be. */
function lineOf(line: number, get: Get, setting: string, at: At): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = { serviceCode: get('serviceCode'), unitPrice: get('unitPrice') };
  if (get('date') !== '') {
    out.date = get('date');
    // A quantity that is not a whole number stays a string, so validation names it.
    if (get('quantity') !== '') out.quantity = /^\d+$/.test(get('quantity')) ? Number(get('quantity')) : get('quantity');
  } else {
    out.from = get('from');
    out.to = get('to');
  }
  const [checkIn, checkOut] = [get('checkIn'), get('checkOut')];
  if (checkIn === '' && checkOut === '') return out;
  if (checkIn === '' || checkOut === '') {
    const empty = checkIn === '' ? 'checkIn' : 'checkOut';
    at(line, empty, `is empty: a visit record needs both checkIn and checkOut`, '为空：上门服务签到签退须同时填写 checkIn 与 checkOut');
    return undefined;
  }
  if (setting !== 'home-visit') {
    at(line, 'checkIn', 'a visit record belongs only on a home-visit line', '签到签退只能填写在上门服务（home-visit）明细上');
    return undefined;
  }
  if (get('date') === '') {
    at(
      line,
      'checkIn',
      'a visit record belongs only on a line with date (not from/to)',
      '签到签退只能填写在有 date 的单日明细上（不能用于 from/to）',
    );
    return undefined;
  }
  out.visit = { checkIn, checkOut };
  return out;
}

/** A family-care `days` entry: a date or a from/to span, and nothing priced. */
function dayOf(line: number, get: Get, at: At): Record<string, unknown> | undefined {
  const priced = (['serviceCode', 'quantity', 'unitPrice', 'checkIn', 'checkOut'] as const).filter(
    (c) => get(c) !== '' && !(c === 'serviceCode' && get(c) === 'FAMILY-CARE-DAY'),
  );
  for (const c of priced)
    at(
      line,
      c,
      'must be empty on a family-care row (family care lists days, not priced lines)',
      '家庭护理（family-care）行须留空：只填写护理日期',
    );
  if (priced.length > 0) return undefined;
  return get('date') !== '' ? { date: get('date') } : { from: get('from'), to: get('to') };
}

const LINE_FIELDS: Readonly<Record<string, ClaimCsvColumn>> = {
  serviceCode: 'serviceCode',
  date: 'date',
  quantity: 'quantity',
  from: 'from',
  to: 'to',
  unitPrice: 'unitPrice',
  visit: 'checkIn',
  'visit.checkIn': 'checkIn',
  'visit.checkOut': 'checkOut',
};
const CLAIM_FIELDS: Readonly<Record<string, ClaimCsvColumn>> = {
  claimId: 'claimId',
  institutionId: 'institutionId',
  personId: 'personId',
  submittedAt: 'submittedAt',
  setting: 'setting',
  'period.from': 'periodFrom',
  'period.to': 'periodTo',
  period: 'periodFrom',
};

/**
 * Where in the file a field error of a claim read from it belongs: the row of `lines[i]` / `days[i]`
 * (else the claim's first row) and the column holding the field, when there is one.
 * @example csvPlaceOf(claim, 'lines[1].visit.checkOut') // { line: 3, column: 'checkOut' }
 */
export function csvPlaceOf(c: CsvClaim, path: string): { line: number; column?: ClaimCsvColumn } {
  const item = /^(?:lines|days)\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (item) {
    const line = c.csvLines[Number(item[1])] ?? c.csvLines[0] ?? 1;
    const column = item[2] === undefined ? (path.startsWith('days') ? 'date' : undefined) : LINE_FIELDS[item[2]];
    return { line, ...(column ? { column } : {}) };
  }
  const column = CLAIM_FIELDS[path];
  return { line: c.csvLines[0] ?? 1, ...(column ? { column } : {}) };
}
