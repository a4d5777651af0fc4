/**
 * An institution submits claims only for persons it serves, by the bureau's record (agreements.ts):
 * - a care-service claim needs a `care` agreement (服务协议备案) of its institution and person covering
 *   every service date of its lines (and family-care days);
 * - a medical settlement needs an `admission` filing (住院登记备案) of its hospital and person covering
 *   the whole stay, admittedOn..dischargedOn;
 * - an operating subsidy needs a `care` agreement covering each resident's from..to;
 * - a construction subsidy names no person.
 * The refusal says only that no record covers the dates: not whether the person exists, is insured,
 * or is served by anyone else.
 */
import { type Day, parseDate } from '../../domain/dates.ts';
import type { FieldError } from '../../domain/validation.ts';
import { type AgreementKind, type AgreementPeriod, type AgreementStore, servesKey } from '../adapters/agreements.ts';
import { ForbiddenError } from '../http/errors.ts';
import type { AcceptedClaim } from './submission.ts';

/** One person a claim names, the dates it needs covered, and where in the claim it is named. */
interface Need {
  readonly personId: string;
  readonly kind: AgreementKind;
  readonly ranges: readonly [Day, Day][];
  readonly path: string;
}

type Json = Record<string, unknown>;
const day = (v: unknown): Day | undefined => (typeof v === 'string' ? parseDate(v) : undefined);

/** The date ranges of `date` or `from`/`to` entries (lines, family-care days, residents). */
function rangesOf(entries: unknown): [Day, Day][] {
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((e: Json) => {
    const [f, t] = e.date !== undefined ? [day(e.date), day(e.date)] : [day(e.from), day(e.to)];
    return f !== undefined && t !== undefined ? [[f, t] as [Day, Day]] : [];
  });
}

function needsOf(c: AcceptedClaim): Need[] {
  const content = c.content as Json;
  switch (c.claim.kind) {
    case 'care-service':
      return [
        { personId: c.claim.personId, kind: 'care', ranges: [...rangesOf(content.lines), ...rangesOf(content.days)], path: 'personId' },
      ];
    case 'medical-settlement':
      return [{ personId: c.claim.personId, kind: 'admission', ranges: [[c.claim.admittedOn, c.claim.dischargedOn]], path: 'personId' }];
    case 'operating-subsidy':
      return c.claim.residents.map((r, i) => ({
        personId: r.personId,
        kind: 'care',
        ranges: [[r.from, r.to]],
        path: `residents[${i}].personId`,
      }));
    case 'construction-subsidy':
      return [];
  }
}

/** Whether the periods of `kind` together cover every day of every range (inclusive; open-ended `to`). */
export function covers(periods: readonly AgreementPeriod[], kind: AgreementKind, ranges: readonly [Day, Day][]): boolean {
  const spans = periods
    .filter((p) => p.kind === kind)
    .flatMap((p) => {
      const f = day(p.from);
      const t = p.to === undefined ? Number.POSITIVE_INFINITY : day(p.to);
      return f !== undefined && t !== undefined && t >= f ? [[f, t] as [number, number]] : [];
    })
    .sort((a, b) => a[0] - b[0]);
  return ranges.every(([from, to]) => {
    let reached = from - 1;
    for (const [f, t] of spans) {
      if (f > reached + 1) break;
      reached = Math.max(reached, t);
      if (reached >= to) return true;
    }
    return reached >= to;
  });
}

const MESSAGES: Record<AgreementKind, { message: string; messageZh: string }> = {
  care: {
    message: 'no service agreement of your institution on record with the bureau covers this person on the service dates',
    messageZh: '医保局备案中没有本机构与该人员覆盖服务日期的服务协议',
  },
  admission: {
    message: 'no admission filing of your hospital on record with the bureau covers this person for the whole stay',
    messageZh: '医保局备案中没有本院该人员覆盖整个住院期间的住院登记',
  },
};

/**
 * Refuses, with 403 PERSON_NOT_SERVED, a submission naming anyone its institution does not serve.
 * @example await refuseUnserved(store, claims);
 */
export async function refuseUnserved(store: Pick<AgreementStore, 'periods'>, claims: readonly AcceptedClaim[]): Promise<void> {
  const needs = claims.map((c) => ({ c, needs: needsOf(c) }));
  const pairs = needs.flatMap(({ c, needs }) => needs.map((n) => ({ institutionId: c.claim.institutionId, personId: n.personId })));
  if (pairs.length === 0) return;
  const periods = await store.periods(pairs);
  const refused = needs.flatMap(({ c, needs }) => {
    const errors: FieldError[] = needs
      .filter((n) => !covers(periods.get(servesKey(c.claim.institutionId, n.personId).pk) ?? [], n.kind, n.ranges))
      .map((n) => ({ path: n.path, code: 'PERSON_NOT_SERVED', ...MESSAGES[n.kind] }));
    return errors.length > 0 ? [{ index: c.index, claimId: c.claim.claimId, errors }] : [];
  });
  if (refused.length === 0) return;
  throw new ForbiddenError(
    'PERSON_NOT_SERVED',
    `${refused.length} claim(s) name a person your institution has no agreement on record for; nothing was submitted`,
    `${refused.length} 条申报涉及本机构无备案服务关系的人员，全部未提交`,
    refused,
  );
}
