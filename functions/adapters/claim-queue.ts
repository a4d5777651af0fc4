/**
 * Sends validated claims to the SQS FIFO queues: care-service and medical claims to the claims queue,
 * subsidies to the subsidy queue; the message group is the claim's partition group and the
 * deduplication id is keyed by claim id and content (keys.ts). Entries SQS reports as Failed, or whole
 * batches that throw, are retried a bounded number of times; what still fails is returned.
 */
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import type { Claim } from '../../domain/claims.ts';
import { type Backoff, backoffMs, sleep } from './backoff.ts';
import { deduplicationId, partitionOf } from './keys.ts';
import type { Provenance } from './partition-store.ts';

export const MAX_BATCH_ENTRIES = 10;
/** SQS's historic per-message and per-batch limit (256 KiB); kept as the ceiling for portability. */
export const MAX_BATCH_BYTES = 256 * 1024;

export interface QueueUrls {
  readonly claims: string;
  readonly subsidy: string;
}

export interface ClaimMessage {
  readonly claimId: string;
  readonly queueUrl: string;
  readonly groupId: string;
  readonly deduplicationId: string;
  readonly body: string;
}

export interface QueueFailure {
  readonly claimId: string;
  readonly code: string;
  readonly senderFault: boolean;
}

/** Entries SQS failed to take (throttled, internal errors): sent again, the whole batch waiting. */
const SEND_RETRY: Backoff = { baseMs: 50, capMs: 1000 };

/**
 * Builds and sends claim messages.
 * @example const failed = await queue.send(claims.map((c) => queue.messageFor(c.claim, c.contentKey, c.content)));
 */
export class ClaimQueue {
  private readonly sqs: SQSClient;
  private readonly urls: QueueUrls;
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(sqs: SQSClient, urls: QueueUrls, options: { maxAttempts?: number; sleep?: (ms: number) => Promise<void> } = {}) {
    this.sqs = sqs;
    this.urls = urls;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.sleep = options.sleep ?? sleep;
  }

  /** The message for one validated claim; its body carries the claim's content (known keys only) and who sent it. */
  messageFor(claim: Claim, contentKey: string, content: unknown, provenance?: Provenance): ClaimMessage {
    const subsidy = claim.kind === 'construction-subsidy' || claim.kind === 'operating-subsidy';
    return {
      claimId: claim.claimId,
      queueUrl: subsidy ? this.urls.subsidy : this.urls.claims,
      groupId: partitionOf(claim as Claim & { personId?: string; month?: string }).group,
      deduplicationId: deduplicationId(claim.claimId, contentKey),
      body: JSON.stringify({ type: 'claim', claim: content, ...(provenance ? { provenance } : {}) }),
    };
  }

  /** Sends every message (batches of at most 10 per queue); returns the ones that could not be sent. */
  async send(messages: readonly ClaimMessage[]): Promise<QueueFailure[]> {
    const failures: QueueFailure[] = [];
    for (const url of [...new Set(messages.map((m) => m.queueUrl))]) {
      for (const batch of batches(messages.filter((m) => m.queueUrl === url))) failures.push(...(await this.sendBatch(url, batch)));
    }
    return failures;
  }

  private async sendBatch(queueUrl: string, batch: readonly ClaimMessage[]): Promise<QueueFailure[]> {
    let pending = batch.map((m, i) => ({ id: `m${i}`, message: m }));
    let failures: QueueFailure[] = [];
    for (let attempt = 1; attempt <= this.maxAttempts && pending.length > 0; attempt++) {
      if (attempt > 1) await this.sleep(backoffMs(attempt, SEND_RETRY));
      const entries: SendMessageBatchRequestEntry[] = pending.map(({ id, message }) => ({
        Id: id,
        MessageBody: message.body,
        MessageGroupId: message.groupId,
        MessageDeduplicationId: message.deduplicationId,
      }));
      try {
        const r = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
        const failed = new Map((r.Failed ?? []).map((f) => [f.Id, f]));
        failures = pending.flatMap(({ id, message }) => {
          const f = failed.get(id);
          return f ? [{ claimId: message.claimId, code: f.Code ?? 'UNKNOWN', senderFault: f.SenderFault === true }] : [];
        });
        pending = pending.filter(({ id }) => failed.has(id));
      } catch (e) {
        const code = (e as { name?: string }).name ?? 'UNKNOWN';
        failures = pending.map(({ message }) => ({ claimId: message.claimId, code, senderFault: false }));
      }
    }
    return failures;
  }
}

/** Groups of at most 10 messages and 256 KiB of bodies. */
function batches(messages: readonly ClaimMessage[]): ClaimMessage[][] {
  const out: ClaimMessage[][] = [];
  let current: ClaimMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = Buffer.byteLength(m.body, 'utf8');
    if (current.length > 0 && (current.length === MAX_BATCH_ENTRIES || bytes + size > MAX_BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
