/**
 * Calendar dates and instants. A date is a `YYYY-MM-DD` string in Asia/Shanghai, handled inside the
 * engine as a day number (days since 1970-01-01) so that ranges and comparisons are integer work.
 * An instant is an ISO-8601 timestamp with an offset. No clock is read here.
 */
import { InvariantError } from './errors.ts';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

const MS_PER_DAY = 86_400_000;
/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A day number: days since 1970-01-01. */
export type Day = number;

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (integer arithmetic, no Date objects).
 * @example daysFromCivil(1970, 1, 2) // 1
 */
export function daysFromCivil(year: number, month: number, dayOfMonth: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The calendar date of a day number.
 * @example civilFromDays(1) // { year: 1970, month: 1, dayOfMonth: 2 }
 */
export function civilFromDays(d: Day): { year: number; month: number; dayOfMonth: number } {
  const z = d + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** @example daysInMonth(2024, 2) // 29 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1] as number;
}

function validYmd(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * Valid dates already parsed: a scenario names a few hundred distinct dates many thousand times
 * (every line, period and stay), and a schema, its refinement and the typed claim each read them.
 * Short strings from JSON.parse are interned, so a lookup costs a hash already computed.
 */
const parsedDates = new Map<string, Day>();
const PARSED_DATES_KEPT = 50_000;

/**
 * Parses `YYYY-MM-DD` into a day number, or `undefined` when it is not a real calendar date.
 * @example parseDate('2026-02-29') // undefined
 */
export function parseDate(text: string): Day | undefined {
  const known = parsedDates.get(text);
  if (known !== undefined) return known;
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validYmd(y, mo, d)) return undefined;
  const parsed = daysFromCivil(y, mo, d);
  if (parsedDates.size >= PARSED_DATES_KEPT) parsedDates.clear();
  parsedDates.set(text, parsed);
  return parsed;
}

/**
 * Parses a date that is known to be valid (already checked by a schema).
 * @example formatDay(day('2026-03-01')) // '2026-03-01'
 */
export function day(text: string): Day {
  const d = parseDate(text);
  if (d === undefined) throw new InvariantError(`invalid date ${text}`);
  return d;
}

/** @example formatDay(day('2026-03-01')) // '2026-03-01' */
export function formatDay(d: Day): string {
  const { year, month, dayOfMonth } = civilFromDays(d);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

/**
 * Year, month (1–12) and day of month of a day number.
 * @example ymd(day('2026-03-05')).month // 3
 */
export function ymd(d: Day): { year: number; month: number; dayOfMonth: number } {
  return civilFromDays(d);
}

/** @example yearOf(day('2025-12-31')) // 2025 */
export function yearOf(d: Day): number {
  return civilFromDays(d).year;
}

/**
 * `addMonths(d, n)` keeps the day of month, clamped to the last day of the target month.
 * @example formatDay(addMonths(day('2025-08-31'), 6)) // '2026-02-28'
 */
export function addMonths(d: Day, n: number): Day {
  const { year, month, dayOfMonth } = ymd(d);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return daysFromCivil(y, m, Math.min(dayOfMonth, daysInMonth(y, m)));
}

/** A `YYYY-MM` month: its first and last day. */
export interface MonthSpan {
  readonly first: Day;
  readonly last: Day;
  readonly days: number;
}

/** @example parseMonth('2026-02')?.days // 28 */
export function parseMonth(text: string): MonthSpan | undefined {
  const m = MONTH_RE.exec(text);
  if (!m) return undefined;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (y < 1 || mo < 1 || mo > 12) return undefined;
  const first = daysFromCivil(y, mo, 1);
  const days = daysInMonth(y, mo);
  return { first, last: first + days - 1, days };
}

/**
 * `YYYY-MM` of a day number.
 * @example monthOf(day('2026-03-05')) // '2026-03'
 */
export function monthOf(d: Day): string {
  return formatDay(d).slice(0, 7);
}

/**
 * An instant: epoch milliseconds plus the digits of a fraction finer than a millisecond, so that
 * two timestamps compare exactly whatever precision they carry.
 */
export interface Instant {
  readonly ms: number;
  readonly subMs: string;
}

/**
 * The last timestamp parsed: validating a claim reads its `submittedAt` three times in a row (the
 * schema, its refinement, the typed claim), and an Instant is immutable, so it is parsed once.
 */
let lastInstant: { readonly text: string; readonly instant: Instant | undefined } = { text: '', instant: undefined };

/**
 * Parses an ISO-8601 timestamp with an offset (`Z` counts); seconds and fractions are optional.
 * @example parseInstant('2026-01-31T20:00:00Z') // { ms: 1769889600000, subMs: '' }
 */
export function parseInstant(text: string): Instant | undefined {
  if (lastInstant.text === text) return lastInstant.instant;
  const instant = parseInstantText(text);
  lastInstant = { text, instant };
  return instant;
}

function parseInstantText(text: string): Instant | undefined {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  const fraction = (m[7] ?? '').padEnd(9, '0');
  const zone = m[8] as string;
  let offsetMin = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + Number(fraction.slice(0, 3)) - offsetMin * 60_000;
  return { ms, subMs: fraction.slice(3).replace(/0+$/, '') };
}

/**
 * Negative when `a` is before `b`, 0 when they are the same instant.
 * @example compareInstants(parseInstant('2026-04-02T01:00:00Z')!, parseInstant('2026-04-02T09:00:00+08:00')!) // 0
 */
export function compareInstants(a: Instant, b: Instant): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  const fa = a.subMs.padEnd(6, '0');
  const fb = b.subMs.padEnd(6, '0');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/**
 * The Asia/Shanghai calendar date an instant falls on.
 * @example formatDay(shanghaiDay(parseInstant('2026-01-31T20:00:00Z')!)) // '2026-02-01'
 */
export function shanghaiDay(instant: Instant): Day {
  return Math.floor((instant.ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/**
 * Plain code-unit string order (`CS-10` < `CS-9`), as DOMAIN.md §2 requires for claim ids.
 * @example compareIds('CS-10', 'CS-9') // -1
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
