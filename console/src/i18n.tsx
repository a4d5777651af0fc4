/**
 * Chinese by default, English on demand: each text is written in both languages where it is used,
 * `t('提交', 'Submit')`, so no string can be missing in one of them. The choice is remembered.
 */
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { REASONS, type ReasonCode } from '../../domain/reasons.ts';

export type Lang = 'zh' | 'en';

interface I18n {
  readonly lang: Lang;
  readonly setLang: (l: Lang) => void;
  readonly t: (zh: string, en: string) => string;
}

const Context = createContext<I18n>({ lang: 'zh', setLang: () => {}, t: (zh) => zh });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('ltc.lang') === 'en' ? 'en' : 'zh'));
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang: (l) => {
        localStorage.setItem('ltc.lang', l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLangState(l);
      },
      t: (zh, en) => (lang === 'zh' ? zh : en),
    }),
    [lang],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useI18n = () => useContext(Context);

const STATUS: Record<string, [string, string]> = {
  approved: ['已核准', 'Approved'],
  'partially-approved': ['部分核准', 'Partially approved'],
  rejected: ['不予支付', 'Rejected'],
  'needs-review': ['待人工审核', 'Needs review'],
  deferred: ['暂缓拨付', 'Deferred'],
  invalid: ['无效', 'Invalid'],
};
const KIND: Record<string, [string, string]> = {
  'care-service': ['护理服务', 'Care service'],
  'medical-settlement': ['住院医疗结算', 'Medical settlement'],
  'construction-subsidy': ['建设补贴', 'Construction subsidy'],
  'operating-subsidy': ['运营补贴', 'Operating subsidy'],
};
const LINE_STATUS: Record<string, [string, string]> = {
  balanced: ['已结清', 'Paid in full'],
  unpaid: ['未支付', 'Unpaid'],
  underpaid: ['少付', 'Underpaid'],
  overpaid: ['多付', 'Overpaid'],
  'unexpected-payment': ['无应付却支付', 'Unexpected payment'],
  'recoupment-due': ['待追回', 'Recoupment due'],
  nil: ['相抵为零', 'Nil'],
};

const pick = (table: Record<string, [string, string]>, key: string, lang: Lang) => table[key]?.[lang === 'zh' ? 0 : 1] ?? key;
export const statusLabel = (s: string, lang: Lang) => pick(STATUS, s, lang);
export const kindLabel = (k: string, lang: Lang) => pick(KIND, k, lang);
export const lineStatusLabel = (s: string, lang: Lang) => pick(LINE_STATUS, s, lang);
export const CLAIM_KINDS = Object.keys(KIND);
export const STATUSES = Object.keys(STATUS).filter((s) => s !== 'invalid');

/** A reason code in words, from the domain's own table; an unknown code is shown as it is. */
export function reasonText(code: string, lang: Lang): string {
  const r = (REASONS as Record<string, { zh: string; en: string }>)[code as ReasonCode];
  if (code === 'COVERED' || code === 'GRANTED' || code === 'COUNTED') return lang === 'zh' ? '符合支付条件' : 'Covered';
  return r ? r[lang] : code;
}
