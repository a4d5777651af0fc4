/** The institution's month at a glance: claims by status, fund and payable, adjustments, the statement line. */
import { Card, Col, Row, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { ErrorState, moneyColumn, StatusTag } from '../../components/common.tsx';
import { MonthPicker } from '../../components/MonthPicker.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useConsole } from '../../context.tsx';
import { formatInstant, formatMoney, shanghaiMonth, sumMoney } from '../../format.ts';
import { lineStatusLabel, useI18n } from '../../i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { monthClaims, monthEntries, ownStatement } from './statement-data.ts';

export default function Home() {
  const { api, session } = useConsole();
  const { t, lang } = useI18n();
  const [month, setMonth] = useState(shanghaiMonth());
  const id = session.institutionId ?? '';
  const data = useLoad(async () => {
    const [claims, statement, entries] = await Promise.all([
      monthClaims(api, month),
      ownStatement(api, month, id),
      monthEntries(api, month, id),
    ]);
    return { claims, statement, entries };
  }, [month]);

  const byStatus = new Map<string, number>();
  for (const c of data.data?.claims ?? []) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  const adjustments = (data.data?.entries ?? []).filter((e) => e.triggeredBy !== e.claimId);
  const line = data.data?.statement.lines[0];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('本月概览', 'This month')}>
        <MonthPicker value={month} onChange={setMonth} />
        {data.error ? (
          <ErrorState error={data.error} retry={data.reload} />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic loading={data.loading} title={t('本月提交申报', 'Claims submitted')} value={data.data?.claims.length ?? 0} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                loading={data.loading}
                title={t('基金支付合计（元）', 'Fund total (yuan)')}
                value={formatMoney(sumMoney((data.data?.claims ?? []).map((c) => c.fundAmount)))}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                loading={data.loading}
                title={t('当前应付合计（元）', 'Payable now (yuan)')}
                value={formatMoney(sumMoney((data.data?.claims ?? []).map((c) => c.payable)))}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                loading={data.loading}
                title={t('调整（笔 / 元）', 'Adjustments (count / yuan)')}
                value={`${adjustments.length} / ${formatMoney(sumMoney(adjustments.map((a) => a.amount)))}`}
              />
            </Col>
          </Row>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card title={t('按状态', 'By status')} loading={data.loading}>
            <Space wrap>
              {[...byStatus.entries()].map(([s, n]) => (
                <a key={s} href={`#/claims?month=${month}&status=${s}`}>
                  <StatusTag status={s} /> {n}
                </a>
              ))}
              {byStatus.size === 0 &&
                t('本月尚无申报。可在“填报申报”或“批量上传”提交。', 'No claims this month yet; submit one under New claim or CSV upload.')}
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card
            title={t('本月结算', 'This month’s settlement')}
            loading={data.loading}
            extra={<a href="#/statement">{t('对账详情', 'Statement')}</a>}
          >
            {line ? (
              <Space size="large">
                <Statistic title={t('应付（元）', 'Payable')} value={formatMoney(line.payable)} />
                <Statistic title={t('已付（元）', 'Paid')} value={formatMoney(line.paid)} />
                <Statistic title={t('状态', 'Status')} valueRender={() => <Tag>{lineStatusLabel(line.status, lang)}</Tag>} />
              </Space>
            ) : (
              t('本月尚无入账。', 'Nothing posted this month yet.')
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('调整记录', 'Adjustments')}>
        <Table
          size="small"
          loading={data.loading}
          rowKey={(e, i) => `${e.postedAt}-${i}`}
          dataSource={adjustments}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('本月无调整。', 'No adjustments this month.') }}
          onRow={(e) => ({ onClick: () => navigate(`/claims/${encodeURIComponent(e.claimId)}`) })}
          columns={[
            {
              title: t('申报编号', 'Claim'),
              dataIndex: 'claimId',
              render: (c: string) => <Link to={`/claims/${encodeURIComponent(c)}`}>{c}</Link>,
            },
            { title: t('金额（元）', 'Amount'), dataIndex: 'amount', ...moneyColumn },
            {
              title: t('触发', 'Trigger'),
              dataIndex: 'triggeredBy',
              render: (x: string | null) => x ?? t('他机构申报或审核', 'another institution’s claim or a review'),
            },
            { title: t('入账时间', 'Posted'), dataIndex: 'postedAt', render: formatInstant },
          ]}
        />
      </Card>
    </Space>
  );
}
