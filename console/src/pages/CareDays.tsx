/**
 * A care-service claim day by day, as the engine explained it: each unit with its decision, a home
 * visit's check-in and check-out as sent, and why a home-care rule failed in words (care-notes.ts);
 * the day's grade, cap, ratio and amounts, the family-care allowance, the month's package and the
 * annual cap left.
 */
import { Card, Space, Table, Tag, Typography } from 'antd';
import { Money } from '../components/common.tsx';
import { formatMoney, formatTime } from '../format.ts';
import { reasonText, useI18n } from '../i18n.tsx';
import type { ClaimDetail } from '../types.ts';
import { monthNote, type RuleSeen, unitNote } from './care-notes.ts';

type Json = Record<string, unknown>;

export function CareDays({ items, visits }: { items: Json[]; visits: ClaimDetail['visits'] }) {
  const { t, lang } = useI18n();
  const visitOf = new Map((visits ?? []).map((v) => [v.line, v]));
  const familyCare = items.some((d) => d.dailyAllowance !== undefined && d.dailyAllowance !== null);
  const monthly = items.some((d) => d.monthlyCap !== undefined && d.monthlyCap !== null);
  const money = (title: string, key: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    render: (v: unknown) => (v === undefined || v === null ? '—' : <Money value={String(v)} />),
  });
  const decided = (v: string) => <Tag color={v === 'COVERED' ? 'green' : 'red'}>{reasonText(v, lang)}</Tag>;

  const unit = (u: Json) => {
    const visit = visitOf.get(Number(u.line));
    const note = unitNote((u.rules ?? []) as RuleSeen[], t);
    return (
      <div key={String(u.line)}>
        {familyCare && u.serviceCode === 'FAMILY-CARE-DAY'
          ? t('家庭护理日', 'family-care day')
          : `${String(u.serviceCode)} × ${String(u.quantity)} @ ${formatMoney(String(u.unitPrice))}`}{' '}
        {decided(String(u.decidedBy))}
        {visit && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t(
              `签到 ${formatTime(visit.checkIn)} · 签退 ${formatTime(visit.checkOut)}`,
              `check-in ${formatTime(visit.checkIn)} · check-out ${formatTime(visit.checkOut)}`,
            )}
          </Typography.Text>
        )}
        {note && (
          <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
            {note}
          </Typography.Text>
        )}
      </div>
    );
  };

  return (
    <Card title={t('逐日说明', 'Day by day')}>
      <Table
        size="small"
        rowKey={(r) => String(r.date)}
        dataSource={items}
        pagination={{ pageSize: 31, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          { title: t('服务日', 'Day'), dataIndex: 'date' },
          {
            title: t('服务项目', 'Services'),
            dataIndex: 'units',
            render: (units: Json[]) => (
              <Space direction="vertical" size={4}>
                {units.map(unit)}
              </Space>
            ),
          },
          {
            title: t('有效等级', 'Grade'),
            dataIndex: 'gradeInForce',
            render: (g: unknown) => (g === undefined || g === null ? '—' : String(g)),
          },
          familyCare ? money(t('日补助标准', 'Daily allowance'), 'dailyAllowance') : money(t('日限额', 'Daily cap'), 'dailyCap'),
          {
            title: t('支付比例', 'Ratio'),
            dataIndex: 'ratio',
            align: 'right' as const,
            render: (r: unknown) => (r === undefined ? '—' : String(r)),
          },
          money(t('费用', 'Charge'), 'charge'),
          money(t('可支付', 'Allowable'), 'allowable'),
          money(t('舍入前', 'Before rounding'), 'fundBeforeRounding'),
          money(t('基金支付', 'Fund'), 'fund'),
          ...(monthly ? [money(t('本日支付', 'Paid'), 'paid')] : []),
          money(t('年度剩余额度', 'Annual cap left'), 'annualCapRemaining'),
          {
            title: t('说明', 'Note'),
            render: (_: unknown, d: Json) => (
              <Space direction="vertical" size={0} style={{ fontSize: 12 }}>
                {d.keptBy ? <span>{t(`该日由 ${String(d.keptBy)} 结算`, `kept by ${String(d.keptBy)}`)}</span> : null}
                {monthNote(d, t) && <span>{monthNote(d, t)}</span>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
