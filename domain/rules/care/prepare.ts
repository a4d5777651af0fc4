/**
 * Accepting a care-service claim (DOMAIN.md §4, §11.5): the claim-level rules, then rules 1–5, 6a and
 * 6b for every unit, kept as runs of days with the same result. Nothing here depends on another
 * claim, so it runs once.
 */
import type { CareLine, CareServiceClaim } from '../../claims.ts';
import type { Micro } from '../../fen.ts';
import * as fen from '../../fen.ts';
import type { Dec } from '../../money.ts';
import type { ReasonCode } from '../../reasons.ts';
import { assessmentInForce, type Institution, type Person } from '../../registry.ts';
import type { RuleContext } from '../context.ts';
import { firstFailingOf } from '../rule.ts';
import { unknownInstitution } from '../shared/unknown-institution.ts';
import { unknownPerson } from '../shared/unknown-person.ts';
import type { CareUnit } from './care-unit.ts';
import { ClaimDayFacts } from './day-facts.ts';
import { planServiceOf } from './not-in-care-plan.ts';
import { RULES_AFTER_INPATIENT, RULES_ON_ACCEPTANCE } from './pipeline.ts';
import type { DayFacts, PreparedCareClaim, UnitRun } from './prepared.ts';

const failedOnAcceptance = firstFailingOf(RULES_ON_ACCEPTANCE);
const failedAfterInpatient = firstFailingOf(RULES_AFTER_INPATIENT);

type Run = { -readonly [K in keyof UnitRun]: UnitRun[K] };

/** A unit price's amount per quantity (quantity × unitPrice), as a Decimal and in micros. */
interface PriceAmounts {
  readonly micro: Micro;
  readonly byQuantity: { dec: Dec; micro: Micro }[];
}
/** By the (shared) Decimal of each unit price text: a scenario repeats a few dozen prices on every line. */
const priceAmounts = new WeakMap<Dec, PriceAmounts>();

/** quantity × unitPrice, exactly: the amount of a line's unit on one day. */
function lineAmount(line: CareLine): { dec: Dec; micro: Micro } {
  let amounts = priceAmounts.get(line.unitPrice);
  if (amounts === undefined) {
    amounts = { micro: fen.micro(line.unitPrice), byQuantity: [] };
    priceAmounts.set(line.unitPrice, amounts);
  }
  let amount = amounts.byQuantity[line.quantity];
  if (amount === undefined) {
    amount = { dec: line.unitPrice.times(line.quantity), micro: (amounts.micro * BigInt(line.quantity)) as Micro };
    // Quantities are small integers (at most 100 through the API); a larger one is not kept.
    if (line.quantity <= 1000) amounts.byQuantity[line.quantity] = amount;
  }
  return amount;
}

/** A unit whose fields move day by day: one object per claim, not one per unit. */
type MovingUnit = { -readonly [K in keyof CareUnit]: CareUnit[K] };

/**
 * Claim-level rules (UNKNOWN_PERSON, UNKNOWN_INSTITUTION: both reported), then rules 1–5 per unit.
 * @example prepareCareClaim(ctx, claim).runs[0]?.failed // 'WAITING_PERIOD' for days in the waiting period
 */
export function prepareCareClaim(ctx: RuleContext, claim: CareServiceClaim): PreparedCareClaim {
  const claimLevel: ReasonCode[] = [];
  if (!unknownPerson.held({ registry: ctx.registry, personId: claim.personId })) claimLevel.push(unknownPerson.code);
  if (!unknownInstitution.held({ registry: ctx.registry, institutionId: claim.institutionId })) claimLevel.push(unknownInstitution.code);
  // A family-care claim has no bill (its lines have no price): its charged amount is its fund amount (§11.5).
  let billed = 0n;
  for (const l of claim.lines) billed += lineAmount(l).micro * BigInt(l.to - l.from + 1);
  const charged = fen.toDec(fen.microHalfUp(billed as Micro));
  const version = ctx.policy.at(claim.period.from);
  const reviewThreshold = version.dec(version.document.ltc.reviewThreshold);
  const person = ctx.registry.persons.get(claim.personId);
  const inst = ctx.registry.institutions.get(claim.institutionId);
  if (!person || !inst || claim.lines.length === 0) {
    return {
      claim,
      claimLevel,
      runs: [],
      firstDay: Number.POSITIVE_INFINITY,
      lastDay: Number.NEGATIVE_INFINITY,
      facts: [],
      charged,
      reviewThreshold,
    };
  }
  const { runs, firstDay, lastDay, facts } = unitRuns(ctx, claim, person, inst);
  return { claim, claimLevel, runs, firstDay, lastDay, facts, charged, reviewThreshold };
}

function unitRuns(ctx: RuleContext, claim: CareServiceClaim, person: Person, institution: Institution) {
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const line of claim.lines) {
    firstDay = Math.min(firstDay, line.from);
    lastDay = Math.max(lastDay, line.to);
  }
  const facts: (DayFacts | undefined)[] = new Array(lastDay - firstDay + 1).fill(undefined);
  const factsOf = new ClaimDayFacts(claim.setting, person, institution);
  const runs: UnitRun[] = [];
  const unit: MovingUnit = {
    claim,
    line: claim.lines[0] as CareLine,
    day: firstDay,
    person,
    institution,
    ltc: ctx.policy.at(firstDay).document.ltc,
    assessment: undefined,
  };
  for (const line of claim.lines) {
    const { dec: amount, micro } = lineAmount(line);
    unit.line = line;
    let run: Run | undefined;
    for (let d = line.from; d <= line.to; d++) {
      const version = ctx.policy.at(d);
      unit.day = d;
      const ltc = version.document.ltc;
      unit.ltc = ltc;
      unit.assessment = assessmentInForce(person, d, ltc.validityMonths, ltc.benefitStart);
      if (facts[d - firstDay] === undefined) facts[d - firstDay] = factsOf.on(version, unit.assessment?.grade);
      const failed = failedOnAcceptance(unit);
      // 6a and 6b only where their policy keys are set: without them a unit is decided as §4 says.
      let after: ReasonCode | undefined;
      let limit: UnitRun['limit'];
      if (failed === undefined && (ltc.carePlanRequired !== undefined || ltc.visitVerification !== undefined)) {
        after = failedAfterInpatient(unit);
        const service = after === undefined ? planServiceOf(unit)?.service : undefined;
        if (service && (service.maxPerMonth !== undefined || service.maxPerWeek !== undefined)) limit = service;
      }
      if (run && run.failed === failed && run.failedAfterInpatient === after && run.limit === limit) run.to = d;
      else {
        if (run) runs.push(run);
        run = { line: line.index, from: d, to: d, amount, micro, failed, failedAfterInpatient: after, limit };
      }
    }
    if (run) runs.push(run);
  }
  return { runs, firstDay, lastDay, facts };
}
