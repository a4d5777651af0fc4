import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay } from '../domain/replay.ts';
import { statement } from '../domain/statement.ts';

const dir = join(import.meta.dirname, '..', 'examples');
const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

describe('examples', () => {
  it.each(['nursing-home-month', 'referral-chain', 'subsidy-round'])('replays %s to its hand-checked output', (name) => {
    // Prepare
    const scenario = read(`${name}.json`);
    // Act
    const { output } = replay(scenario);
    // Assess
    expect(output).toEqual(read(`${name}.out.json`));
  });

  it.each(['2026-03', '2026-04'])('prints the %s statement of statement-march', (month) => {
    expect(statement(read('statement-march.json'), month)).toEqual(read(`statement-march.${month}.out.json`));
  });

  it('recoups inpatient days from the referral chain and tops up the episode whose referrer arrived last', () => {
    const { output } = replay(read('referral-chain.json'));
    // 22 inpatient days of 31 at min(70, cap 70) × 0.70 = 49.00 → 9 × 49.00 paid.
    expect(output.claims.find((c) => c.claimId === 'CS-2026-01-010')?.fundAmount).toBe('441.00');
    // MS-B: once MS-A (level 2, 600.00) links, MS-B (level 3, nominal 1000.00) pays only 400.00 → (20000 − 400) × 0.80.
    expect(output.claims.find((c) => c.claimId === 'MS-B')).toMatchObject({
      fundAmount: '15680.00',
      deductibleApplied: '400.00',
      reasonCodes: [],
    });
    expect(output.adjustments).toContainEqual({ claimId: 'MS-B', amount: '480.00', reason: 'REPROCESSED', triggeredBy: 'MS-A' });
  });
});
