/**
 * The facts of a service day that no other claim changes (DOMAIN.md §4, §11.5–§11.6): the grade in
 * force, the daily cap of the setting (by grade, or by hospital level for medical-care), the fund
 * ratio (home visits get the bonus, never above 1; family care its own ratio), family care's daily
 * allowance, the month's package and the annual cap. Interned per policy version, so equal days share
 * one object and amounts can be memoised by identity.
 */
import * as fen from '../../fen.ts';
import type { PolicyVersion } from '../../policy/policy.ts';
import { type CareSetting, capAtOne } from '../../policy/schema.ts';
import type { Institution, Person } from '../../registry.ts';
import type { DayFacts } from './prepared.ts';

const interned = new WeakMap<PolicyVersion, Map<string, DayFacts>>();
type GradeKey = '0' | '1' | '2' | '3' | '4' | '5';

function dayFacts(
  version: PolicyVersion,
  setting: CareSetting,
  insuredType: Person['insuredType'],
  grade: number | undefined,
  capText: string | undefined,
): DayFacts {
  let cache = interned.get(version);
  if (!cache) {
    cache = new Map();
    interned.set(version, cache);
  }
  const key = `${setting}|${insuredType}|${grade ?? ''}|${capText ?? ''}`;
  let facts = cache.get(key);
  if (!facts) {
    const ltc = version.document.ltc;
    const dec = (text: string | undefined) => (text === undefined ? undefined : version.dec(text));
    const gradeKey = grade === undefined ? undefined : (String(grade) as GradeKey);
    const base = version.dec(ltc.fundRatio[insuredType]);
    const family = setting === 'family-care' ? ltc.familyCare : undefined;
    let ratio = base;
    if (setting === 'home-visit') ratio = capAtOne(base.plus(version.dec(ltc.homeVisitRatioBonus)));
    else if (family) ratio = version.dec(family.ratio);
    const allowanceText = family && gradeKey !== undefined ? family.dailyAllowance[gradeKey] : undefined;
    const monthlyCapText = gradeKey === undefined ? undefined : ltc.monthlyCap?.[setting]?.[gradeKey];
    facts = {
      grade,
      dailyCap: dec(capText),
      allowance: dec(allowanceText),
      ratio,
      monthlyCap: dec(monthlyCapText),
      annualCap: version.dec(ltc.annualCap),
      exact: {
        dailyCap: capText === undefined ? undefined : fen.micro(capText),
        allowance: allowanceText === undefined ? undefined : fen.micro(allowanceText),
        ratio: fen.ratio(ratio),
        monthlyCap: monthlyCapText === undefined ? undefined : fen.parse(monthlyCapText),
        annualCap: fen.parse(ltc.annualCap),
      },
    };
    cache.set(key, facts);
  }
  return facts;
}

/** The daily cap of a priced setting as the policy writes it: by the grade, or by hospital level for medical-care. */
function dailyCapText(version: PolicyVersion, setting: CareSetting, inst: Institution, grade: number | undefined): string | undefined {
  const caps = version.document.ltc.dailyCap;
  if (setting === 'family-care') return undefined;
  if (setting === 'medical-care') {
    return inst.hospitalLevel === undefined ? undefined : caps['medical-care'][String(inst.hospitalLevel) as '1' | '2' | '3'];
  }
  return grade === undefined ? undefined : caps[setting][String(grade) as GradeKey];
}

/**
 * The day facts of one claim: a claim's days differ only by policy version and grade, so each pair is
 * looked up once.
 * @example const facts = new ClaimDayFacts(claim.setting, person, inst); facts.on(version, 4).dailyCap
 */
export class ClaimDayFacts {
  private readonly memo = new Map<PolicyVersion, Map<number | undefined, DayFacts>>();
  private readonly setting: CareSetting;
  private readonly person: Person;
  private readonly inst: Institution;

  constructor(setting: CareSetting, person: Person, inst: Institution) {
    this.setting = setting;
    this.person = person;
    this.inst = inst;
  }

  on(version: PolicyVersion, grade: number | undefined): DayFacts {
    let byGrade = this.memo.get(version);
    if (!byGrade) {
      byGrade = new Map();
      this.memo.set(version, byGrade);
    }
    let f = byGrade.get(grade);
    if (!f) {
      f = dayFacts(version, this.setting, this.person.insuredType, grade, dailyCapText(version, this.setting, this.inst, grade));
      byGrade.set(grade, f);
    }
    return f;
  }
}
