/**
 * Stored partitions for handler tests: a registry, and member items as the adjudicator writes them,
 * with outcomes computed by the real engine.
 */
import { type Claim, validateClaim } from '../../domain/claims.ts';
import { Engine } from '../../domain/engine.ts';
import type { Outcome } from '../../domain/outcome.ts';
import { PolicyBook, parsePolicy } from '../../domain/policy/policy.ts';
import { Registry } from '../../domain/registry.ts';
import { claimEntry } from '../../domain/replay.ts';
import type { Json } from './support.ts';

export const registry = {
  persons: [
    {
      personId: 'P001',
      insuredType: 'employee',
      enrolledOn: '2024-01-01',
      assessments: [{ grade: 4, assessedOn: '2025-06-10', certificateNo: 'A-1' }],
    },
  ],
  institutions: [
    {
      institutionId: 'INST-A',
      name: '夕阳红养老服务中心',
      institutionType: 'elderly-care',
      ownership: 'private',
      totalBeds: 120,
      nursingBeds: 80,
      medicalFacility: 'internal',
      registeredOn: '2020-05-01',
      designations: [{ scheme: 'ltc', setting: 'institutional', from: '2024-01-01', to: '2027-12-31' }],
    },
  ],
};

/** Member items of one person's partition, in arrival order, as partition-store.ts writes them. */
export function memberItems(claims: Json[], reg: typeof registry = registry): Json[] {
  const engine = new Engine({ policy: PolicyBook.single(parsePolicy()), registry: Registry.parse(reg) });
  for (const c of claims) engine.accept(c);
  return claims.map((raw, i) => {
    const v = validateClaim(raw);
    if (!v.ok) throw new Error('invalid fixture claim');
    const o = engine.outcome(v.claim.claimId) as Outcome;
    const outcome = claimEntry(o, engine.claim(v.claim.claimId) as Claim);
    const needsReview = o.status === 'needs-review';
    return {
      pk: 'P#person#P001',
      sk: `C#${String(i + 1).padStart(10, '0')}`,
      seq: i + 1,
      claimId: v.claim.claimId,
      kind: v.claim.kind,
      institutionId: v.claim.institutionId,
      submittedAt: v.claim.submittedAt,
      submittedMonth: '2026-04',
      content: JSON.stringify(raw),
      contentKey: v.contentKey,
      outcome,
      status: o.status,
      payable: needsReview || o.status === 'rejected' ? '0.00' : outcome.fundAmount,
      adjustments: [],
      decidedAt: '2026-04-02T09:00:05.000+08:00',
      lastArrival: i + 1,
      gsi1pk: `I#${v.claim.institutionId}#2026-04`,
      gsi1sk: `${v.claim.submittedAt}#${v.claim.claimId}`,
      ...(needsReview ? { gsi2pk: 'REVIEW', gsi2sk: `${v.claim.submittedAt}#${v.claim.claimId}` } : {}),
    };
  });
}
