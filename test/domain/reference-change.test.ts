import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeIdOf, latestDayIn } from '../../domain/reference-change.ts';

describe('a reference change', () => {
  it('is named by its record and version', () => {
    expect(changeIdOf({ type: 'person', id: 'P001', version: 3 })).toBe('person:P001:v3');
    expect(changeIdOf({ type: 'institution', id: 'INST-A', version: 1 })).toBe('institution:INST-A:v1');
    expect(changeIdOf({ type: 'policy', id: 'city', effectiveFrom: '2026-03-10', version: 2 })).toBe('policy:city@2026-03-10:v2');
  });

  it('finds the latest date a claim names: a line’s end, an operating month’s last day, the submission day in Shanghai', () => {
    const care = { period: { from: '2026-03-01', to: '2026-03-31' }, submittedAt: '2026-03-31T20:00:00Z' };
    expect(latestDayIn(care)).toBe('2026-04-01');
    expect(latestDayIn({ kind: 'operating-subsidy', month: '2026-02', submittedAt: '2026-02-20T09:00:00+08:00' })).toBe('2026-02-28');
    expect(latestDayIn({ lines: [{ from: '2026-03-01', to: '2026-05-02' }], submittedAt: '2026-04-02T09:00:00+08:00' })).toBe('2026-05-02');
    expect(latestDayIn({ claimId: 'X' })).toBeUndefined();
  });

  it('never names a date earlier than any date in the claim', () => {
    const date = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(date, { minLength: 1, maxLength: 6 }), (dates) => {
        const latest = latestDayIn({ lines: dates.map((d) => ({ from: d, to: d })) }) as string;
        for (const d of dates) expect(latest >= d).toBe(true);
        expect(dates).toContain(latest);
      }),
    );
  });
});
