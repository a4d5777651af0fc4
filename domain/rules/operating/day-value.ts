/**
 * An occupied bed-day's value (DOMAIN.md §6): basePerBedMonth × (1 + gradeUplift of the grade in
 * force that day; none in force: base). One Decimal per policy version and grade, shared by every day,
 * so sums count equal values instead of adding them.
 */
import type { Dec } from '../../money.ts';
import type { PolicyVersion } from '../../policy/policy.ts';

const values = new WeakMap<PolicyVersion, Map<number | undefined, Dec>>();

/**
 * @example dayValue(demo, 4).toFixed(2) // '600.00' (200.00 × (1 + 2.00))
 */
export function dayValue(v: PolicyVersion, grade: number | undefined): Dec {
  let byGrade = values.get(v);
  if (!byGrade) {
    byGrade = new Map();
    values.set(v, byGrade);
  }
  let value = byGrade.get(grade);
  if (!value) {
    const op = v.document.subsidy.operating;
    const uplift = grade === undefined ? '0' : (op.gradeUplift[String(grade) as '0'] ?? '0');
    value = v.dec(op.basePerBedMonth).times(v.dec(uplift).plus(1));
    byGrade.set(grade, value);
  }
  return value;
}
