/**
 * A local stack of its own for reference-change tests (its own fauxqs, queues, handlers and a table
 * of its own on the shared DynamoDB Local: a backdated policy version must not move other files'
 * claims), and the checks every such test ends with: the stored state against `ltc replay`.
 */
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect, inject } from 'vitest';
import { ApiClient } from '../../cli/api-client.ts';
import * as fen from '../../domain/fen.ts';
import { replay } from '../../domain/replay.ts';
import { ReferenceStore } from '../../functions/adapters/reference-store.ts';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.ts';
import { issueToken } from '../../infra/local/tokens.ts';

export interface ChangeStack {
  readonly stack: LocalStack;
  readonly bureau: ApiClient;
  stop(): Promise<void>;
}

export async function startChangeStack(): Promise<ChangeStack> {
  const stack = await startLocalStack({
    root: process.cwd(),
    visibilityTimeoutSeconds: 1,
    dynamodb: { endpoint: inject('ddbEndpoint'), tableName: `rc-${process.pid}-${randomUUID().slice(0, 8)}` },
  });
  const bureau = new ApiClient(stack.apiUrl, await issueToken(process.cwd(), { role: 'bureau', user: 'clerk-li' }));
  return { stack, bureau, stop: () => stack.stop() };
}

interface Item {
  readonly [key: string]: unknown;
}

async function scan(s: ChangeStack): Promise<Item[]> {
  const out: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await s.stack.clients.doc.send(
      new ScanCommand({ TableName: s.stack.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

export interface StoredClaim {
  readonly claimId: string;
  readonly content: unknown;
  readonly outcome: { fundAmount: string; [k: string]: unknown };
  readonly payable: string;
  readonly adjustments: readonly { amount: string; triggeredBy: string; triggerType?: string }[];
}

/** Every stored claim, partition by partition in arrival order; the ledger entries; the registry. */
export async function storedState(s: ChangeStack) {
  const items = await scan(s);
  const members = items
    .filter((i) => String(i.pk).startsWith('P#') && String(i.sk).startsWith('C#'))
    .sort((a, b) => (String(a.pk) === String(b.pk) ? Number(a.seq) - Number(b.seq) : String(a.pk) < String(b.pk) ? -1 : 1))
    .map(
      (i): StoredClaim => ({
        claimId: String(i.claimId),
        content: JSON.parse(String(i.content)),
        outcome: i.outcome as StoredClaim['outcome'],
        payable: String(i.payable),
        adjustments: (i.adjustments as StoredClaim['adjustments']) ?? [],
      }),
    );
  const ledger = items
    .filter((i) => String(i.pk).startsWith('L#') && String(i.sk).startsWith('E#'))
    .map((i) => ({ claimId: String(i.claimId), amount: String(i.amount), triggeredBy: String(i.triggeredBy), triggerType: i.triggerType }));
  const registry = {
    persons: items.filter((i) => i.pk === 'REG#PERSON').map((i) => JSON.parse(String(i.doc))),
    institutions: items.filter((i) => i.pk === 'REG#INST').map((i) => JSON.parse(String(i.doc))),
  };
  return { members, ledger, registry };
}

const sumFen = (amounts: readonly string[]) => fen.format(fen.sum(amounts.map((a) => fen.parse(a))));

/**
 * The invariant of DOMAIN.md §7 extended to reference data: the stored final outcomes equal
 * `ltc replay` of the stored claims with the final registry and policy, and Σ first decisions +
 * Σ adjustments = Σ final amounts (first decisions are the ledger entries a claim's own arrival
 * posted; the ledger as a whole adds up to the payables). Amounts compared in whole fen.
 */
export async function expectSettledAsReplay(s: ChangeStack): Promise<Awaited<ReturnType<typeof storedState>>> {
  const state = await storedState(s);
  const policy = await new ReferenceStore(s.stack.clients.doc, s.stack.tableName).policyBook();
  const expected = replay({ registry: state.registry, claims: state.members.map((m) => m.content) }, { policy }).output;
  const stored = new Map(state.members.map((m) => [m.claimId, m.outcome]));
  for (const entry of expected.claims) expect(stored.get(String(entry.claimId)), String(entry.claimId)).toEqual(entry);
  const finals = sumFen(state.members.map((m) => m.outcome.fundAmount));
  const first = sumFen(state.ledger.filter((l) => l.triggeredBy === l.claimId).map((l) => l.amount));
  const adjustments = sumFen(state.members.flatMap((m) => m.adjustments.map((a) => a.amount)));
  expect(fen.format(fen.add(fen.parse(first), fen.parse(adjustments)))).toBe(finals);
  expect(sumFen(state.ledger.map((l) => l.amount))).toBe(sumFen(state.members.map((m) => m.payable)));
  return state;
}

export interface ChangeStatusBody {
  readonly changeId: string;
  readonly total: number;
  readonly done: number;
  readonly state: string;
}

/** Polls a change until it is done. */
export async function settle(s: ChangeStack, changeId: string, timeoutMs = 60_000): Promise<ChangeStatusBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await s.bureau.call<ChangeStatusBody>('GET', `/reference-changes/${encodeURIComponent(changeId)}`);
    if (status.state === 'done') return status;
    if (Date.now() > deadline) throw new Error(`change ${changeId} not done: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
