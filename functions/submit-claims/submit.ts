/**
 * One submission, after the caller is known: stamp and validate the claims (submission.ts), check
 * that an institution serves every person they name (served.ts), reserve their ids for their
 * institution (claim-ids.ts), then enqueue them with who sent them. All or nothing: a refused id
 * releases what this request reserved, and nothing is queued.
 */
import { randomUUID } from 'node:crypto';
import { canonicalJson, validateClaim } from '../../domain/claims.ts';
import type { AgreementStore } from '../adapters/agreements.ts';
import type { ClaimIds, ReservationResult } from '../adapters/claim-ids.ts';
import type { ClaimQueue } from '../adapters/claim-queue.ts';
import { sha256 } from '../adapters/keys.ts';
import type { Provenance } from '../adapters/partition-store.ts';
import { postedAt } from '../clock.ts';
import { ConflictError, ServiceUnavailableError } from '../http/errors.ts';
import { refuseUnserved } from './served.ts';
import { type AcceptedClaim, checkSubmission, type Submitter } from './submission.ts';
import { DEFAULT_MAX_SKEW_MS, type SubmissionClock } from './submitted-at.ts';

export interface SubmitFlowDeps {
  readonly queue: Pick<ClaimQueue, 'messageFor' | 'send'>;
  readonly claimIds: Pick<ClaimIds, 'reserve' | 'release'>;
  readonly agreements: Pick<AgreementStore, 'periods'>;
  readonly now: () => Date;
  /** How far a client's submittedAt may be from the receive instant (default 5 minutes). */
  readonly maxSkewMs?: number;
}

/** What a 202 says about each claim: the submittedAt it is decided with. */
export interface AcceptedView {
  readonly claimId: string;
  readonly submittedAt: string;
  /** The same claim was accepted before: this is the submittedAt it got then. */
  readonly resent?: true;
}

/**
 * Submits a request's claims; returns the 202 body.
 * @example await submitClaims(deps, body, { mode: 'institution', institutionId: 'INST-A' }, 'clerk-1')
 */
export async function submitClaims(deps: SubmitFlowDeps, body: unknown, submitter: Submitter, user: string) {
  const receivedAt = deps.now();
  const clock: SubmissionClock = { receivedAt, stamp: postedAt(receivedAt), maxSkewMs: deps.maxSkewMs ?? DEFAULT_MAX_SKEW_MS };
  const checked = checkSubmission(body, submitter, clock);
  // The bureau migrates history it holds itself; institutions submit only for persons they serve.
  if (submitter.mode === 'institution') await refuseUnserved(deps.agreements, checked);
  const claims = await reserve(deps, checked, submitter, receivedAt);
  const provenance: Provenance = { source: submitter.mode, by: user, receivedAt: clock.stamp };
  const failures = await deps.queue.send(claims.map((c) => deps.queue.messageFor(c.claim, c.contentKey, c.content, provenance)));
  if (failures.length > 0) {
    const failed = new Set(failures.map((f) => f.claimId));
    // The ids stay reserved with this content: the same request sent again is a re-send, not a conflict.
    throw new ServiceUnavailableError(
      'QUEUE_UNAVAILABLE',
      'Some claims could not be queued; send the same request again (claims already queued are not queued twice)',
      '部分申报未能进入队列，请重新发送同一请求（已入队的申报不会重复入队）',
      { details: { notQueued: [...failed], queued: claims.map((c) => c.claim.claimId).filter((id) => !failed.has(id)) } },
    );
  }
  const views: AcceptedView[] = claims.map((c) => ({
    claimId: c.claim.claimId,
    submittedAt: c.claim.submittedAt,
    ...(c.resent ? { resent: true as const } : {}),
  }));
  return { accepted: views.map((v) => v.claimId), receivedAt: clock.stamp, provenance, claims: views };
}

/**
 * An institution's claim is the same claim whatever submittedAt the server gave it; a migrated one
 * carries its own, so it is part of what makes it the same.
 */
function contentHash(content: unknown, submitter: Submitter): string {
  if (submitter.mode === 'migration') return sha256(`migration\u0000${canonicalJson(content)}`);
  const { submittedAt: _stamped, ...rest } = content as Record<string, unknown>;
  return sha256(`institution\u0000${canonicalJson(rest)}`);
}

/** Reserves every id; a re-sent claim takes back the submittedAt it was first given. */
async function reserve(
  deps: SubmitFlowDeps,
  claims: readonly AcceptedClaim[],
  submitter: Submitter,
  now: Date,
): Promise<(AcceptedClaim & { resent: boolean })[]> {
  const token = randomUUID();
  const results = await deps.claimIds.reserve(
    claims.map((c) => ({
      claimId: c.claim.claimId,
      institutionId: c.claim.institutionId,
      contentHash: contentHash(c.content, submitter),
      submittedAt: c.claim.submittedAt,
    })),
    token,
    now,
  );
  const refused = results.flatMap((r, i) => (r.state === 'reserved' ? [] : [{ r, claim: claims[i] as AcceptedClaim }]));
  if (refused.length > 0) {
    await deps.claimIds.release(
      results.flatMap((r) => (r.state === 'reserved' && r.created ? [r.claimId] : [])),
      token,
    );
    throw refusal(refused.map(({ r, claim }) => ({ index: claim.index, claimId: claim.claim.claimId, code: codeOf(r) })));
  }
  return claims.map((c, i) => {
    const stored = (results[i] as Extract<ReservationResult, { state: 'reserved' }>).submittedAt;
    if (stored === c.claim.submittedAt) return { ...c, resent: false };
    const content = { ...(c.content as Record<string, unknown>), submittedAt: stored };
    const v = validateClaim(content);
    if (!v.ok) throw new Error(`claim ${c.claim.claimId} is not valid with its reserved submittedAt ${stored}`);
    return { index: c.index, claim: v.claim, contentKey: v.contentKey, content, resent: true };
  });
}

const codeOf = (r: ReservationResult) => (r.state === 'taken' ? 'CLAIM_ID_TAKEN' : 'CLAIM_ID_CONFLICT');

const MESSAGES = {
  CLAIM_ID_TAKEN: {
    message: 'This claim id is not available to your institution; choose another',
    messageZh: '该申报编号不可用于本机构，请另选编号',
  },
  CLAIM_ID_CONFLICT: {
    message: 'Your institution already submitted this claim id with other content',
    messageZh: '本机构已用该申报编号提交过内容不同的申报',
  },
} as const;

/**
 * 409 naming each refused claim. Another institution's id says only that it is not available: not
 * whose it is, not what it holds.
 */
function refusal(refused: { index: number; claimId: string; code: keyof typeof MESSAGES }[]): ConflictError {
  const codes = new Set(refused.map((r) => r.code));
  const code = codes.size === 1 ? (refused[0]?.code ?? 'CLAIM_ID_CONFLICT') : 'CLAIM_ID_CONFLICT';
  return new ConflictError(
    code,
    `${MESSAGES[code].message} (${refused.length} claim(s); nothing was submitted)`,
    `${MESSAGES[code].messageZh}（共 ${refused.length} 条；全部未提交）`,
    refused.map((r) => ({ index: r.index, claimId: r.claimId, code: r.code, ...MESSAGES[r.code] })),
  );
}
