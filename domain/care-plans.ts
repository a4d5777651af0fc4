/**
 * Care plans (护理计划, DOMAIN.md §11.2): a person's agreement with one institution for one setting,
 * listing the services it allows and how often. Validated with the registry; read only for the
 * settings a policy lists in `carePlanRequired` (rules 6a and 7a).
 */
import { z } from 'zod';
import { type Day, day, parseDate } from './dates.ts';
import { CARE_SETTINGS, type CareSetting } from './policy/schema.ts';
import { addIssue, DateString, IdString, nullable } from './validation.ts';

const Limit = nullable(z.number().int().min(1));

/** @example PlanServiceSchema.safeParse({ serviceCode: 'HV-BATH', maxPerWeek: 0 }).success // false */
export const PlanServiceSchema = z.object({ serviceCode: IdString, maxPerMonth: Limit, maxPerWeek: Limit });

/** @example CarePlanSchema.safeParse({ planId: 'CP-1', institutionId: 'INST-A', setting: 'home-visit', from: '2026-01-01' }).success // false: services is required */
export const CarePlanSchema = z
  .object({
    planId: IdString,
    institutionId: IdString,
    setting: z.enum(CARE_SETTINGS),
    from: DateString,
    to: nullable(DateString),
    // Required: a plan that lists nothing is written `services: []`, and then allows nothing.
    services: z.array(PlanServiceSchema),
  })
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.services.forEach((s, i) => {
      if (seen.has(s.serviceCode))
        addIssue(
          ctx,
          ['services', i, 'serviceCode'],
          'DUPLICATE_SERVICE',
          `${s.serviceCode} is listed more than once in this plan`,
          `服务项目 ${s.serviceCode} 在本计划中重复列出`,
        );
      seen.add(s.serviceCode);
    });
  });

type PlanRecord = z.infer<typeof CarePlanSchema>;

/** The days a plan covers, [from, to] inclusive (to +∞ when open-ended; empty when to < from or a date is bad). */
const span = (p: PlanRecord): [number, number] => {
  const from = typeof p.from === 'string' ? parseDate(p.from) : undefined;
  const to = p.to === undefined ? Number.POSITIVE_INFINITY : typeof p.to === 'string' ? parseDate(p.to) : undefined;
  return from === undefined || to === undefined ? [1, 0] : [from, to];
};

/**
 * A person's care plans: planIds unique within the person, and two plans of one institution and
 * setting never covering a common day, so that at most one plan can match a claim's day.
 * @example CarePlansSchema.safeParse([cp1, { ...cp1 }]).success // false: CP-1 twice
 */
export const CarePlansSchema = z.array(CarePlanSchema).superRefine((plans, ctx) => {
  const ids = new Set<string>();
  plans.forEach((p, i) => {
    if (ids.has(p.planId)) addIssue(ctx, [i, 'planId'], 'DUPLICATE_ID', `duplicate planId ${p.planId}`, `护理计划编号重复：${p.planId}`);
    ids.add(p.planId);
  });
  const groups = new Map<string, { index: number; from: number; to: number }[]>();
  plans.forEach((p, index) => {
    const [from, to] = span(p);
    if (to < from) return;
    const key = `${p.institutionId}\u0000${p.setting}`;
    const list = groups.get(key) ?? [];
    list.push({ index, from, to });
    groups.set(key, list);
  });
  for (const list of groups.values()) {
    list.sort((a, b) => a.from - b.from || a.index - b.index);
    let reach = list[0] as { index: number; to: number };
    for (const p of list.slice(1)) {
      if (p.from <= reach.to) {
        const later = Math.max(p.index, reach.index);
        const other = Math.min(p.index, reach.index);
        addIssue(
          ctx,
          [later],
          'PLAN_OVERLAP',
          `shares a day with carePlans[${other}] of the same institutionId and setting`,
          `与同一机构、同一护理方式的 carePlans[${other}] 期间重叠`,
        );
      }
      if (p.to > reach.to) reach = p;
    }
  }
});

/** One service of a plan, as the rules read it (rule 7a counts per plan service: this object). */
export interface PlanService {
  readonly planId: string;
  readonly serviceCode: string;
  readonly maxPerMonth: number | undefined;
  readonly maxPerWeek: number | undefined;
}

export interface CarePlan {
  readonly planId: string;
  readonly institutionId: string;
  readonly setting: CareSetting;
  readonly from: Day;
  /** Inclusive; undefined: open-ended. */
  readonly to: Day | undefined;
  readonly services: readonly PlanService[];
}

/**
 * The plan record as the rules read it: dates as day numbers.
 * @example toCarePlan(CarePlanSchema.parse(json)).from // a day number
 */
export function toCarePlan(p: PlanRecord): CarePlan {
  return {
    planId: p.planId,
    institutionId: p.institutionId,
    setting: p.setting,
    from: day(p.from),
    to: p.to === undefined ? undefined : day(p.to),
    services: p.services.map((s) => ({
      planId: p.planId,
      serviceCode: s.serviceCode,
      maxPerMonth: s.maxPerMonth,
      maxPerWeek: s.maxPerWeek,
    })),
  };
}

/**
 * The plan with this institution and setting covering `d`, if any (at most one does, by validation).
 * @example carePlanOn(person.carePlans, 'INST-A', 'home-visit', day('2026-03-05'))?.planId // 'CP-1'
 */
export function carePlanOn(plans: readonly CarePlan[], institutionId: string, setting: CareSetting, d: Day): CarePlan | undefined {
  for (const p of plans) {
    if (p.institutionId === institutionId && p.setting === setting && p.from <= d && (p.to === undefined || d <= p.to)) return p;
  }
  return undefined;
}
