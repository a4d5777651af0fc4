/**
 * The demo `npm start` runs: load the demo registry and policy through the API as the bureau, migrate
 * the example claims (they are history, with their own submittedAt, so the bureau sends them through
 * POST /migrations/claims and they are decided as `ltc replay` decides the examples), wait until they
 * are adjudicated, and print a summary read back through the API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { impliedAgreements } from '../infra/local/agreements.ts';
import type { LocalStack } from '../infra/local/stack.ts';
import { issueToken } from '../infra/local/tokens.ts';
import { ApiClient, type ClaimDetail } from './api-client.ts';
import { renderSummary } from './summary.ts';

const SCENARIOS = ['nursing-home-month.json', 'referral-chain.json', 'subsidy-round.json'];

/** Runs the demo against a started stack; returns the summary text. */
export async function runDemo(stack: LocalStack, root: string, say: (line: string) => void): Promise<string> {
  const examples = join(root, 'examples');
  const read = (name: string) => JSON.parse(readFileSync(join(examples, name), 'utf8'));
  const bureau = new ApiClient(stack.apiUrl, await issueToken(root, { role: 'bureau', user: 'demo-bureau' }));

  const registry = read('registry.json');
  const reason = '演示数据：examples/registry.json';
  for (const p of registry.persons) await bureau.call('PUT', `/registry/persons/${encodeURIComponent(p.personId)}`, { ...p, reason });
  for (const i of registry.institutions) {
    await bureau.call('PUT', `/registry/institutions/${encodeURIComponent(i.institutionId)}`, { ...i, reason });
  }
  say(`registry loaded: ${registry.persons.length} persons, ${registry.institutions.length} institutions`);
  // The subsidy round runs against a bureau budget of 100,000.00 (examples/subsidy-round.json).
  const policy = read('subsidy-round.json').policy;
  await bureau.call('PUT', '/policies/demo-local', { effectiveFrom: '2021-01-01', policy, reason: '演示：建设补贴年度预算 100,000.00' });
  say('policy demo-local published (demo-2026 with a 100,000.00 construction budget)');

  const claims: { claimId: string; institutionId: string }[] = SCENARIOS.flatMap((f) => read(f).claims);
  // The service records these claims imply, so that after the demo an institution can submit for its
  // residents and patients (`npx ltc submit`); the migration below does not need them.
  const known = new Set([...registry.persons.map((p: { personId: string }) => p.personId)]);
  const agreements = impliedAgreements(claims as unknown as Record<string, unknown>[], '2024-01-01').filter((a) => known.has(a.personId));
  for (const a of agreements) await bureau.call('PUT', `/registry/agreements/${encodeURIComponent(a.agreementId)}`, a);
  say(`service records filed: ${agreements.length} (服务协议备案 and 住院登记)`);
  let sent = 0;
  // One by one, in the examples' arrival order: a late claim arrives after the ones it re-adjudicates.
  for (const claim of claims) {
    await bureau.call('POST', '/migrations/claims', claim);
    sent++;
    if (sent % 5 === 0 || sent === claims.length) say(`migrated ${sent}/${claims.length} example claims through POST /migrations/claims`);
  }
  const ids = [...new Set(claims.map((c) => c.claimId))];
  const started = Date.now();
  let decided = 0;
  while (decided < ids.length) {
    decided = 0;
    for (const id of ids) if ((await bureau.request('GET', `/claims/${encodeURIComponent(id)}`)).status === 200) decided++;
    say(`adjudicated ${decided}/${ids.length}`);
    if (decided < ids.length) {
      if (Date.now() - started > 120_000) throw new Error(`only ${decided} of ${ids.length} claims were adjudicated within 2 minutes`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  await stack.waitForIdle();

  const details = await Promise.all(ids.map((id) => bureau.call<ClaimDetail>('GET', `/claims/${encodeURIComponent(id)}`)));
  const adjustments = details
    .flatMap((d) => d.adjustments.map((a) => ({ ...a, claimId: d.claimId })))
    .sort((a, b) => (a.postedAt < b.postedAt ? -1 : 1));
  const queue = await bureau.call<{ items: unknown[] }>('GET', '/review-queue');
  say(`review queue holds ${queue.items.length} claim(s)`);
  return renderSummary(
    `ltc-claims on the local stack — ${ids.length} claims`,
    details.map((d) => ({
      claimId: d.claimId,
      kind: d.kind,
      institutionId: d.institutionId,
      status: d.status,
      fundAmount: d.outcome.fundAmount,
      reasonCodes: d.outcome.reasonCodes,
    })),
    adjustments,
  );
}
