/**
 * The home-care rules (DOMAIN.md §11) in a clerk's words, from what each rule saw (the explanation's
 * `saw`): why a visit was not verified, why a service is outside the care plan, how the plan's
 * counts stood, how much of the month's package was left. Shown beside a day on a claim's page.
 */

type Json = Record<string, unknown>;
type T = (zh: string, en: string) => string;
export interface RuleSeen {
  readonly rule: string;
  readonly held: boolean;
  readonly saw: Json;
}

const n = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

/**
 * Why a unit failed a §11 rule, or undefined for a unit that failed none.
 * @example unitNote([{ rule: 'VISIT_NOT_VERIFIED', held: false, saw: { hasVisit: true, visitMinutes: '40', requiredMinutes: 45, … } }], t) // '服务 40 分钟，少于要求的 45 分钟'
 */
export function unitNote(rules: readonly RuleSeen[], t: T): string | undefined {
  const failed = rules.find((r) => !r.held);
  if (!failed) return undefined;
  const s = failed.saw;
  switch (failed.rule) {
    case 'VISIT_NOT_VERIFIED':
      if (s.hasVisit === false) return t('无签到签退记录', 'no check-in and check-out');
      if (s.checkInDate !== s.serviceDate || s.checkOutDate !== s.serviceDate)
        return t(
          `签到（${n(s.checkInDate)}）或签退（${n(s.checkOutDate)}）不在服务当日 ${n(s.serviceDate)}`,
          `check-in (${n(s.checkInDate)}) or check-out (${n(s.checkOutDate)}) is not on ${n(s.serviceDate)}`,
        );
      return t(
        `服务 ${n(s.visitMinutes)} 分钟，少于要求的 ${n(s.requiredMinutes)} 分钟`,
        `${n(s.visitMinutes)} minutes, shorter than the ${n(s.requiredMinutes)} required`,
      );
    case 'NOT_IN_CARE_PLAN':
      if (!s.planId) return t(`当日无与 ${n(s.institutionId)} 签订的护理计划`, `no care plan with ${n(s.institutionId)} covers the day`);
      return t(`护理计划 ${n(s.planId)} 未列服务项目 ${n(s.serviceCode)}`, `care plan ${n(s.planId)} does not list ${n(s.serviceCode)}`);
    case 'PLAN_FREQUENCY_EXCEEDED':
      return frequencyNote(s, t);
    default:
      return undefined;
  }
}

/** How a plan's counts stood when a unit came to them (rule 7a). */
export function frequencyNote(s: Json, t: T): string {
  const limits = [
    s.maxPerMonth !== null && s.maxPerMonth !== undefined
      ? t(
          `每月≤${n(s.maxPerMonth)}次，本月此前已 ${n(s.allowedInMonthBefore)} 次`,
          `≤${n(s.maxPerMonth)} a month, ${n(s.allowedInMonthBefore)} before`,
        )
      : undefined,
    s.maxPerWeek !== null && s.maxPerWeek !== undefined
      ? t(
          `每周≤${n(s.maxPerWeek)}次，${n(s.weekStarting)} 起当周此前已 ${n(s.allowedInWeekBefore)} 次`,
          `≤${n(s.maxPerWeek)} a week, ${n(s.allowedInWeekBefore)} before in the week of ${n(s.weekStarting)}`,
        )
      : undefined,
  ].filter((x): x is string => x !== undefined);
  return t(
    `护理计划 ${n(s.planId)}：${limits.join('；')}；核准 ${n(s.allowedQuantity)}/${n(s.quantity)} 次`,
    `care plan ${n(s.planId)}: ${limits.join('; ')}; ${n(s.allowedQuantity)} of ${n(s.quantity)} allowed`,
  );
}

/**
 * The month's package on a day with a monthly cap (§11.6), or undefined without one.
 * @example monthNote({ monthlyCap: '1050.00', monthUsedBefore: '1050.00', afterMonthlyCap: '0.00', monthlyCapReached: true }, t)
 */
export function monthNote(day: Json, t: T): string | undefined {
  if (day.monthlyCap === undefined || day.monthlyCap === null) return undefined;
  const base = t(
    `本月限额 ${n(day.monthlyCap)}，此前已用 ${n(day.monthUsedBefore)}`,
    `monthly cap ${n(day.monthlyCap)}, ${n(day.monthUsedBefore)} used before`,
  );
  return day.monthlyCapReached === true
    ? t(
        `${base}；已达限额，本日支付 ${n(day.afterMonthlyCap)}（结余不予转存）`,
        `${base}; reached: ${n(day.afterMonthlyCap)} paid (unused amounts are not carried over)`,
      )
    : base;
}
