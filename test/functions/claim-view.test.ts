import { describe, expect, it } from 'vitest';
import type { Member } from '../../functions/adapters/partition-store.ts';
import { claimDetail } from '../../functions/http/claim-view.ts';
import { ClaimDetailSchema } from '../../functions/http/responses.ts';

const member = (content: unknown): Member => ({
  seq: 1,
  claimId: 'HV-1',
  kind: 'care-service',
  institutionId: 'INST-A',
  submittedAt: '2026-04-02T09:00:00.000+08:00',
  submittedMonth: '2026-04',
  content,
  contentKey: 'k',
  outcome: { claimId: 'HV-1', kind: 'care-service', status: 'approved', fundAmount: '48.00', personalAmount: '12.00', reasonCodes: [] },
  payable: '48.00',
  adjustments: [],
  decidedAt: '2026-04-02T09:00:05.000+08:00',
});

describe('a claim’s detail', () => {
  it('gives the visit records of a home-visit claim by line index, as sent', () => {
    // Prepare: line 1 has no visit record
    const detail = claimDetail(
      member({
        personId: 'P001',
        setting: 'home-visit',
        lines: [
          {
            serviceCode: 'HV-BATH',
            date: '2026-03-05',
            visit: { checkIn: '2026-03-05T09:02:00+08:00', checkOut: '2026-03-05T09:47:30+08:00' },
          },
          { serviceCode: 'HV-CLEAN', date: '2026-03-05' },
          { serviceCode: 'HV-MED', date: '2026-03-06', visit: { checkIn: '2026-03-06T01:00:00Z', checkOut: '2026-03-06T01:20:00Z' } },
        ],
      }),
      null,
    );
    // Assess
    expect(ClaimDetailSchema.parse(detail).visits).toEqual([
      { line: 0, checkIn: '2026-03-05T09:02:00+08:00', checkOut: '2026-03-05T09:47:30+08:00' },
      { line: 2, checkIn: '2026-03-06T01:00:00Z', checkOut: '2026-03-06T01:20:00Z' },
    ]);
  });

  it('has no visits for a claim without any (family care, institutional)', () => {
    expect(claimDetail(member({ setting: 'family-care', days: [{ date: '2026-03-01' }] }), null)).not.toHaveProperty('visits');
    expect(
      claimDetail(
        member({ setting: 'institutional', lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to: '2026-03-31' }] }),
        null,
      ),
    ).not.toHaveProperty('visits');
  });
});
