import { describe, expect, it } from 'vitest';
import { day } from '../../domain/dates.ts';
import { Engine } from '../../domain/engine.ts';
import { DomainError, InvariantError, PolicyError, RegistryError, ScenarioError, StoredClaimError } from '../../domain/errors.ts';
import { PolicyBook, parsePolicy } from '../../domain/policy/policy.ts';
import { Registry } from '../../domain/registry.ts';
import { replay } from '../../domain/replay.ts';

/** What was thrown, for assertions on its class. */
function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('domain errors', () => {
  it('names each error class and keeps its cause', () => {
    const cause = new Error('underlying');
    const e = new ScenarioError('claims: must be an array', { cause });
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ScenarioError');
    expect(e.cause).toBe(cause);
    expect(new StoredClaimError('CS-1', 'appears twice').name).toBe('StoredClaimError');
  });

  it('throws a PolicyError for a misspelt policy key, naming the field', () => {
    const e = thrown(() => parsePolicy({ ltc: { anualCap: '1.00' } }));
    expect(e).toBeInstanceOf(PolicyError);
    expect((e as PolicyError).errors[0]?.path).toBe('ltc.anualCap');
    expect((e as PolicyError).message).toBe('policy.ltc.anualCap: unknown key anualCap');
    expect((e as PolicyError).name).toBe('PolicyError');
  });

  it('throws a RegistryError for a bad registry, and a replay wraps it as its cause', () => {
    const bad = { persons: [{ personId: 'P1' }], institutions: [] };
    expect(thrown(() => Registry.parse(bad))).toBeInstanceOf(RegistryError);
    const e = thrown(() => replay({ registry: bad, claims: [] }));
    expect(e).toBeInstanceOf(ScenarioError);
    expect((e as ScenarioError).cause).toBeInstanceOf(RegistryError);
  });

  it('throws a StoredClaimError when a stored history repeats a claim', () => {
    const engine = new Engine({ policy: PolicyBook.single(parsePolicy()), registry: Registry.parse({ persons: [], institutions: [] }) });
    const claim = {
      kind: 'construction-subsidy',
      claimId: 'SUB-1',
      institutionId: 'X',
      submittedAt: '2026-03-01T10:00:00+08:00',
      projectType: 'renovation',
      acceptedOn: '2026-01-01',
      beds: ['B-1'],
    };
    const e = thrown(() => engine.restore([claim, claim]));
    expect(e).toBeInstanceOf(StoredClaimError);
    expect((e as StoredClaimError).claimId).toBe('SUB-1');
    expect(thrown(() => engine.restore([{ ...claim, claimId: 'SUB-2', beds: [] }]))).toBeInstanceOf(StoredClaimError);
  });

  it('throws an InvariantError for a value a schema should have rejected', () => {
    expect(thrown(() => day('2026-02-30'))).toBeInstanceOf(InvariantError);
    expect(thrown(() => new PolicyBook([]))).toBeInstanceOf(InvariantError);
  });
});
