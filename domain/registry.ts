/**
 * The registry the bureau owns (DOMAIN.md §3): insured persons with their disability assessments,
 * institutions with their designations. Validated when loaded; unknown keys are ignored and `null`
 * for an optional field means absent.
 */
import { z } from 'zod';
import { type CarePlan, CarePlansSchema, toCarePlan } from './care-plans.ts';
import { addMonths, type Day, day, ymd } from './dates.ts';
import { RegistryError } from './errors.ts';
import {
  type BenefitStart,
  CARE_SETTINGS,
  type CareSetting,
  INSTITUTION_TYPES,
  INSURED_TYPES,
  MEDICAL_FACILITIES,
} from './policy/schema.ts';
import { addIssue, DateString, IdString, nullable, toFieldErrors } from './validation.ts';

const Count = z.number().int().min(0);

/** @example AssessmentSchema.safeParse({ grade: 6, assessedOn: '2025-06-10' }).success // false */
export const AssessmentSchema = z.object({
  grade: z.number().int().min(0).max(5),
  assessedOn: DateString,
  certificateNo: nullable(z.string()),
});

/** @example PersonSchema.parse({ personId: 'P1', insuredType: 'employee', enrolledOn: '2024-01-01' }).assessments // [] */
export const PersonSchema = z.object({
  personId: IdString,
  insuredType: z.enum(INSURED_TYPES),
  enrolledOn: DateString,
  specialHardship: nullable(z.boolean()).transform((v) => v ?? false),
  assessments: nullable(z.array(AssessmentSchema)).transform((v) => v ?? []),
  carePlans: nullable(CarePlansSchema).transform((v) => v ?? []),
});

/** @example DesignationSchema.safeParse({ scheme: 'ltc', from: '2024-01-01' }).success // false: an ltc designation names its setting */
export const DesignationSchema = z
  .object({
    scheme: z.enum(['ltc', 'medical']),
    setting: nullable(z.enum(CARE_SETTINGS)),
    from: DateString,
    to: nullable(DateString),
  })
  .superRefine((d, ctx) => {
    if (d.scheme === 'ltc' && d.setting === undefined) {
      addIssue(ctx, ['setting'], 'REQUIRED', 'is required for an ltc designation', '长期护理定点协议须注明护理方式');
    }
  });

/** @example InstitutionSchema.safeParse({ ...home, hospitalLevel: 2 }).success // false unless a hospital */
export const InstitutionSchema = z
  .object({
    institutionId: IdString,
    name: nullable(z.string()),
    institutionType: z.enum(INSTITUTION_TYPES),
    ownership: z.enum(['public', 'private']),
    hospitalLevel: nullable(z.union([z.literal(1), z.literal(2), z.literal(3)])),
    totalBeds: Count,
    nursingBeds: Count,
    medicalFacility: z.enum(MEDICAL_FACILITIES),
    registeredOn: DateString,
    designations: nullable(z.array(DesignationSchema)).transform((v) => v ?? []),
  })
  .superRefine((inst, ctx) => {
    if (inst.hospitalLevel !== undefined && inst.institutionType !== 'hospital') {
      addIssue(
        ctx,
        ['hospitalLevel'],
        'NOT_A_HOSPITAL',
        'must be null or absent unless institutionType is hospital',
        '非医疗机构不得填写医院等级',
      );
    }
  });

/** @example RegistrySchema.safeParse({ persons: [p, p], institutions: [] }).success // false: duplicate personId */
export const RegistrySchema = z
  .object({ persons: z.array(PersonSchema), institutions: z.array(InstitutionSchema) })
  .superRefine((reg, ctx) => {
    const dup = <T>(items: readonly T[], id: (t: T) => string, key: string, field: string) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(id(item)))
          addIssue(ctx, [key, i, field], 'DUPLICATE_ID', `duplicate ${field} ${id(item)}`, `${field} 重复：${id(item)}`);
        seen.add(id(item));
      });
    };
    dup(reg.persons, (p) => p.personId, 'persons', 'personId');
    dup(reg.institutions, (i) => i.institutionId, 'institutions', 'institutionId');
  });

export type PersonRecord = z.infer<typeof PersonSchema>;
export type InstitutionRecord = z.infer<typeof InstitutionSchema>;
export type RegistryDocument = z.infer<typeof RegistrySchema>;

/** An assessment with its dates as day numbers, in listing order. */
export interface Assessment {
  readonly grade: number;
  readonly assessedOn: Day;
  readonly certificateNo: string | undefined;
  readonly index: number;
}

export interface Person {
  readonly personId: string;
  readonly insuredType: 'employee' | 'resident';
  readonly enrolledOn: Day;
  readonly specialHardship: boolean;
  /** Sorted by assessedOn, ties in listing order, so the last one on or before a day wins. */
  readonly assessments: readonly Assessment[];
  /** Care plans (§11.2), in listing order. */
  readonly carePlans: readonly CarePlan[];
}

export interface Designation {
  readonly scheme: 'ltc' | 'medical';
  readonly setting: CareSetting | undefined;
  readonly from: Day;
  readonly to: Day | undefined;
}

export interface Institution extends Omit<InstitutionRecord, 'registeredOn' | 'designations'> {
  readonly registeredOn: Day;
  readonly designations: readonly Designation[];
}

/** Thrown when a registry fails validation (defined in `errors.ts`, re-exported for its importers). */
export { RegistryError };

/**
 * The registry, indexed for the rules.
 * @example Registry.parse(doc).persons.get('P001')?.insuredType // 'employee'
 */
export class Registry {
  readonly persons: ReadonlyMap<string, Person>;
  readonly institutions: ReadonlyMap<string, Institution>;

  constructor(doc: RegistryDocument) {
    this.persons = new Map(
      doc.persons.map((p) => [
        p.personId,
        {
          personId: p.personId,
          insuredType: p.insuredType,
          enrolledOn: day(p.enrolledOn),
          specialHardship: p.specialHardship,
          assessments: p.assessments
            .map((a, index) => ({ grade: a.grade, assessedOn: day(a.assessedOn), certificateNo: a.certificateNo, index }))
            .sort((a, b) => a.assessedOn - b.assessedOn || a.index - b.index),
          carePlans: p.carePlans.map(toCarePlan),
        },
      ]),
    );
    this.institutions = new Map(
      doc.institutions.map((i) => [
        i.institutionId,
        {
          ...i,
          registeredOn: day(i.registeredOn),
          designations: i.designations.map((d) => ({
            scheme: d.scheme,
            setting: d.setting,
            from: day(d.from),
            to: d.to === undefined ? undefined : day(d.to),
          })),
        },
      ]),
    );
  }

  /**
   * Validates and indexes a registry document; throws a RegistryError naming the bad field.
   * @example Registry.parse({ persons: [], institutions: [] }).persons.size // 0
   */
  static parse(input: unknown): Registry {
    const result = RegistrySchema.safeParse(input);
    if (!result.success) throw new RegistryError(toFieldErrors(result.error.issues));
    return new Registry(result.data);
  }
}

/**
 * The assessment in force on `d`: among the assessments that have started counting by `d`, the one
 * with the latest assessedOn (ties: listed later), provided d < addMonths(assessedOn, validityMonths).
 * An older assessment is never revived. An assessment starts counting on assessedOn (§3), or with
 * `benefitStart: "next-month"` on the 1st of the month after it (§11.4); its validity still runs from
 * assessedOn.
 * @example assessmentInForce(person, day('2026-03-05'), 24)?.grade // 4
 * @example assessmentInForce(person, day('2026-03-15'), 24, 'next-month') // the one before a 2026-03-10 re-assessment
 */
export function assessmentInForce(
  person: Person,
  d: Day,
  validityMonths: number,
  benefitStart: BenefitStart = 'assessment-day',
): Assessment | undefined {
  const expiries = expiriesOf(person, validityMonths);
  // Starts are in assessedOn order too (the 1st of the next month never decreases), so the ones that
  // have started by d are a prefix of the sorted list either way.
  const starts = benefitStart === 'next-month' ? nextMonthStartsOf(person) : undefined;
  let latest = -1;
  const list = person.assessments;
  for (let i = 0; i < list.length; i++) {
    const start = starts ? (starts[i] as Day) : (list[i] as Assessment).assessedOn;
    if (start <= d) latest = i;
    else break;
  }
  if (latest < 0) return undefined;
  return d < (expiries[latest] as Day) ? list[latest] : undefined;
}

/** addMonths(assessedOn, validityMonths) of each assessment, computed once per person and validity. */
const expiryCache = new WeakMap<Person, Map<number, Day[]>>();
function expiriesOf(person: Person, validityMonths: number): Day[] {
  let byValidity = expiryCache.get(person);
  if (!byValidity) {
    byValidity = new Map();
    expiryCache.set(person, byValidity);
  }
  let expiries = byValidity.get(validityMonths);
  if (!expiries) {
    expiries = person.assessments.map((a) => addMonths(a.assessedOn, validityMonths));
    byValidity.set(validityMonths, expiries);
  }
  return expiries;
}

/** The 1st of the month after each assessedOn (§11.4), computed once per person. */
const startCache = new WeakMap<Person, Day[]>();
function nextMonthStartsOf(person: Person): Day[] {
  let starts = startCache.get(person);
  if (!starts) {
    starts = person.assessments.map((a) => {
      const { dayOfMonth } = ymd(a.assessedOn);
      return addMonths(a.assessedOn - dayOfMonth + 1, 1);
    });
    startCache.set(person, starts);
  }
  return starts;
}

/**
 * Whether the institution holds a designation of `scheme` (and `setting`, for ltc) covering `d`.
 * @example isDesignated(inst, 'ltc', day('2026-03-05'), 'institutional') // true
 */
export function isDesignated(inst: Institution, scheme: 'ltc' | 'medical', d: Day, setting?: CareSetting): boolean {
  // A loop, not some(): rule 5 asks on every service day, and a closure per call is garbage.
  const list = inst.designations;
  for (let i = 0; i < list.length; i++) {
    const des = list[i] as Designation;
    if (des.scheme === scheme && (scheme !== 'ltc' || des.setting === setting) && des.from <= d && (des.to === undefined || d <= des.to))
      return true;
  }
  return false;
}
