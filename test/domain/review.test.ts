import { describe, expect, it } from 'vitest';
import { payableAfterReview } from '../../domain/ledger.ts';
import { money } from '../../domain/money.ts';
import type { Outcome } from '../../domain/outcome.ts';

const outcome = (status: Outcome['status'], fund: string): Outcome => ({
  claimId: 'CS-9',
  kind: 'care-service',
  status,
  fund: money(fund),
  reasonCodes: [],
});
const adjust = { decision: 'adjust', amount: '9000.00' } as const;

describe('payableAfterReview', () => {
  it('pays the proposed fund on approval, nothing on rejection, the allowed amount on adjustment', () => {
    const o = outcome('needs-review', '12390.00');
    expect(payableAfterReview(o, { decision: 'approve' }).toFixed(2)).toBe('12390.00');
    expect(payableAfterReview(o, { decision: 'reject' }).toFixed(2)).toBe('0.00');
    expect(payableAfterReview(o, adjust).toFixed(2)).toBe('9000.00');
    expect(payableAfterReview(o, undefined).toFixed(2)).toBe('0.00');
  });

  it('never pays an adjustment beyond the fund a later re-adjudication proposes', () => {
    expect(payableAfterReview(outcome('needs-review', '8500.50'), adjust).toFixed(2)).toBe('8500.50');
    expect(payableAfterReview(outcome('needs-review', '9000.01'), adjust).toFixed(2)).toBe('9000.00');
  });

  it('ignores a review once re-adjudication takes the claim out of review', () => {
    expect(payableAfterReview(outcome('approved', '800.00'), adjust).toFixed(2)).toBe('800.00');
    expect(payableAfterReview(outcome('rejected', '0.00'), { decision: 'approve' }).toFixed(2)).toBe('0.00');
  });
});
