/** A month statement's lines and totals, with a line's entries on demand and the downloads. */
import { Alert, Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useConsole } from '../context.tsx';
import { download, XLSX_TYPE } from '../download.ts';
import { statementWorkbook } from '../excel.ts';
import { formatInstant } from '../format.ts';
import { kindLabel, lineStatusLabel, useI18n } from '../i18n.tsx';
import { monthEntries } from '../pages/institution/statement-data.ts';
import { Link } from '../router.tsx';
import type { LedgerEntry, Statement, StatementLine } from '../types.ts';
import { ErrorState, Money, moneyColumn } from './common.tsx';
import { useLoad } from './useLoad.ts';

const LINE_COLOR: Record<string, string> = {
  balanced: 'green',
  unpaid: 'orange',
  underpaid: 'gold',
  overpaid: 'red',
  'unexpected-payment': 'red',
  'recoupment-due': 'purple',
  nil: 'default',
};

export function StatementView({ statement, institution }: { statement: Statement; institution?: string }) {
  const { api } = useConsole();
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const suffix = institution ? `-${institution}` : '';

  const excel = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const entries = institution ? await monthEntries(api, statement.month, institution) : [];
      download(`对账单-${statement.month}${suffix}.xlsx`, await statementWorkbook(statement, entries), XLSX_TYPE);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const csv = async () => {
    setFailure(undefined);
    try {
      const q = institution ? `&institution=${encodeURIComponent(institution)}` : '';
      download(
        `statement-${statement.month}${suffix}.csv`,
        await api.text(`/statements/${statement.month}?format=csv${q}`),
        'text/csv;charset=utf-8',
      );
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {statement.closed ? <Tag color="blue">{t('已结账（只读）', 'Closed (read-only)')}</Tag> : <Tag>{t('未结账', 'Open')}</Tag>}
        <Button onClick={excel} loading={busy}>
          {t('下载 Excel（.xlsx）', 'Download Excel (.xlsx)')}
        </Button>
        <Button onClick={csv}>{t('下载 CSV', 'Download CSV')}</Button>
        <Typography.Text type="secondary">
          {t(
            `受理 ${statement.control.claimsReceived} 条，已裁决 ${statement.control.claimsDecided} 条，分录 ${statement.control.entries} 笔`,
            `${statement.control.claimsReceived} received, ${statement.control.claimsDecided} decided, ${statement.control.entries} entries`,
          )}
        </Typography.Text>
      </Space>
      {failure !== undefined && <ErrorState error={failure} />}
      <Table<StatementLine>
        size="middle"
        rowKey="institutionId"
        dataSource={statement.lines}
        pagination={false}
        locale={{ emptyText: t('本月没有应付或支付。', 'Nothing payable or paid this month.') }}
        columns={[
          { title: t('机构', 'Institution'), dataIndex: 'institutionId' },
          { title: t('应付（元）', 'Payable'), dataIndex: 'payable', ...moneyColumn },
          { title: t('已付（元）', 'Paid'), dataIndex: 'paid', ...moneyColumn },
          { title: t('差额（元）', 'Difference'), dataIndex: 'difference', ...moneyColumn },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={LINE_COLOR[s]}>{lineStatusLabel(s, lang)}</Tag>,
          },
          { title: t('跨期（元）', 'Prior period'), dataIndex: 'priorPeriod', ...moneyColumn },
          {
            title: t('分录', 'Entries'),
            dataIndex: 'entries',
            align: 'right' as const,
            render: (n: number, l) => (
              <Button type="link" onClick={() => setOpen(l.institutionId)}>
                {t(`${n} 笔`, `${n}`)}
              </Button>
            ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('合计', 'Total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Money value={statement.totals.payable} />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <Money value={statement.totals.paid} />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <Money value={statement.totals.difference} />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} colSpan={3} />
          </Table.Summary.Row>
        )}
      />
      <Drawer
        width={760}
        open={open !== undefined}
        onClose={() => setOpen(undefined)}
        title={t(`${open ?? ''} 的会计分录`, `Entries of ${open ?? ''}`)}
      >
        {open && <Entries month={statement.month} institutionId={open} />}
      </Drawer>
    </Space>
  );
}

function Entries({ month, institutionId }: { month: string; institutionId: string }) {
  const { api } = useConsole();
  const { t, lang } = useI18n();
  const entries = useLoad(() => monthEntries(api, month, institutionId), [month, institutionId]);
  if (entries.error) return <ErrorState error={entries.error} retry={entries.reload} />;
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={t(
          '每笔应付金额的变动都是一笔分录：裁决、调整与审核。',
          'Every change of a payable amount is an entry: decisions, adjustments and reviews.',
        )}
      />
      <Table<LedgerEntry>
        size="small"
        loading={entries.loading}
        rowKey={(e, i) => `${e.postedAt}-${e.claimId}-${i}`}
        dataSource={entries.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('申报', 'Claim'),
            dataIndex: 'claimId',
            render: (c: string) => <Link to={`/claims/${encodeURIComponent(c)}`}>{c}</Link>,
          },
          { title: t('类型', 'Kind'), dataIndex: 'kind', render: (k: string) => kindLabel(k, lang) },
          { title: t('金额（元）', 'Amount'), dataIndex: 'amount', ...moneyColumn },
          { title: t('入账时间', 'Posted'), dataIndex: 'postedAt', render: formatInstant },
          { title: t('跨期', 'Prior period'), dataIndex: 'priorPeriod', render: (p: boolean) => (p ? t('是', 'yes') : '') },
          {
            title: t('触发', 'Triggered by'),
            dataIndex: 'triggeredBy',
            render: (x: string | null, e) => (x === e.claimId ? t('本申报', 'itself') : (x ?? t('他机构申报', 'another institution'))),
          },
        ]}
      />
    </>
  );
}
