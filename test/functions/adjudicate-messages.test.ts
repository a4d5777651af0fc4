import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { makeHandler } from '../../functions/adjudicate-claims/handler.ts';

const batch = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'events', 'sqs-claims-batch.json'), 'utf8')) as SQSEvent;
const template = batch.Records[0] as SQSRecord;
const quietLogger = { info: () => {}, warn: () => {}, error: () => {} };

function run(bodies: string[]) {
  const adjudicate = vi.fn(async (claim: unknown) => ({
    type: 'redelivery' as const,
    claimId: String((claim as { claimId: string }).claimId),
  }));
  const reasons: string[] = [];
  const handler = makeHandler({
    adjudicate,
    failures: { record: async (f) => void reasons.push(f.reason) },
    logger: quietLogger,
    now: () => new Date('2026-04-10T02:00:00Z'),
  });
  const event: SQSEvent = {
    Records: bodies.map((body, i) => ({
      ...template,
      messageId: `m-${i}`,
      body,
      attributes: { ...template.attributes, MessageGroupId: `g-${i}` },
    })),
  };
  return { adjudicate, reasons, result: handler(event) };
}

describe('the adjudicator reads a queue message', () => {
  it('passes the claim and a provenance of the submit function’s shape, dropping any other provenance', async () => {
    const provenance = { source: 'migration', by: 'bureau-1', receivedAt: '2026-04-02T09:00:00.000+08:00' };
    const { adjudicate, result } = run([
      JSON.stringify({ type: 'claim', claim: { claimId: 'A-1' }, provenance: { ...provenance, extra: 1 } }),
      JSON.stringify({ type: 'claim', claim: { claimId: 'A-2' }, provenance: { source: 'someone' } }),
    ]);
    expect((await result).batchItemFailures).toEqual([]);
    expect(adjudicate.mock.calls).toEqual([
      [{ claimId: 'A-1' }, provenance],
      [{ claimId: 'A-2' }, undefined],
    ]);
  });

  it('fails a body that is not JSON, or not a claim envelope, naming why, and adjudicates nothing', async () => {
    const { adjudicate, reasons, result } = run([
      '{not json',
      JSON.stringify({ type: 'claim' }),
      JSON.stringify({ type: 'other', claim: {} }),
    ]);
    expect((await result.catch((e) => e)).name).toBe('FullBatchFailureError');
    expect(adjudicate).not.toHaveBeenCalled();
    expect(reasons).toEqual([
      'message body is not JSON',
      'message body is not a claim envelope { type: "claim", claim }',
      'message body is not a claim envelope { type: "claim", claim }',
    ]);
  });
});
