/** Field errors no form field shows (or every one, for a document edited as text), listed by path. */
import { Alert } from 'antd';
import type { FieldError } from '../api.ts';
import { useI18n } from '../i18n.tsx';

export function FieldErrorList({ errors, title }: { errors: readonly FieldError[]; title?: string }) {
  const { t, lang } = useI18n();
  if (errors.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={title ?? t('校验未通过，未保存', 'Validation failed; nothing was saved')}
      description={
        <ul style={{ margin: 0 }} aria-label={t('字段错误', 'Field errors')}>
          {errors.map((e) => (
            <li key={`${e.path}-${e.code}`}>
              <code>{e.path || '—'}</code>：{lang === 'zh' ? e.messageZh : e.message} <span style={{ color: '#999' }}>({e.code})</span>
            </li>
          ))}
        </ul>
      }
    />
  );
}
