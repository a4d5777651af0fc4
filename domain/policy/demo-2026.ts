/**
 * The default policy `demo-2026`, every number from DOMAIN.md §2.1. Where a number comes from one of
 * the policy texts in shared/seeds it says which.
 */
import type { PolicyDocument } from './schema.ts';

/** @example DEMO_2026.ltc.annualCap // '20000.00' */
export const DEMO_2026: PolicyDocument = {
  policyId: 'demo-2026',
  ltc: {
    // Severe disability only (grades 3–5 of 医保办发〔2021〕37号), as the national pilot starts.
    eligibleGrades: [3, 4, 5],
    // Days before addMonths(enrolledOn, 6) pay nothing.
    waitingPeriodMonths: 6,
    // An assessment is in force for 24 months from assessedOn.
    validityMonths: 24,
    dailyCap: {
      institutional: { '3': '50.00', '4': '60.00', '5': '70.00' },
      'home-visit': { '3': '40.00', '4': '45.00', '5': '50.00' },
      // By the hospital level of the institution, not by grade.
      'medical-care': { '1': '80.00', '2': '100.00', '3': '120.00' },
    },
    fundRatio: { employee: '0.70', resident: '0.50' },
    // Home care is favoured: +0.10 on the fund ratio, never above 1.
    homeVisitRatioBonus: '0.10',
    annualCap: '20000.00',
    reviewThreshold: '10000.00',
    catalog: {
      institutional: ['LTC-INST-DAY'],
      'medical-care': ['LTC-MED-DAY'],
      // 助浴, 助餐喂食, 清洁照料, 翻身拍背, 导尿护理, 压疮伤口护理, 康复训练, 用药指导. Bed fees and meals are never covered.
      'home-visit': ['HV-BATH', 'HV-FEED', 'HV-CLEAN', 'HV-TURN', 'HV-CATH', 'HV-WOUND', 'HV-REHAB', 'HV-MED'],
    },
  },
  medical: {
    // 起付线 by hospital level. Referred inpatients count it continuously (seed 000: 符合规定的转诊住院患者可以连续计算医保起付线).
    deductible: { '1': '300.00', '2': '600.00', '3': '1000.00' },
    // 1st admission of the benefit year pays the full deductible, the 2nd and later half.
    admissionFactors: ['1.0', '0.5'],
    referralWindowDays: 15,
    ratio: {
      employee: { '1': '0.90', '2': '0.85', '3': '0.80' },
      resident: { '1': '0.80', '2': '0.70', '3': '0.60' },
    },
    annualCap: { employee: '300000.00', resident: '150000.00' },
    perBedDayRate: { '1': '150.00', '2': '200.00', '3': '250.00' },
  },
  subsidy: {
    // Construction-subsidy rules apply to projects accepted from 2021-01-01 (seed 001).
    effectiveFrom: '2021-01-01',
    constructionRates: {
      // seed 001: 新建护理型床位每张补助1.3万元
      'elderly-care': { 'new-construction': '13000.00' },
      // seed 001: 特困人员供养服务设施（敬老院）新建每张1.3万元，改造提升每张0.4万元
      'special-hardship': { 'new-construction': '13000.00', renovation: '4000.00' },
    },
    medicalFacilityRequirements: [
      // seed 004: 100张以上床位的养老机构均内设医疗机构
      { minTotalBeds: 100, accepted: ['internal'] },
      // seed 000: smaller homes set up a medical facility or take regular service from a contracted one
      { minTotalBeds: 0, accepted: ['internal', 'contracted'] },
    ],
    // seed 003: public institutions keep nursing-type beds at no less than 30%
    publicNursingBedRatio: '0.30',
    // seed 001: 700余万元 a year
    annualBudget: '7000000.00',
    operating: {
      basePerBedMonth: '200.00',
      gradeUplift: { '0': '0', '1': '0.50', '2': '1.00', '3': '2.00', '4': '2.00', '5': '2.00' },
      minOperatingMonths: 12,
      excludedInstitutionTypes: ['hospital'],
    },
  },
};
