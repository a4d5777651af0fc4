import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Instant, parseInstant } from '../../domain/dates.ts';
import { money } from '../../domain/money.ts';
import type { ReasonCode } from '../../domain/reasons.ts';
import { firstFailing, firstFailingOf, type Rule } from '../../domain/rules/rule.ts';
import { awardContestedDays } from '../../domain/rules/shared/contested-days.ts';
import { DrawDown } from '../../domain/rules/shared/draw-down.ts';
import { sumEqualAmounts } from '../../domain/rules/shared/equal-amounts.ts';
import { submissionOrder, submittedFirst } from '../../domain/rules/shared/submission-order.ts';

const at = (text: string) => parseInstant(text) as Instant;
const claim = (claimId: string, submittedAt: string) => ({ claimId, submitted: at(submittedAt) });

describe('submission order', () => {
  it('compares instants, not strings, then claim ids in code-unit order', () => {
    const early = claim('CS-9', '2026-04-02T09:00:00+08:00');
    const sameInstant = claim('CS-10', '2026-04-02T01:00:00Z');
    expect(submissionOrder(sameInstant, early)).toBeLessThan(0);
    expect(submittedFirst(early, sameInstant)).toBe(sameInstant);
    expect(submittedFirst(claim('A', '2026-04-02T09:00:00.0000001+08:00'), claim('B', '2026-04-02T09:00:00+08:00')).claimId).toBe('B');
  });
});

describe('awarding contested days', () => {
  const contender = (claimId: string, submittedAt: string, first: number, last: number, days?: number[]) => ({
    claim: claim(claimId, submittedAt),
    first,
    last,
    ...(days ? { days } : {}),
  });

  it('gives a shared day to the claim submitted first and nothing else away', () => {
    const a = contender('CS-1', '2026-04-02T09:00:00+08:00', 1, 31);
    const b = contender('CS-2', '2026-04-01T09:00:00+08:00', 15, 15);
    const c = contender('CS-3', '2026-03-01T09:00:00+08:00', 40, 45);
    const lost = awardContestedDays([a, b, c]);
    expect([...(lost.get(a) ?? new Map()).entries()]).toEqual([[15, b]]);
    expect(lost.has(b)).toBe(false);
    expect(lost.has(c)).toBe(false);
  });

  it('does not count a claim against itself when it lists a day twice', () => {
    const a = contender('CS-1', '2026-04-02T09:00:00+08:00', 3, 3, [3, 3]);
    expect(awardContestedDays([a]).size).toBe(0);
  });

  it('agrees with comparing every contender against every other, day by day', () => {
    const arb = fc.array(
      fc.record({ hour: fc.integer({ min: 0, max: 3 }), first: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: -1, max: 8 }) }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const contenders = specs.map((s, i) => contender(`C-${i}`, `2026-04-0${s.hour + 1}T09:00:00+08:00`, s.first, s.first + s.length));
        const lost = awardContestedDays(contenders);
        for (const c of contenders) {
          for (let d = c.first; d <= c.last; d++) {
            const keeper = contenders
              .filter((o) => o.first <= d && d <= o.last)
              .reduce((best, o) => (submissionOrder(o.claim, best.claim) < 0 ? o : best));
            expect(lost.get(c)?.get(d)).toBe(keeper === c ? undefined : keeper);
          }
        }
      }),
    );
  });
});

describe('drawing down a limit', () => {
  it('pays each amount what is left of its period and fixes the limit when the period is first drawn', () => {
    const caps = new DrawDown<number>();
    expect(caps.draw(2026, () => money('100.00'), money('80.00')).paid.toFixed(2)).toBe('80.00');
    const second = caps.draw(2026, () => money('999.00'), money('80.00'));
    expect([second.before.toFixed(2), second.paid.toFixed(2)]).toEqual(['20.00', '20.00']);
    expect(caps.draw(2026, () => money('100.00'), money('5.00')).paid.toFixed(2)).toBe('0.00');
    expect(caps.draw(2027, () => money('100.00'), money('5.00')).paid.toFixed(2)).toBe('5.00');
  });
});

describe('summing equal amounts', () => {
  it('equals adding one by one, whatever repeats', () => {
    const amounts = ['42.00', '0.01', '33.33'].map(money);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...amounts), { maxLength: 60 }), (picked) => {
        const byAdding = picked.reduce((s, a) => s.plus(a), money('0'));
        expect(sumEqualAmounts(picked).equals(byAdding)).toBe(true);
      }),
    );
  });
});

describe('rule pipelines', () => {
  it('give the first failing rule in list order, whether looped or compiled for a hot loop', () => {
    const codes = ['SERVICE_NOT_COVERED', 'WAITING_PERIOD', 'NO_VALID_ASSESSMENT', 'GRADE_NOT_ELIGIBLE', 'INSTITUTION_NOT_DESIGNATED'];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 9 }), fc.integer({ min: 0, max: 9 }), (thresholds, input) => {
        const rules: Rule<number>[] = thresholds.map((t, i) => ({
          code: codes[i % codes.length] as ReasonCode,
          held: (n) => n >= t,
          saw: (n) => ({ n }),
        }));
        const expected = rules.find((r) => !r.held(input))?.code;
        expect(firstFailing(rules, input)).toBe(expected);
        expect(firstFailingOf(rules)(input)).toBe(expected);
      }),
    );
  });
});
