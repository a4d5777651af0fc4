/** An institution's month: its claims (all pages), its statement line and its ledger entries. */
import type { Api } from '../../api.ts';
import type { ClaimPage, ClaimSummary, EntriesPage, LedgerEntry, Statement } from '../../types.ts';

export async function monthClaims(api: Api, month: string): Promise<ClaimSummary[]> {
  const out: ClaimSummary[] = [];
  let token: string | undefined;
  do {
    const page: ClaimPage = await api.get(`/claims?month=${month}&limit=100${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
    out.push(...page.items);
    token = page.nextToken;
  } while (token);
  return out;
}

export async function monthEntries(api: Api, month: string, institutionId: string): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  let token: string | undefined;
  do {
    const page: EntriesPage = await api.get(
      `/statements/${month}/entries?institution=${encodeURIComponent(institutionId)}&limit=1000${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`,
    );
    out.push(...page.entries);
    token = page.nextToken;
  } while (token);
  return out;
}

export const ownStatement = (api: Api, month: string, institutionId: string) =>
  api.get<Statement>(`/statements/${month}?institution=${encodeURIComponent(institutionId)}`);
