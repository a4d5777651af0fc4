/**
 * What a submission body holds: one claim, or `{ "claims": [...] }` with at most 500. Every claim gets
 * its `submittedAt` from the server's clock (submitted-at.ts, ../clock.ts), is checked against the submission limits
 * (limits.ts), then validated by the domain (field errors in both languages, per claim index); the
 * batch is accepted only as a whole. What is enqueued is the claim as the domain's schema reads it:
 * unknown keys are dropped before anything is stored.
 */
import { CLAIM_SCHEMAS, type Claim, validateClaim } from '../../domain/claims.ts';
import { shanghaiDay } from '../../domain/dates.ts';
import type { FieldError } from '../../domain/validation.ts';
import { MAX_BATCH_BYTES } from '../adapters/claim-queue.ts';
import { ForbiddenError, PayloadTooLargeError, ValidationError } from '../http/errors.ts';
import { limitErrors } from './limits.ts';
import { type SubmissionClock, type SubmissionMode, stampClaim } from './submitted-at.ts';

export const MAX_CLAIMS_PER_REQUEST = 500;

export interface AcceptedClaim {
  /** Its index in the request. */
  readonly index: number;
  readonly claim: Claim;
  readonly contentKey: string;
  /** The claim as the domain's schema reads it (unknown keys dropped): what is enqueued and stored. */
  readonly content: unknown;
}

export interface ClaimErrors {
  readonly index: number;
  readonly claimId: string | null;
  readonly errors: readonly FieldError[];
}

/** Who submits: an institution its own claims, or the bureau a migration of anyone's. */
export type Submitter = { readonly mode: 'institution'; readonly institutionId: string } | { readonly mode: 'migration' };

/**
 * The claims of a submission, stamped and validated, without repeats of the same claim; throws 400,
 * 403 or 413. No service date may lie after the Asia/Shanghai date of the receive instant.
 * @example checkSubmission({ claims: [claim] }, { mode: 'institution', institutionId: 'INST-A' }, clock).map((c) => c.claim.claimId)
 */
export function checkSubmission(body: unknown, submitter: Submitter, clock: SubmissionClock): AcceptedClaim[] {
  const items = claimsOf(body);
  if (submitter.mode === 'institution') refuseForeign(items, submitter.institutionId);
  const mode: SubmissionMode = submitter.mode;
  const today = shanghaiDay({ ms: clock.receivedAt.getTime(), subMs: '' });
  const invalid: ClaimErrors[] = [];
  const accepted = new Map<string, AcceptedClaim>();
  for (const [index, given] of items.entries()) {
    const stamped = stampClaim(given, clock, mode);
    const beyond = stamped.error ? [stamped.error] : limitErrors(stamped.claim, today);
    if (beyond.length > 0) {
      invalid.push({ index, claimId: idOf(given), errors: beyond });
      continue;
    }
    const raw = stamped.claim;
    const v = validateClaim(raw);
    if (!v.ok) {
      invalid.push({ index, claimId: v.claimId, errors: v.errors });
      continue;
    }
    const content = knownKeys(v.claim.kind, raw);
    const errors: FieldError[] = [];
    if (Buffer.byteLength(JSON.stringify({ type: 'claim', claim: content }), 'utf8') > MAX_BATCH_BYTES) {
      errors.push({
        path: '',
        code: 'CLAIM_TOO_LARGE',
        message: `a claim may be at most ${MAX_BATCH_BYTES} bytes`,
        messageZh: `单条申报不能超过 ${MAX_BATCH_BYTES} 字节`,
      });
    }
    const earlier = accepted.get(v.claim.claimId);
    if (earlier && earlier.contentKey !== v.contentKey) {
      errors.push({
        path: 'claimId',
        code: 'DUPLICATE_CLAIM_ID',
        message: 'appears earlier in this request with different content',
        messageZh: '同一请求中已有内容不同的相同申报编号',
      });
    }
    if (errors.length > 0) {
      invalid.push({ index, claimId: v.claim.claimId, errors });
      continue;
    }
    if (!earlier) accepted.set(v.claim.claimId, { index, claim: v.claim, contentKey: v.contentKey, content });
  }
  if (invalid.length > 0) {
    throw new ValidationError(invalid, {
      code: 'INVALID_CLAIMS',
      message: `${invalid.length} of ${items.length} claim(s) failed validation; nothing was submitted`,
      messageZh: `${items.length} 条申报中有 ${invalid.length} 条校验未通过，全部未提交`,
    });
  }
  return [...accepted.values()];
}

function refuseForeign(items: readonly unknown[], institutionId: string): void {
  const foreign = items.flatMap((raw, index) => {
    const inst = (raw as { institutionId?: unknown } | null)?.institutionId;
    return typeof inst === 'string' && inst !== institutionId ? [{ index, claimId: idOf(raw), institutionId: inst }] : [];
  });
  if (foreign.length > 0) {
    throw new ForbiddenError(
      'FORBIDDEN_INSTITUTION',
      `An institution may submit only its own claims (institutionId ${institutionId})`,
      `机构只能提交本机构（${institutionId}）的申报`,
      foreign,
    );
  }
}

function claimsOf(body: unknown): unknown[] {
  if (body === undefined) {
    throw new ValidationError([
      {
        path: '',
        code: 'REQUIRED',
        message: 'a claim or { "claims": [...] } is required',
        messageZh: '请求体须为申报或 { "claims": [...] }',
      },
    ]);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !Object.hasOwn(body, 'claims')) return [body];
  const claims = (body as { claims: unknown }).claims;
  if (!Array.isArray(claims)) {
    throw new ValidationError([{ path: 'claims', code: 'INVALID_TYPE', message: 'must be an array', messageZh: '须为数组' }]);
  }
  if (claims.length === 0) {
    throw new ValidationError([{ path: 'claims', code: 'TOO_SMALL', message: 'must have at least 1 item(s)', messageZh: '至少需要 1 项' }]);
  }
  if (claims.length > MAX_CLAIMS_PER_REQUEST) {
    throw new PayloadTooLargeError(
      'TOO_MANY_CLAIMS',
      `At most ${MAX_CLAIMS_PER_REQUEST} claims per request (got ${claims.length})`,
      `每次最多提交 ${MAX_CLAIMS_PER_REQUEST} 条申报（本次 ${claims.length} 条）`,
      { max: MAX_CLAIMS_PER_REQUEST, received: claims.length },
    );
  }
  return claims;
}

const idOf = (raw: unknown) => {
  const id = (raw as { claimId?: unknown } | null)?.claimId;
  return typeof id === 'string' ? id : null;
};

/** A valid claim as its kind's schema outputs it: the keys the domain knows, nothing else. */
function knownKeys(kind: Claim['kind'], raw: unknown): unknown {
  return CLAIM_SCHEMAS[kind].parse(raw);
}
