/**
 * Reason codes (DOMAIN.md): stable UPPER_SNAKE strings, each with a Chinese and an English message.
 * Rule functions are named after the code they produce, so a bureau analyst can find one from the other.
 * @example REASONS.WAITING_PERIOD.en // 'The service day falls within the waiting period after enrolment'
 */

export const REASONS = {
  VALIDATION_FAILED: { zh: '申报数据校验未通过', en: 'The claim failed validation' },
  CLAIM_ID_CONFLICT: {
    zh: '该申报编号已被内容不同的申报使用，以首次受理的为准',
    en: 'This claimId was already accepted with different content; the first one stands',
  },
  UNKNOWN_PERSON: { zh: '参保人不在登记库中', en: 'The insured person is not in the registry' },
  UNKNOWN_INSTITUTION: { zh: '机构不在登记库中', en: 'The institution is not in the registry' },
  SERVICE_NOT_COVERED: {
    zh: '服务项目不在该护理方式的支付目录内',
    // §11.7: also a family-care day under a policy without familyCare.
    en: 'The service code is not in the catalog for this care setting',
  },
  WAITING_PERIOD: { zh: '服务日期处于参保等待期内', en: 'The service day falls within the waiting period after enrolment' },
  NO_VALID_ASSESSMENT: {
    zh: '服务日期无有效的失能等级评估',
    en: 'No disability assessment is in force on the service day',
  },
  GRADE_NOT_ELIGIBLE: {
    zh: '服务日期的失能等级不在待遇享受范围内',
    en: 'The disability grade in force on the service day is not eligible',
  },
  INSTITUTION_NOT_DESIGNATED: {
    zh: '机构在该日期无相应的定点协议',
    en: 'The institution has no designation for this scheme and setting on that date',
  },
  INPATIENT_OVERLAP: {
    zh: '服务日期参保人正在住院',
    en: 'The person was an inpatient on the service day',
  },
  DUPLICATE_SERVICE_DAY: {
    zh: '同一日期已由更早提交的申报结算',
    en: 'The same day is already claimed by an earlier-submitted claim',
  },
  NOT_IN_CARE_PLAN: {
    zh: '该服务不在参保人与本机构签订的护理计划内',
    en: "The service is not in the person's care plan with this institution on that day",
  },
  VISIT_NOT_VERIFIED: {
    zh: '上门服务无当日有效签到签退记录或服务时长不足',
    en: 'The home visit has no check-in and check-out on the service day, or was shorter than required',
  },
  PLAN_FREQUENCY_EXCEEDED: {
    zh: '超出护理计划规定的服务频次',
    en: "The quantity exceeds the care plan's frequency for the week or the month",
  },
  MONTHLY_CAP_REACHED: {
    zh: '已达到该护理方式的月度支付限额，结余不予转存',
    en: 'The monthly cap of this care setting has been reached; unused amounts are not carried over',
  },
  ANNUAL_CAP_REACHED: { zh: '已达到年度支付限额', en: 'The annual fund cap has been reached' },
  OVERLAPPING_EPISODE: {
    zh: '住院期间与更早提交的另一住院结算重叠',
    en: 'The stay overlaps another, earlier-submitted hospital stay of the same person',
  },
  REFERRAL_NOT_CONTINUOUS: {
    zh: '转诊不符合连续计算起付线的条件，按新一次住院计算',
    en: 'The referral does not qualify for a continuous deductible; counted as a new admission',
  },
  PROJECT_TYPE_NOT_COVERED: {
    zh: '该机构类型的此类项目不在补贴范围内',
    en: 'This project type is not covered for this institution type',
  },
  BEFORE_POLICY_EFFECTIVE: {
    zh: '竣工验收日期早于补贴政策生效日期',
    en: 'The project was accepted before the subsidy policy took effect',
  },
  MEDICAL_FACILITY_REQUIRED: {
    zh: '机构未按床位规模内设或签约医疗机构',
    en: 'The institution lacks the medical facility its bed count requires',
  },
  NURSING_BED_RATIO: {
    zh: '公办机构护理型床位占比未达到要求',
    en: 'A public institution needs a minimum share of nursing-type beds',
  },
  DUPLICATE_BED_IN_CLAIM: { zh: '同一床位在本申报中重复列出', en: 'The bed is listed more than once in this claim' },
  BED_ALREADY_SUBSIDIZED: {
    zh: '该床位已享受过同类建设补贴',
    en: 'The bed has already received this kind of construction subsidy',
  },
  EXCEEDS_NURSING_BEDS: {
    zh: '补贴床位数超过机构登记的护理型床位数',
    en: "The subsidized beds would exceed the institution's nursing-type beds",
  },
  CAPPED_BY_REQUEST: { zh: '按申请金额核定', en: 'The amount is capped by the requested amount' },
  BUDGET_EXHAUSTED: {
    zh: '年度补贴预算不足，差额暂缓拨付',
    en: 'The annual budget is exhausted; the remainder is deferred',
  },
  INSTITUTION_TYPE_NOT_COVERED: {
    zh: '该类型机构不享受运营补贴',
    en: 'This institution type receives no operating subsidy',
  },
  OPERATING_TOO_SHORT: {
    zh: '机构运营时间未满规定月数',
    en: 'The institution has not operated for the required number of months',
  },
  SPECIAL_HARDSHIP_EXCLUDED: {
    zh: '特困供养对象由其他资金保障，不计运营补贴',
    en: 'Special-hardship residents are funded elsewhere, not by the operating subsidy',
  },
  REPROCESSED: {
    zh: '因相关申报到达重新审核，补付或追回差额',
    en: 'Re-adjudicated after a related claim arrived; the difference is paid or recouped',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ReasonCode = keyof typeof REASONS;

/** Every code, as a list (for schemas). @example REASON_CODES.includes('WAITING_PERIOD') // true */
export const REASON_CODES = Object.keys(REASONS) as [ReasonCode, ...ReasonCode[]];

/**
 * Codes that explain a decision but never lower a status (DOMAIN.md §7).
 * @example INFORMATIONAL.has('REFERRAL_NOT_CONTINUOUS') // true
 */
export const INFORMATIONAL: ReadonlySet<ReasonCode> = new Set(['REFERRAL_NOT_CONTINUOUS', 'CAPPED_BY_REQUEST']);

/**
 * Sorted, unique codes, as the replay prints them.
 * @example sortedCodes(['WAITING_PERIOD', 'INPATIENT_OVERLAP', 'WAITING_PERIOD']) // ['INPATIENT_OVERLAP', 'WAITING_PERIOD']
 */
export function sortedCodes(codes: Iterable<ReasonCode>): ReasonCode[] {
  return [...new Set(codes)].sort();
}
