/** Small pieces every page uses: amounts, statuses, reason codes, and what to say when a read fails. */
import { Alert, Button, Empty, Tag, Tooltip } from 'antd';
import { ApiError } from '../api.ts';
import { formatMoney } from '../format.ts';
import { reasonText, statusLabel, useI18n } from '../i18n.tsx';

/** An amount in yuan: thousands separators, two decimals, tabular digits (tables align it right). */
export function Money({ value }: { value: string | null | undefined }) {
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatMoney(value)}</span>;
}

export const moneyColumn = { align: 'right' as const, render: (v: string) => <Money value={v} /> };

const STATUS_COLOR: Record<string, string> = {
  approved: 'green',
  'partially-approved': 'gold',
  rejected: 'red',
  'needs-review': 'purple',
  deferred: 'blue',
};

export function StatusTag({ status }: { status: string }) {
  const { lang } = useI18n();
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{statusLabel(status, lang)}</Tag>;
}

export function ReasonCodes({ codes }: { codes: readonly string[] }) {
  const { lang, t } = useI18n();
  if (codes.length === 0) return <span>{t('无', 'none')}</span>;
  return (
    <>
      {codes.map((c) => (
        <Tooltip key={c} title={c}>
          <Tag>{reasonText(c, lang)}</Tag>
        </Tooltip>
      ))}
    </>
  );
}

/** What went wrong and what to do about it, in the user's language. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { lang, t } = useI18n();
  const e = error instanceof ApiError ? error : undefined;
  const message = e ? (lang === 'zh' ? e.messageZh : e.message) : String((error as Error)?.message ?? error);
  const hint =
    e?.status === 403
      ? t('您的角色无权查看此内容；如需访问请联系医保局管理员。', 'Your role may not see this; ask the bureau’s administrator for access.')
      : e?.status === 404
        ? t(
            '请检查编号是否正确；刚提交的申报可能仍在处理中，请稍后刷新。',
            'Check the id; a claim just submitted may still be in the queue — refresh shortly.',
          )
        : e?.code === 'NETWORK' || (e?.status ?? 0) >= 500
          ? t('请稍后重试；若持续出现，请联系系统运维。', 'Try again shortly; if it persists, contact operations.')
          : undefined;
  return (
    <Alert
      type="error"
      showIcon
      message={e ? `${message}${e.code ? ` (${e.code})` : ''}` : message}
      description={hint}
      action={retry && <Button onClick={retry}>{t('重试', 'Retry')}</Button>}
    />
  );
}

export function EmptyState({ text }: { text: string }) {
  return <Empty description={text} />;
}
