/**
 * Builders for the care-service and medical-settlement tests: the shared registry
 * (test/fixtures/care-medical/registry.json), claims built from a few words, and a replay that hands
 * back the §9 document with a lookup by claimId.
 */
import { readFileSync } from 'node:fs';
import { replay } from '../../domain/replay.ts';

export type Json = Record<string, unknown>;

export interface ClaimEntry {
  claimId: string;
  kind: string;
  status: string;
  fundAmount: string;
  personalAmount?: string;
  deductibleApplied?: string;
  dedc_std?: string;
  act_pay_dedc?: string;
  inscp_scp_amt?: string;
  hifp_pay?: string;
  pool_prop_selfpay?: string;
  reasonCodes: string[];
}

export interface Adjustment {
  claimId: string;
  amount: string;
  reason: string;
  triggeredBy: string;
}

export interface ReplayOutput {
  claims: ClaimEntry[];
  adjustments: Adjustment[];
  totals: { fundAmount: string; adjustments: string };
}

const FIXTURES = new URL('../fixtures/care-medical/', import.meta.url);

/** A fresh copy of a JSON fixture under test/fixtures/care-medical. */
export function fixture<T = Json>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

/** Late enough for every service date used in these tests (period.to may not be after it). */
export const LATE_SUBMISSION = '2027-06-30T09:00:00+08:00';

/** A care-service line with one unit per day from `from` to `to`. */
export function days(serviceCode: string, from: string, to: string, unitPrice: string): Json {
  return { serviceCode, from, to, unitPrice };
}

/** A care-service line on a single date, `quantity` units (omitted when 1, the default). */
export function item(serviceCode: string, date: string, unitPrice: string, quantity?: number): Json {
  return quantity === undefined ? { serviceCode, date, unitPrice } : { serviceCode, date, quantity, unitPrice };
}

export interface CareOptions {
  personId?: string;
  institutionId?: string;
  setting?: 'institutional' | 'home-visit' | 'medical-care';
  submittedAt?: string;
  lines: Json[];
}

/** A care-service claim; its period spans exactly the dates of its lines. Defaults: P-EMP, INST-A, institutional. */
export function care(claimId: string, o: CareOptions): Json {
  const dates = o.lines.flatMap((l) => [l.date, l.from, l.to]).filter((d): d is string => typeof d === 'string');
  dates.sort();
  return {
    kind: 'care-service',
    claimId,
    institutionId: o.institutionId ?? 'INST-A',
    personId: o.personId ?? 'P-EMP',
    submittedAt: o.submittedAt ?? LATE_SUBMISSION,
    setting: o.setting ?? 'institutional',
    period: { from: dates[0], to: dates[dates.length - 1] },
    lines: o.lines,
  };
}

export interface MedicalOptions {
  personId?: string;
  institutionId: string;
  admittedOn: string;
  dischargedOn: string;
  referredFrom?: string;
  settlementMode?: 'fee-for-service' | 'per-bed-day';
  total: string;
  eligible: string;
  submittedAt?: string;
}

/** A medical-settlement claim. Defaults: P-EMP, fee-for-service. */
export function medical(claimId: string, o: MedicalOptions): Json {
  const episode: Json = {
    admittedOn: o.admittedOn,
    dischargedOn: o.dischargedOn,
    settlementMode: o.settlementMode ?? 'fee-for-service',
  };
  if (o.referredFrom !== undefined) episode.referredFrom = o.referredFrom;
  return {
    kind: 'medical-settlement',
    claimId,
    institutionId: o.institutionId,
    personId: o.personId ?? 'P-EMP',
    submittedAt: o.submittedAt ?? LATE_SUBMISSION,
    episode,
    costs: { total: o.total, eligible: o.eligible },
  };
}

/** A scenario over the shared registry, claims in arrival order, with an optional policy override. */
export function scenario(claims: unknown[], policy?: Json): Json {
  const s: Json = { registry: fixture('registry.json'), claims };
  if (policy !== undefined) s.policy = policy;
  return s;
}

export interface Replayed extends ReplayOutput {
  /** The output entry of one claim; fails the test when it is missing. */
  claim(claimId: string): ClaimEntry;
}

/** Replays a scenario and returns its §9 document with a lookup by claimId. */
export function run(doc: Json): Replayed {
  const output = replay(doc).output as unknown as ReplayOutput;
  return {
    ...output,
    claim(claimId: string): ClaimEntry {
      const found = output.claims.find((c) => c.claimId === claimId);
      if (found === undefined) throw new Error(`no output entry for ${claimId}`);
      return found;
    },
  };
}

/** The amounts and codes a reader checks first. */
export function summary(c: ClaimEntry): Pick<ClaimEntry, 'status' | 'fundAmount' | 'personalAmount' | 'reasonCodes'> {
  return { status: c.status, fundAmount: c.fundAmount, personalAmount: c.personalAmount, reasonCodes: c.reasonCodes };
}
