/**
 * The policy document of DOMAIN.md §2.1 as a strict zod schema: an unknown key (a typo such as
 * `anualCap`) is an error, every number is a string, ratios lie in [0, 1].
 */
import { z } from 'zod';
import { Dec } from '../money.ts';
import { addIssue, DateString, DecimalString, MoneyString, RatioString } from '../validation.ts';

const GradeKey = z.enum(['0', '1', '2', '3', '4', '5']);
const LevelKey = z.enum(['1', '2', '3']);
const Grade = z.number().int().min(0).max(5);

/** @example INSTITUTION_TYPES.includes('hospital') // true */
export const INSTITUTION_TYPES = ['elderly-care', 'special-hardship', 'hospital'] as const;
/** @example PROJECT_TYPES // ['new-construction', 'renovation'] */
export const PROJECT_TYPES = ['new-construction', 'renovation'] as const;
/** @example MEDICAL_FACILITIES.includes('contracted') // true */
export const MEDICAL_FACILITIES = ['internal', 'contracted', 'none'] as const;
/**
 * The care settings (DOMAIN.md §4, §11.1): the three priced ones, and family care (居家自主护理), which
 * lists days instead of priced lines.
 * @example CARE_SETTINGS.includes('family-care') // true
 */
export const CARE_SETTINGS = ['institutional', 'home-visit', 'medical-care', 'family-care'] as const;
/**
 * The settings billed by priced lines: each keeps its `dailyCap`, `fundRatio` and `catalog` (§2.1).
 * @example PRICED_SETTINGS.includes('family-care') // false
 */
export const PRICED_SETTINGS = ['institutional', 'home-visit', 'medical-care'] as const;
/** @example INSURED_TYPES // ['employee', 'resident'] */
export const INSURED_TYPES = ['employee', 'resident'] as const;

const InstitutionType = z.enum(INSTITUTION_TYPES);
const Minutes = z.number().int().min(0);

/** §11.1 `visitVerification`: the minimum minutes of a visit, per service code or by default (rule 6b). */
const VisitVerificationSchema = z.strictObject({
  defaultMinMinutes: Minutes,
  minMinutes: z.record(z.string(), Minutes).optional(),
});

/** §11.1 `familyCare`: the daily allowance by grade and the ratio paid of it (no daily cap, no fundRatio). */
const FamilyCarePolicySchema = z.strictObject({
  dailyAllowance: z.partialRecord(GradeKey, MoneyString),
  ratio: RatioString,
});
const byLevel = <T extends z.ZodType>(value: T) => z.record(LevelKey, value);

/** @example LtcPolicySchema.safeParse({ ...DEMO_2026.ltc, anualCap: '1' }).success // false */
export const LtcPolicySchema = z
  .strictObject({
    eligibleGrades: z.array(Grade),
    waitingPeriodMonths: z.number().int().min(0),
    validityMonths: z.number().int().min(1),
    dailyCap: z.strictObject({
      institutional: z.partialRecord(GradeKey, MoneyString),
      'home-visit': z.partialRecord(GradeKey, MoneyString),
      'medical-care': byLevel(MoneyString),
    }),
    fundRatio: z.strictObject({ employee: RatioString, resident: RatioString }),
    homeVisitRatioBonus: RatioString,
    annualCap: MoneyString,
    reviewThreshold: MoneyString,
    catalog: z.strictObject({
      institutional: z.array(z.string()),
      'home-visit': z.array(z.string()),
      'medical-care': z.array(z.string()),
    }),
    // §11.1: optional, and with none of them set claims are decided as §4 says. `null` is not absent here.
    benefitStart: z.enum(['assessment-day', 'next-month']).optional(),
    carePlanRequired: z.array(z.enum(CARE_SETTINGS)).optional(),
    visitVerification: VisitVerificationSchema.optional(),
    monthlyCap: z.partialRecord(z.enum(CARE_SETTINGS), z.partialRecord(GradeKey, MoneyString)).optional(),
    familyCare: FamilyCarePolicySchema.optional(),
  })
  .superRefine((ltc, ctx) => {
    for (const grade of ltc.eligibleGrades) {
      for (const setting of ['institutional', 'home-visit'] as const) {
        if (ltc.dailyCap[setting][String(grade) as z.infer<typeof GradeKey>] === undefined) {
          addIssue(
            ctx,
            ['dailyCap', setting, String(grade)],
            'MISSING_DAILY_CAP',
            `eligible grade ${grade} needs a ${setting} daily cap`,
            `可享受待遇的等级 ${grade} 须设定${setting === 'institutional' ? '机构护理' : '居家上门'}日限额`,
          );
        }
      }
      if (ltc.familyCare && ltc.familyCare.dailyAllowance[String(grade) as z.infer<typeof GradeKey>] === undefined) {
        addIssue(
          ctx,
          ['familyCare', 'dailyAllowance', String(grade)],
          'MISSING_DAILY_ALLOWANCE',
          `eligible grade ${grade} needs a family-care daily allowance`,
          `可享受待遇的等级 ${grade} 须设定居家自主护理日补助标准`,
        );
      }
    }
  });

/** @example MedicalPolicySchema.safeParse(DEMO_2026.medical).success // true */
export const MedicalPolicySchema = z.strictObject({
  deductible: byLevel(MoneyString),
  admissionFactors: z.array(DecimalString).min(1),
  referralWindowDays: z.number().int().min(0),
  ratio: z.strictObject({ employee: byLevel(RatioString), resident: byLevel(RatioString) }),
  annualCap: z.strictObject({ employee: MoneyString, resident: MoneyString }),
  perBedDayRate: byLevel(MoneyString),
});

/** @example SubsidyPolicySchema.safeParse(DEMO_2026.subsidy).success // true */
export const SubsidyPolicySchema = z.strictObject({
  effectiveFrom: DateString,
  constructionRates: z.partialRecord(InstitutionType, z.partialRecord(z.enum(PROJECT_TYPES), MoneyString)),
  medicalFacilityRequirements: z
    .array(z.strictObject({ minTotalBeds: z.number().int().min(0), accepted: z.array(z.enum(MEDICAL_FACILITIES)) }))
    .refine((reqs) => reqs.some((r) => r.minTotalBeds === 0), {
      message: 'must contain an entry with minTotalBeds 0',
      params: { code: 'MISSING_BASE_REQUIREMENT', zh: '须包含 minTotalBeds 为 0 的条目' },
    }),
  publicNursingBedRatio: RatioString,
  annualBudget: MoneyString,
  operating: z.strictObject({
    basePerBedMonth: MoneyString,
    gradeUplift: z.partialRecord(GradeKey, DecimalString),
    minOperatingMonths: z.number().int().min(0),
    excludedInstitutionTypes: z.array(InstitutionType),
  }),
});

/** @example PolicySchema.safeParse(DEMO_2026).success // true */
export const PolicySchema = z.strictObject({
  policyId: z.string().min(1),
  ltc: LtcPolicySchema,
  medical: MedicalPolicySchema,
  subsidy: SubsidyPolicySchema,
});

export type PolicyDocument = z.infer<typeof PolicySchema>;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export type ProjectType = (typeof PROJECT_TYPES)[number];
export type CareSetting = (typeof CARE_SETTINGS)[number];
export type PricedSetting = (typeof PRICED_SETTINGS)[number];
export type BenefitStart = NonNullable<PolicyDocument['ltc']['benefitStart']>;
export type InsuredType = (typeof INSURED_TYPES)[number];
export type HospitalLevel = 1 | 2 | 3;

/**
 * Ratio lookups never exceed 1, whatever bonuses are added (DOMAIN.md §4).
 * @example capAtOne(new Dec('1.05')).toString() // '1'
 */
export function capAtOne(value: InstanceType<typeof Dec>): InstanceType<typeof Dec> {
  return value.greaterThan(1) ? new Dec(1) : value;
}
