/**
 * How amounts and dates are shown. Amounts arrive as decimal strings and are formatted as strings:
 * thousands separators and at least two decimals, never through a JS float. Dates are shown in
 * Asia/Shanghai whatever the browser's zone.
 */

/**
 * @example formatMoney('1234567.5') // '1,234,567.50'
 * @example formatMoney('-12') // '-12.00'
 * @example formatMoney('80.123456') // '80.123456' (a unit price keeps its digits)
 */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const [, sign, int, frac = ''] = m as unknown as [string, string, string, string | undefined];
  const grouped = (int as string).replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const decimals = (frac ?? '').padEnd(2, '0');
  const negative = sign === '-' && /[1-9]/.test(int + decimals);
  return `${negative ? '-' : ''}${grouped}.${decimals}`;
}

/** The sum of decimal strings, exactly, as a decimal string with two decimals (fen arithmetic on BigInt). */
export function sumMoney(values: readonly string[]): string {
  let fen = 0n;
  for (const v of values) {
    const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(v.trim());
    if (!m) continue;
    const abs = BigInt(m[2] as string) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
    fen += m[1] === '-' ? -abs : abs;
  }
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

const TZ = 'Asia/Shanghai';

/** A timestamp as `2026-04-02 09:00` in Shanghai. */
export function formatInstant(ts: string | null | undefined): string {
  if (!ts) return '—';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`;
}

/** Today's date (`YYYY-MM-DD`) and month in Shanghai. */
export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
export const shanghaiMonth = (now = new Date()) => shanghaiToday(now).slice(0, 7);

/** Now as an ISO-8601 timestamp at +08:00, as a clerk's system would stamp a submission. */
export function shanghaiTimestamp(now = new Date()): string {
  return `${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** A timestamp's time of day in Shanghai, to the second (`09:47:30`): a visit's check-in or check-out. */
export function formatTime(ts: string | null | undefined): string {
  if (!ts) return '—';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  return new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d);
}
