/**
 * The reads the console needs, against DynamoDB Local through the local HTTP API (so every key
 * condition and filter expression is checked by the real emulator): registry search and timelines,
 * filtered listings, the dashboard, the OpenAPI document without a token, and CORS for the console's
 * loopback origin.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, type ClaimDetail } from '../../cli/api-client.ts';
import { ClaimPageSchema, DashboardSchema, PersonPageSchema, PersonViewSchema } from '../../functions/http/responses.ts';
import { API_ROUTES } from '../../functions/http/routes.ts';
import { issueToken } from '../../infra/local/tokens.ts';

const root = process.cwd();
const stack = inject('localStack');
const run = randomUUID().slice(0, 8).toUpperCase();
const [PERSON, HOME] = [`CA-P-${run}`, `CA-HOME-${run}`];

async function decided(client: ApiClient, claimId: string): Promise<ClaimDetail> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await client.request<ClaimDetail>('GET', `/claims/${encodeURIComponent(claimId)}`);
    if (r.status === 200) return r.body;
    if (Date.now() > deadline) throw new Error(`${claimId} not decided: ${r.status}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

describe('the console’s API on the local stack', () => {
  let bureau: ApiClient;
  let home: ApiClient;
  let claim: ClaimDetail & { submittedAt: string };

  beforeAll(async () => {
    bureau = new ApiClient(stack.apiUrl, await issueToken(root, { role: 'bureau' }));
    home = new ApiClient(stack.apiUrl, await issueToken(root, { role: 'institution', institutionId: HOME }));
    await bureau.call('PUT', `/registry/persons/${PERSON}`, {
      personId: PERSON,
      insuredType: 'employee',
      enrolledOn: '2024-01-01',
      assessments: [
        { grade: 3, assessedOn: '2024-03-01' },
        { grade: 4, assessedOn: '2025-06-10' },
      ],
      reason: '集成测试',
    });
    await bureau.call('PUT', `/registry/institutions/${HOME}`, {
      institutionId: HOME,
      name: '测试护理院',
      institutionType: 'elderly-care',
      ownership: 'private',
      totalBeds: 60,
      nursingBeds: 40,
      medicalFacility: 'contracted',
      registeredOn: '2020-01-01',
      designations: [{ scheme: 'ltc', setting: 'institutional', from: '2024-01-01' }],
      reason: '集成测试',
    });
    await bureau.call('PUT', `/registry/agreements/CA-SA-${run}`, {
      agreementId: `CA-SA-${run}`,
      kind: 'care',
      institutionId: HOME,
      personId: PERSON,
      from: '2026-01-01',
      reason: '入住协议',
    });
    await home.call('POST', '/claims', {
      kind: 'care-service',
      claimId: `CA-CS-${run}`,
      institutionId: HOME,
      personId: PERSON,
      setting: 'institutional',
      period: { from: '2026-03-01', to: '2026-03-10' },
      lines: [{ serviceCode: 'LTC-INST-DAY', from: '2026-03-01', to: '2026-03-10', unitPrice: '80.00' }],
    });
    claim = (await decided(bureau, `CA-CS-${run}`)) as typeof claim;
  });

  it('finds a person by id prefix with the grade in force today, and their assessment timeline', async () => {
    const page = PersonPageSchema.parse(await bureau.call('GET', `/registry/persons?q=${encodeURIComponent(`CA-P-${run}`)}`));
    expect(page.items.map((p) => [p.personId, p.gradeToday])).toEqual([[PERSON, 4]]);
    const view = PersonViewSchema.parse(await bureau.call('GET', `/registry/persons/${PERSON}`));
    expect(view.timeline.map((t) => t.state)).toEqual(['superseded', 'in-force']);
  });

  it('lets an institution read its own registry record', async () => {
    const own = await home.request('GET', `/registry/institutions/${HOME}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ institution: { name: '测试护理院' }, designations: [{ state: 'in-force' }] });
  });

  it('filters an institution’s month by kind and status, and a person’s claims for the bureau', async () => {
    const month = claim.submittedAt.slice(0, 7);
    const listed = async (client: ApiClient, query: string) =>
      ClaimPageSchema.parse(await client.call('GET', `/claims?${query}`)).items.map((i) => i.claimId);
    expect(await listed(home, `month=${month}&kind=care-service`)).toEqual([claim.claimId]);
    expect(await listed(home, `month=${month}&kind=operating-subsidy`)).toEqual([]);
    expect(await listed(home, `month=${month}&kind=care-service&status=${claim.status}`)).toEqual([claim.claimId]);
    expect(await listed(bureau, `person=${PERSON}`)).toEqual([claim.claimId]);
    expect(await listed(bureau, `person=${PERSON}&institution=${HOME}&month=${month}&kind=care-service`)).toEqual([claim.claimId]);
    expect(await listed(bureau, `person=${PERSON}&month=1999-01`)).toEqual([]);
  });

  it('counts the claim on the dashboard of its month', async () => {
    const month = claim.submittedAt.slice(0, 7);
    const d = DashboardSchema.parse(await bureau.call('GET', `/dashboard?month=${month}`));
    expect(d.fundByInstitution.find((i) => i.institutionId === HOME)).toEqual({
      institutionId: HOME,
      name: '测试护理院',
      claims: 1,
      payable: claim.payable,
    });
    expect(d.claimsByStatus[claim.status]).toBeGreaterThanOrEqual(1);
    expect(d.fundByMonth).toHaveLength(12);
  });

  it('serves the OpenAPI document without a token, naming every route and this server', async () => {
    const r = await fetch(`${stack.apiUrl}/openapi.json`);
    expect(r.status).toBe(200);
    const doc = (await r.json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: stack.apiUrl }]);
    expect(Object.keys(doc.paths).sort()).toEqual([...new Set(API_ROUTES.map((r) => r.path))].sort());
  });

  it('answers the console’s preflight from a loopback origin, and no other', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.apiUrl}/claims`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const ok = await preflight('http://127.0.0.1:5173');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://evil.example.com');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
