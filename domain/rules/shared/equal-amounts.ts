/**
 * Summing equal amounts: most service days of a claim pay the same amount (one shared Decimal,
 * memoised), so a sum counts each distinct amount and multiplies once, instead of adding day by day.
 * Exact either way (decimal.js at 60 digits never rounds here); this is only faster.
 */
import { type Dec, ZERO } from '../../money.ts';

/**
 * An accumulator of amounts, counted by identity.
 * @example const s = new EqualAmounts(); s.add(fund); s.add(fund); s.total() // fund × 2
 */
export class EqualAmounts {
  private readonly counts = new Map<Dec, number>();

  add(amount: Dec): void {
    this.counts.set(amount, (this.counts.get(amount) ?? 0) + 1);
  }

  total(): Dec {
    let total = ZERO;
    for (const [amount, n] of this.counts) total = total.plus(n === 1 ? amount : amount.times(n));
    return total;
  }
}

/**
 * Σ of amounts, by counting the equal ones.
 * @example sumEqualAmounts([a, a, b]).equals(a.times(2).plus(b)) // true
 */
export function sumEqualAmounts(amounts: Iterable<Dec>): Dec {
  const sums = new EqualAmounts();
  for (const a of amounts) sums.add(a);
  return sums.total();
}
