import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { monthNote, type RuleSeen, unitNote } from '../../console/src/pages/care-notes.ts';
import { replay } from '../../domain/replay.ts';

const zh = (z: string) => z;
const scenario = JSON.parse(readFileSync(new URL('../../examples/wencheng-home-care.json', import.meta.url), 'utf8'));
const explained = replay(scenario, { explain: true }).output.claims as {
  claimId: string;
  explanation: { items: (Record<string, unknown> & { date: string; units: { decidedBy: string; rules: RuleSeen[] }[] })[] };
}[];
const day = (claimId: string, date: string) => explained.find((c) => c.claimId === claimId)?.explanation.items.find((d) => d.date === date);
const firstFailing = (claimId: string, code: string) =>
  explained
    .find((c) => c.claimId === claimId)
    ?.explanation.items.flatMap((d) => d.units)
    .find((u) => u.decidedBy === code);

describe('the home-care rules in a clerk’s words, from what the engine saw', () => {
  it('says how long a visit was against the minimum', () => {
    const unit = firstFailing('WC-HV-001', 'VISIT_NOT_VERIFIED');
    expect(unitNote(unit?.rules ?? [], zh)).toBe('服务 40 分钟，少于要求的 45 分钟');
  });

  it('says a service has no care plan with the claim’s institution', () => {
    const unit = firstFailing('WC-FC-004', 'NOT_IN_CARE_PLAN');
    expect(unitNote(unit?.rules ?? [], zh)).toBe('当日无与 WC-HC2 签订的护理计划');
  });

  it('gives the plan’s counts when its frequency was exceeded', () => {
    const unit = firstFailing('WC-FC-003', 'PLAN_FREQUENCY_EXCEEDED');
    expect(unitNote(unit?.rules ?? [], zh)).toBe('护理计划 WP-5：每月≤20次，本月此前已 20 次；核准 0/1 次');
  });

  it('says nothing of a unit that passed every rule', () => {
    const unit = day('WC-HV-001', '2026-03-02')?.units[0];
    expect(unit?.decidedBy).toBe('COVERED');
    expect(unitNote(unit?.rules ?? [], zh)).toBeUndefined();
  });

  it('gives the month’s package used and left, and says when it was reached', () => {
    expect(monthNote(day('WC-HV-002', '2026-03-16') ?? {}, zh)).toBe('本月限额 1050.00，此前已用 600.00');
    expect(monthNote(day('WC-HV-002', '2026-03-30') ?? {}, zh)).toBe(
      '本月限额 1050.00，此前已用 1050.00；已达限额，本日支付 0.00（结余不予转存）',
    );
    expect(monthNote({ date: '2026-03-01', fund: '42.00' }, zh)).toBeUndefined();
  });
});
