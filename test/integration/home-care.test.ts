/**
 * A Wencheng-style home-care month (examples/wencheng-home-care.json, DOMAIN.md §11) on the local
 * stack: the bureau publishes the city's policy, registers its persons with their care plans, its
 * institutions and their service agreements through the API; the institutions submit the month's
 * home visits (with check-in and check-out) and family-care claims through POST /claims in a
 * shuffled order, each stamped by the server's clock. The stored outcomes — status, fund, reason
 * codes, adjustments — then equal `ltc replay` of the same arrivals. The city's policy is global, so
 * this file runs its own local stack (the shared one keeps demo-2026 for the other files).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ClaimDetail } from '../../cli/api-client.ts';
import { replay } from '../../domain/replay.ts';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.ts';
import { issueToken } from '../../infra/local/tokens.ts';

type Json = Record<string, unknown>;
type Claim = Json & { claimId: string; institutionId: string; personId: string };

const root = process.cwd();
const scenario = JSON.parse(readFileSync(join(root, 'examples', 'wencheng-home-care.json'), 'utf8')) as {
  policy: Json;
  registry: { persons: (Json & { personId: string })[]; institutions: (Json & { institutionId: string })[] };
  claims: Claim[];
};

/** A fixed shuffle (mulberry32), so a failure can be replayed; asserted below to differ from the file's order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
const ORDER = shuffled(scenario.claims, 20260401);

/** After the month's last service date (5 April), one minute between arrivals. */
let clock = new Date('2026-04-06T10:00:00+08:00');
let stack: LocalStack;
const client = async (role: 'bureau' | 'institution', institutionId?: string) =>
  new ApiClient(stack.apiUrl, await issueToken(root, { role, ...(institutionId ? { institutionId } : {}) }));

async function decided(c: ApiClient, claimId: string): Promise<ClaimDetail & { submittedAt: string }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await c.request<ClaimDetail & { submittedAt: string }>('GET', `/claims/${encodeURIComponent(claimId)}`);
    if (r.status === 200) return r.body;
    if (Date.now() > deadline) throw new Error(`${claimId} not decided: ${r.status} ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** The claims as they arrived: without the file's submittedAt, with the server's. */
const arrivals: Json[] = [];

beforeAll(async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  stack = await startLocalStack({ root, visibilityTimeoutSeconds: 1, now: () => clock });
  const bureau = await client('bureau');
  await bureau.call('PUT', '/policies/wencheng-2026', {
    effectiveFrom: '2026-01-01',
    policy: scenario.policy,
    reason: '文成县居家护理办法',
  });
  for (const p of scenario.registry.persons) await bureau.call('PUT', `/registry/persons/${p.personId}`, { ...p, reason: '签订护理计划' });
  for (const i of scenario.registry.institutions)
    await bureau.call('PUT', `/registry/institutions/${i.institutionId}`, { ...i, reason: '居家护理定点' });
  const pairs = new Set(scenario.claims.map((c) => `${c.institutionId}|${c.personId}`));
  let n = 0;
  for (const pair of pairs) {
    const [institutionId, personId] = pair.split('|');
    const agreementId = `WC-SA-${++n}`;
    await bureau.call('PUT', `/registry/agreements/${agreementId}`, {
      agreementId,
      kind: 'care',
      institutionId,
      personId,
      from: '2026-01-01',
      reason: '居家护理服务协议',
    });
  }
  for (const { submittedAt: _, ...claim } of ORDER) {
    clock = new Date(clock.getTime() + 60_000);
    const institution = await client('institution', claim.institutionId as string);
    await institution.call('POST', '/claims', claim);
    const detail = await decided(institution, claim.claimId as string);
    arrivals.push({ ...claim, submittedAt: detail.submittedAt });
  }
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a Wencheng-style home-care month through the API', () => {
  it('arrives in another order than the file’s, each claim stamped by the server', () => {
    expect(ORDER.map((c) => c.claimId)).not.toEqual(scenario.claims.map((c) => c.claimId));
    expect(arrivals.map((a) => a.submittedAt)).toEqual(ORDER.map((_, i) => `2026-04-06T10:${String(i + 1).padStart(2, '0')}:00.000+08:00`));
  });

  it('stores the outcomes and adjustments `ltc replay` gives for the same arrivals', async () => {
    // Prepare
    const expected = replay({ policy: scenario.policy, registry: scenario.registry, claims: arrivals }).output;
    const bureau = await client('bureau');
    // Act
    const stored = new Map<string, ClaimDetail>();
    for (const c of scenario.claims) stored.set(c.claimId, await decided(bureau, c.claimId));
    // Assess: every claim's §9 entry (status, fund, personal amount, reason codes), the §11 codes among them
    for (const entry of expected.claims) expect(stored.get(entry.claimId as string)?.outcome, String(entry.claimId)).toEqual(entry);
    const codes = new Set([...stored.values()].flatMap((d) => d.outcome.reasonCodes));
    for (const code of ['NOT_IN_CARE_PLAN', 'VISIT_NOT_VERIFIED', 'PLAN_FREQUENCY_EXCEEDED', 'MONTHLY_CAP_REACHED'])
      expect(codes, code).toContain(code);
    // and the adjustments, claim by claim and in sum
    const adjustments = [...stored.values()].flatMap((d) =>
      d.adjustments.map((a) => ({ claimId: d.claimId, amount: a.amount, reason: a.reason, triggeredBy: a.triggeredBy })),
    );
    const key = (a: Json) => `${a.claimId} ${a.triggeredBy} ${a.amount}`;
    expect(adjustments.map(key).sort()).toEqual(expected.adjustments.map(key).sort());
    const sum = adjustments.reduce((s, a) => s.plus(a.amount), new Decimal(0));
    expect(sum.toFixed(2)).toBe(expected.totals.adjustments);
    // A family-care claim is decided in its person's partition beside the person's other claims.
    expect(stored.get('WC-FC-003')?.outcome).toMatchObject({ kind: 'care-service', personalAmount: '0.00' });
  });

  it('pays what the replay pays: each claim’s payable is its fund amount (none waits for review)', async () => {
    const bureau = await client('bureau');
    const expected = replay({ policy: scenario.policy, registry: scenario.registry, claims: arrivals }).output;
    for (const entry of expected.claims) {
      const d = await decided(bureau, entry.claimId as string);
      expect(d.payable, String(entry.claimId)).toBe(entry.status === 'rejected' ? '0.00' : entry.fundAmount);
    }
  });
});
