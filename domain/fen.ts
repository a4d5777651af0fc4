/**
 * Exact money in whole fen (分, 0.01 yuan), dinero.js-style: a value is an integer count of fen (a
 * bigint, so no sum ever overflows or rounds), every operation is a small pure function, and the
 * rounding mode is named. Ledger amounts, payments, running totals and statement lines are whole fen
 * by construction (DOMAIN.md §2: totals are sums of rounded parts), so adding them needs no decimal
 * library. Below the fen, `Micro` counts millionths of a yuan (unit prices carry 6 decimals): the care
 * fast path prices a day as micros × a ratio, rounded half-up to the fen (`microTimesRatio`) exactly
 * where DOMAIN.md says; the other rules keep decimal.js (`money.ts`).
 *
 * Read it as a namespace: `import * as fen from '../domain/fen.ts'`, then `fen.add(a, b)`.
 * @example
 * import * as fen from './fen.ts';
 * fen.format(fen.add(fen.parse('1218.00'), fen.parse('-84.50'))) // '1133.50'
 */
import { MoneyError } from './errors.ts';
import { Dec } from './money.ts';

declare const FEN: unique symbol;
/** A whole number of fen. Build one with `parse`, `halfUp` or `of`; never from a float. */
export type Fen = bigint & { readonly [FEN]: true };

/** A signed money string with at most two decimals: `-12.3`, `0.05`, `7`. */
const FEN_TEXT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;
/** Any plain signed decimal (what `Decimal#toFixed()` writes): `-34.965`, `0.0049`. */
const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;
const RATIO_TEXT = /^(\d+)(?:\.(\d+))?$/;

/** 0 fen. @example fen.format(fen.ZERO) // '0.00' */
export const ZERO = 0n as Fen;

/**
 * A count of fen given as an integer.
 * @example fen.format(fen.of(-5)) // '-0.05'
 */
export function of(count: bigint | number): Fen {
  if (typeof count === 'number' && !Number.isSafeInteger(count)) throw new MoneyError(String(count), 'is not a whole number of fen');
  return BigInt(count) as Fen;
}

/**
 * Parses a money string with at most two decimals, either sign.
 * @example fen.parse('-1.5') // -150n
 */
export function parse(text: string): Fen {
  const m = FEN_TEXT.exec(text);
  if (!m) throw new MoneyError(text, 'is not a money string with at most 2 decimals');
  const whole = BigInt(m[2] as string) * 100n + BigInt(((m[3] ?? '') + '00').slice(0, 2));
  return (m[1] === '-' ? -whole : whole) as Fen;
}

/**
 * Writes an amount with exactly two decimals (`-0.50`; zero is `0.00`, never `-0.00`).
 * @example fen.format(fen.parse('7')) // '7.00'
 */
export function format(a: Fen): string {
  const abs = a < 0n ? -a : a;
  return `${a < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * The integer quotient n / d (d > 0) rounded half-up: to the nearest integer, a tie away from zero
 * (decimal.js ROUND_HALF_UP, the rounding DOMAIN.md §2 names).
 */
function divideHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = r < 0n ? -2n * r : 2n * r;
  return twice >= d ? q + (n < 0n ? -1n : 1n) : q;
}

/**
 * Rounds a decimal to the fen, half-up (a tie goes away from zero): the one rounding mode of DOMAIN.md
 * §2. Takes a decimal.js value or its plain string.
 * @example fen.format(fen.halfUp('34.965')) // '34.97'
 * @example fen.format(fen.halfUp(new Dec('-0.005'))) // '-0.01'
 */
export function halfUp(value: string | Dec): Fen {
  const text = typeof value === 'string' ? value : value.toFixed();
  const m = DECIMAL_TEXT.exec(text);
  if (!m) throw new MoneyError(text, 'is not a plain decimal');
  const digits = m[3] ?? '';
  const magnitude = divideHalfUp(BigInt((m[2] as string) + digits) * 100n, 10n ** BigInt(digits.length));
  return (m[1] === '-' ? -magnitude : magnitude) as Fen;
}

/**
 * The amount as a decimal.js value in yuan, exactly.
 * @example fen.toDec(fen.parse('12.30')).toFixed(2) // '12.30'
 */
export function toDec(a: Fen): Dec {
  return new Dec(format(a));
}

/** a + b. @example fen.add(fen.parse('0.10'), fen.parse('0.20')) // 30n */
export function add(a: Fen, b: Fen): Fen {
  return (a + b) as Fen;
}

/** a − b. @example fen.format(fen.subtract(fen.parse('1.00'), fen.parse('2.50'))) // '-1.50' */
export function subtract(a: Fen, b: Fen): Fen {
  return (a - b) as Fen;
}

/** −a. @example fen.negate(fen.parse('84.00')) // -8400n */
export function negate(a: Fen): Fen {
  return -a as Fen;
}

/**
 * a × quantity, for an integer quantity (units, days, beds).
 * @example fen.format(fen.multiply(fen.parse('13000.00'), 2)) // '26000.00'
 */
export function multiply(a: Fen, quantity: bigint | number): Fen {
  if (typeof quantity === 'number' && !Number.isSafeInteger(quantity)) throw new MoneyError(String(quantity), 'is not an integer quantity');
  return (a * BigInt(quantity)) as Fen;
}

/**
 * a × ratio rounded half-up to the fen, for a policy ratio or factor written as a decimal string.
 * @example fen.format(fen.multiplyRatio(fen.parse('9000.00'), '0.85')) // '7650.00'
 */
export function multiplyRatio(a: Fen, ratio: string): Fen {
  const m = RATIO_TEXT.exec(ratio);
  if (!m) throw new MoneyError(ratio, 'is not a non-negative decimal ratio');
  const digits = m[2] ?? '';
  return divideHalfUp(a * BigInt((m[1] as string) + digits), 10n ** BigInt(digits.length)) as Fen;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. @example fen.compare(fen.parse('-1'), fen.ZERO) // -1 */
export function compare(a: Fen, b: Fen): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** @example fen.equals(fen.parse('1.5'), fen.parse('1.50')) // true */
export function equals(a: Fen, b: Fen): boolean {
  return a === b;
}

/** @example fen.isZero(fen.parse('0.00')) // true */
export function isZero(a: Fen): boolean {
  return a === 0n;
}

/** @example fen.isNegative(fen.parse('-0.01')) // true */
export function isNegative(a: Fen): boolean {
  return a < 0n;
}

/** The smaller amount. @example fen.min(fen.parse('1'), fen.parse('2')) // 100n */
export function min(a: Fen, b: Fen): Fen {
  return a < b ? a : b;
}

/** The larger amount. @example fen.max(fen.parse('1'), fen.parse('2')) // 200n */
export function max(a: Fen, b: Fen): Fen {
  return a > b ? a : b;
}

/** Σ of amounts (0 for none). @example fen.format(fen.sum(['1.10', '-0.10'].map(fen.parse))) // '1.00' */
export function sum(amounts: Iterable<Fen>): Fen {
  let total = 0n;
  for (const a of amounts) total += a;
  return total as Fen;
}

declare const MICRO: unique symbol;
/**
 * A whole number of millionths of a yuan: a charge before rounding, exactly (unit prices carry up to
 * 6 decimals, DOMAIN.md §2, so quantity × unitPrice and the sum of a day's lines are whole micros).
 */
export type Micro = bigint & { readonly [MICRO]: true };

/** Micros per fen. */
const MICROS_PER_FEN = 10_000n;
const MICRO_TEXT = /^(-?)(\d+)(?:\.(\d{1,6}))?$/;

/**
 * A decimal with at most 6 decimals as micros, exactly (a decimal.js value or its plain string).
 * @example fen.micro('33.333333') // 33333333n
 */
export function micro(value: string | Dec): Micro {
  const text = typeof value === 'string' ? value : value.toFixed();
  const m = MICRO_TEXT.exec(text);
  if (!m) throw new MoneyError(text, 'is not a decimal with at most 6 decimals');
  const whole = BigInt(m[2] as string) * 1_000_000n + BigInt(((m[3] ?? '') + '000000').slice(0, 6));
  return (m[1] === '-' ? -whole : whole) as Micro;
}

/** An amount in fen as micros. @example fen.toMicro(fen.parse('0.01')) // 10000n */
export function toMicro(a: Fen): Micro {
  return (a * MICROS_PER_FEN) as Micro;
}

/**
 * Rounds micros to the fen, half-up (a tie away from zero).
 * @example fen.format(fen.microHalfUp(fen.micro('34.965'))) // '34.97'
 */
export function microHalfUp(m: Micro): Fen {
  return divideHalfUp(m, MICROS_PER_FEN) as Fen;
}

/** A non-negative decimal ratio as an exact fraction. */
export interface Ratio {
  readonly numerator: bigint;
  /** A power of ten. */
  readonly denominator: bigint;
}

/**
 * A policy ratio (`0.70`, or a computed decimal.js value) as an exact fraction.
 * @example fen.ratio('0.85') // { numerator: 85n, denominator: 100n }
 */
export function ratio(value: string | Dec): Ratio {
  const text = typeof value === 'string' ? value : value.toFixed();
  const m = RATIO_TEXT.exec(text);
  if (!m) throw new MoneyError(text, 'is not a non-negative decimal ratio');
  const digits = m[2] ?? '';
  return { numerator: BigInt((m[1] as string) + digits), denominator: 10n ** BigInt(digits.length) };
}

/**
 * m × ratio rounded half-up to the fen, for an amount below the fen (a day's allowable charge).
 * @example fen.format(fen.microTimesRatio(fen.micro('66.666666'), fen.ratio('0.7'))) // '46.67'
 */
export function microTimesRatio(m: Micro, r: Ratio): Fen {
  return divideHalfUp(m * r.numerator, r.denominator * MICROS_PER_FEN) as Fen;
}
