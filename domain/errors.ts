/**
 * The domain's errors. A business "no" is never one of these: it is an outcome with reason codes.
 * These are for input that cannot be processed at all (a bad policy, registry or scenario) and for
 * broken invariants (a stored history that should never exist, a value a schema should have
 * rejected). Each sets `name`, takes `{ cause }` and carries what a caller needs to report it;
 * callers branch on `instanceof`, never on `name`.
 */

/** One field error, as the API and `ltc replay` report it: a path, a stable code, English and Chinese. */
export interface FieldError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  readonly messageZh: string;
}

/**
 * The base of every error the domain throws.
 * @example
 * try { Registry.parse(doc) } catch (e) { if (e instanceof DomainError) return exit2(e.message); throw e; }
 */
export class DomainError extends Error {
  override name = 'DomainError';
}

/**
 * A document that fails its schema, with every field error; the message names the first one.
 * @example e instanceof InvalidDocumentError && e.errors.map((f) => f.path) // ['ltc.anualCap']
 */
export class InvalidDocumentError extends DomainError {
  override name = 'InvalidDocumentError';
  readonly errors: readonly FieldError[];
  constructor(document: string, errors: readonly FieldError[], options?: { cause?: unknown }) {
    super(`${document}.${errors[0]?.path ?? ''}: ${errors[0]?.message ?? 'invalid'}`, options);
    this.errors = errors;
  }
}

/**
 * A policy that fails its schema (DOMAIN.md §2.1): bad configuration, named field by field.
 * @example new PolicyError([{ path: 'ltc.anualCap', code: 'UNKNOWN_KEY', message: 'unknown key anualCap', messageZh: '未知字段' }]).message // 'policy.ltc.anualCap: unknown key anualCap'
 */
export class PolicyError extends InvalidDocumentError {
  override name = 'PolicyError';
  constructor(errors: readonly FieldError[], options?: { cause?: unknown }) {
    super('policy', errors, options);
  }
}

/**
 * A registry that fails validation (DOMAIN.md §3).
 * @example new RegistryError([{ path: 'persons.0.enrolledOn', code: 'INVALID_DATE', message: 'must be a calendar date YYYY-MM-DD', messageZh: '' }]).message // 'registry.persons.0.enrolledOn: must be a calendar date YYYY-MM-DD'
 */
export class RegistryError extends InvalidDocumentError {
  override name = 'RegistryError';
  constructor(errors: readonly FieldError[], options?: { cause?: unknown }) {
    super('registry', errors, options);
  }
}

/**
 * A scenario that cannot be replayed at all (`ltc replay` exits 2); the message is one line naming
 * the problem.
 * @example new ScenarioError('claims: must be an array').message // 'claims: must be an array'
 */
export class ScenarioError extends DomainError {
  override name = 'ScenarioError';
}

/**
 * A stored history the engine was asked to restore holds a claim that is not valid, or one id twice:
 * the pipeline never stores either, so this is a broken invariant, not bad input.
 * @example new StoredClaimError('CS-1', 'appears twice').claimId // 'CS-1'
 */
export class StoredClaimError extends DomainError {
  override name = 'StoredClaimError';
  readonly claimId: string | null;
  constructor(claimId: string | null, problem: string, options?: { cause?: unknown }) {
    super(`stored claim ${String(claimId)} ${problem}`, options);
    this.claimId = claimId;
  }
}

/**
 * An amount that is not a whole number of fen where one is required, or a fen value outside the
 * arithmetic's range.
 * @example new MoneyError('12.345', 'has more than 2 decimals').value // '12.345'
 */
export class MoneyError extends DomainError {
  override name = 'MoneyError';
  readonly value: string;
  constructor(value: string, problem: string, options?: { cause?: unknown }) {
    super(`amount ${JSON.stringify(value)} ${problem}`, options);
    this.value = value;
  }
}

/**
 * A value that a schema should already have rejected reached code that trusts it (a date, a month, an
 * empty policy book): a programming error, reported with the value.
 * @example new InvariantError('invalid date 2026-02-30').message // 'invalid date 2026-02-30'
 */
export class InvariantError extends DomainError {
  override name = 'InvariantError';
}
