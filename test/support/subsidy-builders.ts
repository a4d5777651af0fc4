/**
 * Builders for the subsidy and validation tests: fixtures read from test/fixtures, claims built from
 * a valid baseline with per-test overrides, and a replay that hands back the §9 document.
 */
import { readFileSync } from 'node:fs';
import { replay } from '../../domain/replay.ts';

export type Json = Record<string, unknown>;

/** A fixture a test reshapes freely, including into shapes the schemas must refuse. */
// biome-ignore lint/suspicious/noExplicitAny: tests mutate fixtures into deliberately invalid shapes
export type Loose = Record<string, any>;

export interface ClaimEntry {
  claimId: string | null;
  kind: string | null;
  status: string;
  fundAmount: string;
  deferredAmount?: string;
  personalAmount?: string;
  reasonCodes: string[];
  errors?: { path: string; message: string }[];
}

export interface ReplayOutput {
  claims: ClaimEntry[];
  adjustments: { claimId: string; amount: string; reason: string; triggeredBy: string }[];
  totals: { fundAmount: string; adjustments: string };
}

const FIXTURES = new URL('../fixtures/', import.meta.url);

/** A fresh copy of a JSON fixture under test/fixtures (tests may mutate it). */
export function fixture<T = Json>(relativePath: string): T {
  return JSON.parse(readFileSync(new URL(relativePath, FIXTURES), 'utf8')) as T;
}

/** The absolute path of a fixture file, for the CLI tests. */
export function fixturePath(relativePath: string): string {
  return new URL(relativePath, FIXTURES).pathname;
}

/** The subsidy registry (test/fixtures/subsidy/registry.json). */
export const subsidyRegistry = (): Json => fixture('subsidy/registry.json');

/** A construction-subsidy claim: two beds at INST-EC-120-INT, accepted 2025-12-20, submitted 2026-03-01. */
export function construction(overrides: Json = {}): Json {
  return {
    kind: 'construction-subsidy',
    claimId: 'SUB-1',
    institutionId: 'INST-EC-120-INT',
    submittedAt: '2026-03-01T10:00:00+08:00',
    projectType: 'new-construction',
    acceptedOn: '2025-12-20',
    beds: ['B-001', 'B-002'],
    ...overrides,
  };
}

/** An operating-subsidy claim for March 2026 at INST-EC-120-INT, submitted 2026-04-03. */
export function operating(overrides: Json = {}): Json {
  return {
    kind: 'operating-subsidy',
    claimId: 'OP-1',
    institutionId: 'INST-EC-120-INT',
    submittedAt: '2026-04-03T10:00:00+08:00',
    month: '2026-03',
    residents: [{ personId: 'P-NONE', from: '2026-03-01', to: '2026-03-31' }],
    ...overrides,
  };
}

/** A resident line of an operating claim. */
export const resident = (personId: string, from: string, to: string): Json => ({ personId, from, to });

/** Runs a scenario through the replay and returns the §9 document. */
export function runReplay(scenario: Json): ReplayOutput {
  return replay(scenario).output as unknown as ReplayOutput;
}

/** Replays the claims against the subsidy registry (and an optional policy override). */
export function replaySubsidies(claims: unknown[], policy?: Json): ReplayOutput {
  return runReplay({ ...(policy ? { policy } : {}), registry: subsidyRegistry(), claims });
}

/** The single output entry of a claim; fails the test when there is not exactly one. */
export function entryOf(output: ReplayOutput, claimId: string): ClaimEntry {
  const found = output.claims.filter((c) => c.claimId === claimId);
  if (found.length !== 1) throw new Error(`expected one entry for ${claimId}, found ${found.length}`);
  return found[0] as ClaimEntry;
}
