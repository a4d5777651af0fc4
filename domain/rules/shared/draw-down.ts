/**
 * Drawing down a limit in order: each amount gets what is left of its period's limit, the rest is
 * cut. The care and medical annual caps (per calendar or benefit year) and the construction budget
 * (per budget year) are this one idea.
 */
import { type Dec, minDec } from '../../money.ts';

/**
 * Limits per period, drawn in the order `draw` is called.
 * @example
 * const caps = new DrawDown<number>();
 * caps.draw(2026, () => money('100.00'), money('80.00')).paid // 80.00
 * caps.draw(2026, () => money('100.00'), money('80.00')).paid // 20.00 (the remainder)
 */
export class DrawDown<Period> {
  private readonly left = new Map<Period, Dec>();

  /**
   * Pays `amount` against `period`'s limit, which `limit` gives the first time the period is drawn.
   * Returns what was left before and what was paid.
   */
  draw(period: Period, limit: () => Dec, amount: Dec): { readonly before: Dec; readonly paid: Dec } {
    const before = this.left.get(period) ?? limit();
    const paid = minDec(amount, before);
    this.left.set(period, before.minus(paid));
    return { before, paid };
  }
}
