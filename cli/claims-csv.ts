/**
 * Claims as CSV, as institutions' billing systems export them: one row per care-service line, rows
 * with the same claimId forming one claim. Header (any column order; UTF-8, BOM allowed):
 * `claimId,institutionId,personId,submittedAt,setting,periodFrom,periodTo,serviceCode,date,quantity,from,to,unitPrice`.
 * A line has either `date` (and optional `quantity`) or `from`/`to`. Other claim kinds are sent as JSON.
 */
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

/** Splits CSV text into rows of fields (RFC 4180 quoting). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/**
 * Care-service claims from CSV rows; throws with the line number of a row it cannot read.
 * @example claimsFromCsv('claimId,…\nCS-1,INST-A,…')[0].lines.length // 1
 */
export function claimsFromCsv(text: string): Record<string, unknown>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  for (const c of [
    'claimId',
    'institutionId',
    'personId',
    'submittedAt',
    'setting',
    'periodFrom',
    'periodTo',
    'serviceCode',
    'unitPrice',
  ]) {
    if (!index.has(c)) throw new Error(`CSV header lacks column ${c} (expected ${COLUMNS.join(',')})`);
  }
  const claims = new Map<string, Record<string, unknown> & { lines: Record<string, unknown>[] }>();
  rows.forEach((r, i) => {
    const get = (c: string) => (index.has(c) ? (r[index.get(c) as number] ?? '').trim() : '');
    const claimId = get('claimId');
    if (claimId === '') throw new Error(`CSV line ${i + 2}: claimId is empty`);
    let claim = claims.get(claimId);
    if (!claim) {
      claim = {
        kind: 'care-service',
        claimId,
        institutionId: get('institutionId'),
        personId: get('personId'),
        submittedAt: get('submittedAt'),
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
  });
  return [...claims.values()];
}
