/**
 * The invariant of §7 extended to reference data, over interleavings on DynamoDB Local + fauxqs:
 * claim arrivals and registry / policy changes are sent in any order, without waiting for the
 * re-adjudication of one before the next arrives; once everything settles, the stored outcomes
 * equal `ltc replay` of the same claims under the final registry and policy, and Σ first decisions +
 * Σ adjustments = Σ final amounts (expectSettledAsReplay). Few runs of small scenarios: each run is a
 * local stack of its own.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { expectSettledAsReplay, settle, startChangeStack } from './reference-change-support.ts';

const PERSONS = ['Q1', 'Q2'];
const INSTITUTIONS = ['J1', 'J2'];
const DAYS = ['2026-03-01', '2026-03-09', '2026-03-16', '2026-03-25', '2026-04-05', '2026-04-20'];

type Action =
  | {
      readonly type: 'claim';
      readonly personId: string;
      readonly institutionId: string;
      readonly month: '03' | '04';
      readonly price: string;
    }
  | { readonly type: 'assess'; readonly personId: string; readonly grade: number; readonly assessedOn: string }
  | { readonly type: 'designation-ends'; readonly institutionId: string; readonly to: string }
  | { readonly type: 'policy'; readonly effectiveFrom: string; readonly cap: string };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    type: fc.constant('claim' as const),
    personId: fc.constantFrom(...PERSONS),
    institutionId: fc.constantFrom(...INSTITUTIONS),
    month: fc.constantFrom('03' as const, '04' as const),
    price: fc.constantFrom('45.00', '80.00'),
  }),
  fc.record({
    type: fc.constant('assess' as const),
    personId: fc.constantFrom(...PERSONS),
    grade: fc.constantFrom(2, 3, 4, 5),
    assessedOn: fc.constantFrom('2025-06-01', ...DAYS),
  }),
  fc.record({
    type: fc.constant('designation-ends' as const),
    institutionId: fc.constantFrom(...INSTITUTIONS),
    to: fc.constantFrom(...DAYS),
  }),
  fc.record({ type: fc.constant('policy' as const), effectiveFrom: fc.constantFrom(...DAYS), cap: fc.constantFrom('40.00', '65.00') }),
);

const institution = (institutionId: string, to?: string) => ({
  institutionId,
  institutionType: 'elderly-care',
  ownership: 'private',
  totalBeds: 50,
  nursingBeds: 30,
  medicalFacility: 'internal',
  registeredOn: '2020-05-01',
  designations: [{ scheme: 'ltc', setting: 'institutional', from: '2024-01-01', ...(to ? { to } : {}) }],
  reason: to ? '定点协议到期' : '定点协议',
});

describe('reference changes interleaved with claim arrivals', () => {
  it('settle to what ltc replay decides under the final registry and policy', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 9 }), async (actions) => {
        const s = await startChangeStack();
        try {
          const assessments = new Map(PERSONS.map((p) => [p, [{ grade: 4, assessedOn: '2025-06-01' }]]));
          const changeIds: string[] = [];
          const put = async (path: string, body: unknown) =>
            changeIds.push((await s.bureau.call<{ changeId: string }>('PUT', path, body)).changeId);
          for (const p of PERSONS) {
            await put(`/registry/persons/${p}`, {
              personId: p,
              insuredType: 'resident',
              enrolledOn: '2024-01-01',
              assessments: assessments.get(p),
              reason: '参保登记',
            });
          }
          for (const i of INSTITUTIONS) await put(`/registry/institutions/${i}`, institution(i));
          await put('/policies/city', { effectiveFrom: '1970-01-01', policy: {}, reason: '本市政策' });
          // Act: every action sent in turn, none waiting for the re-adjudication the last one started.
          for (const [n, a] of actions.entries()) {
            if (a.type === 'claim') {
              const [from, to] = a.month === '03' ? ['2026-03-01', '2026-03-31'] : ['2026-04-01', '2026-04-30'];
              await s.bureau.call('POST', '/migrations/claims', {
                kind: 'care-service',
                claimId: `X-${n}`,
                institutionId: a.institutionId,
                personId: a.personId,
                submittedAt: `2026-05-0${1 + (n % 9)}T09:00:00+08:00`,
                setting: 'institutional',
                period: { from, to },
                lines: [{ serviceCode: 'LTC-INST-DAY', from, to, unitPrice: a.price }],
              });
            } else if (a.type === 'assess') {
              const list = [...(assessments.get(a.personId) ?? []), { grade: a.grade, assessedOn: a.assessedOn }];
              assessments.set(a.personId, list);
              await put(`/registry/persons/${a.personId}`, {
                personId: a.personId,
                insuredType: 'resident',
                enrolledOn: '2024-01-01',
                assessments: list,
                reason: '复评',
              });
            } else if (a.type === 'designation-ends') {
              await put(`/registry/institutions/${a.institutionId}`, institution(a.institutionId, a.to));
            } else {
              await put('/policies/city', {
                effectiveFrom: a.effectiveFrom,
                policy: { ltc: { dailyCap: { institutional: { '3': a.cap, '4': a.cap, '5': a.cap } } } },
                reason: '日限额调整',
              });
            }
          }
          await s.stack.waitForIdle();
          for (const id of changeIds) await settle(s, id);
          await s.stack.waitForIdle();
          // Assess
          await expectSettledAsReplay(s);
        } finally {
          await s.stop();
        }
      }),
      { numRuns: 6 },
    );
  });
});
