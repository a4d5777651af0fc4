/**
 * The bureau's service records a set of claims implies, for the local demo and the benchmarks to
 * register before institutions submit (an institution submits only for persons it serves): a care
 * agreement for each institution and person a care-service claim or an operating-subsidy resident
 * names, open-ended from `from`; an admission filing for each hospital stay, its exact dates.
 */
import type { AgreementInput } from '../../functions/load-reference-data/agreements.ts';

type Json = Record<string, unknown>;

/**
 * @example impliedAgreements(claims, '2020-01-01').map((a) => a.agreementId)
 */
export function impliedAgreements(claims: readonly Json[], from: string): AgreementInput[] {
  const out = new Map<string, AgreementInput>();
  const care = (institutionId: unknown, personId: unknown) => {
    if (typeof institutionId !== 'string' || typeof personId !== 'string') return;
    const agreementId = `SA-${out.size + 1}`;
    const key = `care\u0000${institutionId}\u0000${personId}`;
    if (!out.has(key)) out.set(key, { agreementId, kind: 'care', institutionId, personId, from, reason: '服务协议备案（演示数据）' });
  };
  for (const c of claims) {
    if (c.kind === 'care-service') care(c.institutionId, c.personId);
    if (c.kind === 'operating-subsidy' && Array.isArray(c.residents))
      for (const r of c.residents as Json[]) care(c.institutionId, r.personId);
    const episode = c.episode as Json | undefined;
    if (c.kind === 'medical-settlement' && typeof c.institutionId === 'string' && typeof c.personId === 'string' && episode) {
      out.set(`admission\u0000${c.claimId}`, {
        agreementId: `ADM-${out.size + 1}`,
        kind: 'admission',
        institutionId: c.institutionId,
        personId: c.personId,
        from: String(episode.admittedOn),
        to: String(episode.dischargedOn),
        reason: '住院登记（演示数据）',
      });
    }
  }
  return [...out.values()];
}
