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
/** @example CARE_SETTINGS.includes('home-visit') // true */
export const CARE_SETTINGS = ['institutional', 'home-visit', 'medical-care'] as const;
/** @example INSURED_TYPES // ['employee', 'resident'] */
export const INSURED_TYPES = ['employee', 'resident'] as const;

const InstitutionType = z.enum(INSTITUTION_TYPES);
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
export type InsuredType = (typeof INSURED_TYPES)[number];
export type HospitalLevel = 1 | 2 | 3;

/**
 * Ratio lookups never exceed 1, whatever bonuses are added (DOMAIN.md §4).
 * @example capAtOne(new Dec('1.05')).toString() // '1'
 */
export function capAtOne(value: InstanceType<typeof Dec>): InstanceType<typeof Dec> {
  return value.greaterThan(1) ? new Dec(1) : value;
}
