/**
 * Money: decimal.js from input to output. Amounts are yuan; a payment is rounded to the fen (0.01)
 * half-up exactly where DOMAIN.md says, and never through a JS number.
 */
import { Decimal } from 'decimal.js';

/**
 * A Decimal constructor with enough precision that no intermediate step ever rounds.
 * @example new Dec('0.1').plus('0.2').toFixed(2) // '0.30'
 */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

/**
 * `^\d+(\.\d{1,2})?$` — a money string in yuan (DOMAIN.md §2).
 * @example MONEY_PATTERN.test('5.') // false
 */
export const MONEY_PATTERN = /^\d+(\.\d{1,2})?$/;
/**
 * Unit prices may carry up to 6 decimals.
 * @example UNIT_PRICE_PATTERN.test('33.333333') // true
 */
export const UNIT_PRICE_PATTERN = /^\d+(\.\d{1,6})?$/;
/**
 * Ratios and factors in the policy: a plain non-negative decimal.
 * @example DECIMAL_PATTERN.test('0.70') // true
 */
export const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;

/** @example fmt(ZERO) // '0.00' */
export const ZERO = new Dec(0);

/**
 * Parses a string already checked against one of the patterns above.
 * @example money('80.00').plus(money('0.5')).toFixed(2) // '80.50'
 */
export function money(value: string): Dec {
  return new Dec(value);
}

/**
 * Rounds to the fen, half-up (0.005 → 0.01).
 * @example roundFen(money('34.965')).toFixed(2) // '34.97'
 */
export function roundFen(value: Dec): Dec {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * Formats an amount with exactly two decimals; the value must already be a whole number of fen.
 * @example fmt(money('7')) // '7.00'
 */
export function fmt(value: Dec): string {
  // toFixed(2) copies the value to round it; an amount already in fen (the rule) only needs padding.
  const plain = value.toFixed();
  const point = plain.indexOf('.');
  if (point < 0) return `${plain}.00`;
  const decimals = plain.length - point - 1;
  if (decimals === 2) return plain;
  if (decimals === 1) return `${plain}0`;
  return value.toFixed(2);
}

/**
 * The smaller of two amounts.
 * @example minDec(money('80'), money('60')).toFixed(2) // '60.00'
 */
export function minDec(a: Dec, b: Dec): Dec {
  return a.lessThan(b) ? a : b;
}

/**
 * The larger of two amounts.
 * @example maxDec(ZERO, money('-1')).toFixed(2) // '0.00'
 */
export function maxDec(a: Dec, b: Dec): Dec {
  return a.greaterThan(b) ? a : b;
}

/**
 * Σ of amounts.
 * @example sum([money('1.10'), money('2.20')]).toFixed(2) // '3.30'
 */
export function sum(values: Iterable<Dec>): Dec {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
