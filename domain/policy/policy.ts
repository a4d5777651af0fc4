/**
 * Loading policies: deep-merging a partial override onto a base, validating the result, and picking
 * the version in force on a date. Numbers are parsed to Decimals once, here.
 */
import { type Day, day } from '../dates.ts';
import { InvariantError, PolicyError } from '../errors.ts';
import { Dec } from '../money.ts';
import { toFieldErrors } from '../validation.ts';
import { DEMO_2026 } from './demo-2026.ts';
import { type PolicyDocument, PolicySchema } from './schema.ts';

/** Thrown for a policy that fails its schema (defined in `errors.ts`, re-exported for its importers). */
export { PolicyError };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Objects merge key by key; arrays and scalars replace (DOMAIN.md §2.1).
 * @example deepMerge({ a: { b: 1, c: 2 } }, { a: { c: 3 } }) // { a: { b: 1, c: 3 } }
 */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    // defineProperty: a "__proto__" key from JSON is data (then an unknown key), never a prototype.
    Object.defineProperty(out, key, {
      value: Object.hasOwn(base, key) ? deepMerge(base[key], value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * Validates a full policy document, or a partial override merged onto `base`.
 * @example parsePolicy({ ltc: { annualCap: '15000.00' } }).ltc.annualCap // '15000.00'
 */
export function parsePolicy(override: unknown = {}, base: PolicyDocument = DEMO_2026): PolicyDocument {
  const merged = deepMerge(structuredClone(base), override);
  const result = PolicySchema.safeParse(merged);
  if (!result.success) throw new PolicyError(toFieldErrors(result.error.issues));
  return result.data;
}

/** A policy version with its effective date; the version in force on a date decides (§2). */
export interface PolicyVersion {
  readonly effectiveFrom: Day;
  readonly document: PolicyDocument;
  /** Decimals parsed once: `dec('0.70')` returns the same instance every time. */
  readonly dec: (value: string) => InstanceType<typeof Dec>;
}

function versionOf(effectiveFrom: Day, document: PolicyDocument): PolicyVersion {
  const cache = new Map<string, InstanceType<typeof Dec>>();
  return {
    effectiveFrom,
    document,
    dec: (value) => {
      let d = cache.get(value);
      if (!d) {
        d = new Dec(value);
        cache.set(value, d);
      }
      return d;
    },
  };
}

/**
 * The policy versions a bureau has published, ordered by effective date. A date before the first
 * version uses the first one (demo-2026 applies to every date).
 * @example PolicyBook.single(parsePolicy()).at(day('2026-03-01')).document.policyId // 'demo-2026'
 */
export class PolicyBook {
  readonly versions: readonly PolicyVersion[];

  constructor(versions: readonly { effectiveFrom: string; document: PolicyDocument }[]) {
    if (versions.length === 0) throw new InvariantError('a policy book needs at least one version');
    this.versions = [...versions].map((v) => versionOf(day(v.effectiveFrom), v.document)).sort((a, b) => a.effectiveFrom - b.effectiveFrom);
  }

  /** A book holding one version that applies to every date. */
  static single(document: PolicyDocument): PolicyBook {
    return new PolicyBook([{ effectiveFrom: '1970-01-01', document }]);
  }

  /** The version in force on `d`. */
  at(d: Day): PolicyVersion {
    const vs = this.versions;
    let chosen = vs[0] as PolicyVersion;
    // Indexed: every unit-day of every care claim asks, and an iterator per call is garbage.
    for (let i = 1; i < vs.length; i++) {
      const v = vs[i] as PolicyVersion;
      if (v.effectiveFrom <= d) chosen = v;
      else break;
    }
    return chosen;
  }
}
