/**
 * Reference data keeps its history, on DynamoDB Local: every change is a version with who, when, why
 * and what it was before; racing writers each land as a version of their own and the chain of
 * `before`s stays unbroken; the adjudicator's reads see only the current records. Then the same
 * through the local stack's HTTP API: the reason is required, who comes from the token.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../../cli/api-client.ts';
import type { CareServiceClaim } from '../../domain/claims.ts';
import { day } from '../../domain/dates.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import {
  type Change,
  personKey,
  policyKey,
  type RecordVersion,
  ReferenceVersions,
  VersionConflictError,
} from '../../functions/adapters/reference-versions.ts';
import { issueToken } from '../../infra/local/tokens.ts';
import { createClaimsTable, localClients } from './support.ts';

const person = (personId: string, grades: number[]) => ({
  personId,
  insuredType: 'employee',
  enrolledOn: '2024-01-01',
  assessments: grades.map((grade, i) => ({ grade, assessedOn: `2025-0${i + 1}-10` })),
});
const change = (by: string, reason: string, extra: Partial<Change> = {}): Change => ({
  by,
  at: '2026-04-10T09:00:00.000+08:00',
  reason,
  ...extra,
});

async function allVersions(versions: ReferenceVersions, key: ReturnType<typeof personKey>): Promise<RecordVersion[]> {
  const out: RecordVersion[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await versions.history(key, { limit: 2, ...(startKey ? { startKey } : {}) });
    out.push(...page.items);
    startKey = page.nextKey;
  } while (startKey);
  return out;
}

describe('reference history on DynamoDB Local', () => {
  const { client, doc } = localClients();
  let table: string;
  let store: ReferenceStore;
  let versions: ReferenceVersions;

  beforeAll(async () => {
    table = await createClaimsTable(client);
    store = new ReferenceStore(doc, table);
    versions = new ReferenceVersions(doc, table);
  });

  it('keeps every version of a person with who, when, why and what it was before; an unchanged save records nothing', async () => {
    // Act
    await store.putPerson(person('P001', [3]), change('analyst-1', '参保登记'));
    const second = await store.putPerson(person('P001', [3, 4]), change('analyst-2', '复评'));
    const same = await store.putPerson(person('P001', [3, 4]), change('analyst-3', '重复提交'));
    // Assess
    expect(second).toMatchObject({ version: 2, changed: true });
    expect(same).toMatchObject({ version: 2, recordedBy: 'analyst-2', changed: false });
    const history = await allVersions(versions, personKey('P001'));
    expect(history.map((v) => [v.version, v.recordedBy, v.reason])).toEqual([
      [2, 'analyst-2', '复评'],
      [1, 'analyst-1', '参保登记'],
    ]);
    expect(history[0]?.before).toEqual(history[1]?.document);
    expect(history[1]?.before).toBeNull();
    // The adjudicator's read is unchanged: the current record, one BatchGetItem.
    const registry = await store.registryFor([{ kind: 'care-service', personId: 'P001', institutionId: 'NONE' } as CareServiceClaim]);
    expect(registry.persons.get('P001')?.assessments.map((a) => a.grade)).toEqual([3, 4]);
  });

  it('lands racing writers as versions of their own, each written over the one before it', async () => {
    // Act: eight clerks save eight different records at once, none naming a version.
    const grades = [0, 1, 2, 3, 4, 5, 4, 3];
    const record = (g: number, i: number) => ({ ...person('P-RACE', [g]), enrolledOn: `2024-01-0${i + 1}` });
    await Promise.all(grades.map((g, i) => store.putPerson(record(g, i), change(`clerk-${i}`, `race ${i}`))));
    // Assess
    const history = (await allVersions(versions, personKey('P-RACE'))).reverse();
    expect(history.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.map((v) => v.recordedBy).sort()).toEqual(grades.map((_, i) => `clerk-${i}`).sort());
    for (let i = 1; i < history.length; i++) expect(history[i]?.before).toEqual(history[i - 1]?.document);
    const current = await store.registryFor([{ kind: 'care-service', personId: 'P-RACE', institutionId: 'X' } as CareServiceClaim]);
    const last = history.at(-1)?.document as { enrolledOn: string };
    expect(current.persons.get('P-RACE')?.enrolledOn).toBe(day(last.enrolledOn));
  });

  it('refuses a change made against a version that is no longer current, and writes nothing', async () => {
    await store.putPerson(person('P-STALE', [3]), change('a', 'one'));
    await store.putPerson(person('P-STALE', [4]), change('b', 'two', { expectedVersion: 1 }));
    const refused = await store.putPerson(person('P-STALE', [5]), change('c', 'three', { expectedVersion: 1 })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(VersionConflictError);
    expect((refused as VersionConflictError).current).toBe(2);
    expect((await allVersions(versions, personKey('P-STALE'))).map((v) => v.reason)).toEqual(['two', 'one']);
  });

  it('starts the history of a record stored before history was kept with that record as its before', async () => {
    const legacy = { ...person('P-OLD', [2]), specialHardship: false };
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'REG#PERSON', sk: 'P-OLD', doc: JSON.stringify(legacy) } }));
    expect(await versions.stamp(personKey('P-OLD'))).toBeUndefined();
    const first = await store.putPerson(person('P-OLD', [2, 3]), change('analyst', '补录复评'));
    expect(first.version).toBe(1);
    expect((await versions.version(personKey('P-OLD'), 1))?.before).toEqual(legacy);
  });

  it('keeps a policy version’s revisions apart from the book the adjudicator reads', async () => {
    // Act
    await store.putPolicy('v2026b', '2026-07-01', { ltc: { annualCap: '24000.00' } }, change('analyst', '年度限额上调'));
    await store.putPolicy('v2026b', '2026-07-01', { ltc: { annualCap: '26000.00' } }, change('director', '按复核意见修订'));
    // Assess
    const book = await store.policyBook();
    expect(book.versions.map((v) => v.document.ltc.annualCap)).toEqual(['26000.00']);
    const history = await versions.history(policyKey('v2026b', '2026-07-01'), { limit: 10 });
    expect(history.items.map((v) => [v.version, v.effectiveFrom, v.reason])).toEqual([
      [2, '2026-07-01', '按复核意见修订'],
      [1, '2026-07-01', '年度限额上调'],
    ]);
    expect(history.items[0]?.before).toMatchObject({ ltc: { annualCap: '24000.00' } });
  });
});

describe('reference history through the local HTTP API', () => {
  const stack = inject('localStack');
  const root = process.cwd();
  const PERSON = `RH-P-${randomUUID().slice(0, 8)}`;

  it('requires a reason, records the token’s user and the server’s clock, and gives the bureau the history', async () => {
    // Prepare
    const bureau = new ApiClient(stack.apiUrl, await issueToken(root, { role: 'bureau', user: 'auditor-wang' }));
    const finance = new ApiClient(stack.apiUrl, await issueToken(root, { role: 'finance' }));
    const before = Date.now();
    // Act
    const refused = await bureau.request('PUT', `/registry/persons/${PERSON}`, person(PERSON, [3]));
    await bureau.call('PUT', `/registry/persons/${PERSON}`, { ...person(PERSON, [3]), reason: '参保登记' });
    await bureau.call('PUT', `/registry/persons/${PERSON}`, { ...person(PERSON, [3, 4]), reason: '复评', recordedBy: 'forged' });
    const history = await bureau.call<{ items: (RecordVersion & { changes: { path: string }[] })[] }>(
      'GET',
      `/registry/persons/${PERSON}/history`,
    );
    const hidden = await finance.request('GET', `/registry/persons/${PERSON}/history`);
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { details: [{ path: 'reason', code: 'REQUIRED' }] } });
    expect(history.items.map((v) => [v.version, v.recordedBy, v.reason])).toEqual([
      [2, 'auditor-wang', '复评'],
      [1, 'auditor-wang', '参保登记'],
    ]);
    expect(history.items[0]?.changes.map((c) => c.path)).toEqual(['assessments[1]']);
    const at = Date.parse(String(history.items[0]?.recordedAt));
    expect(history.items[0]?.recordedAt).toMatch(/\+08:00$/);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
    expect(hidden.status).toBe(403);
  });
});
