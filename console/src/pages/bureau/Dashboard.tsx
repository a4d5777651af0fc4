/** The city at a glance: fund by kind, institution and month, claims by status, review backlog, construction budget. */
import { Card, Col, Progress, Row, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { ErrorState, moneyColumn, StatusTag } from '../../components/common.tsx';
import { MonthPicker } from '../../components/MonthPicker.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useConsole } from '../../context.tsx';
import { formatInstant, formatMoney, shanghaiMonth } from '../../format.ts';
import { kindLabel, useI18n } from '../../i18n.tsx';
import type { Dashboard as Data } from '../../types.ts';

/** A share in whole percent from two decimal strings, for the budget bar only (display, not money). */
const percent = (part: string, whole: string) => (Number(whole) > 0 ? Math.round((Number(part) / Number(whole)) * 100) : 0);

export default function Dashboard() {
  const { api } = useConsole();
  const { t, lang } = useI18n();
  const [month, setMonth] = useState(shanghaiMonth());
  const d = useLoad(() => api.get<Data>(`/dashboard?month=${month}`), [month]);
  const data = d.data;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('全市概览', 'City dashboard')}>
        <MonthPicker value={month} onChange={setMonth} />
        {d.error !== undefined && <ErrorState error={d.error} retry={d.reload} />}
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic
              loading={d.loading}
              title={t('本月提交申报', 'Claims this month')}
              value={Object.values(data?.claimsByStatus ?? {}).reduce((a, b) => a + b, 0)}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              loading={d.loading}
              title={t('待审申报', 'Waiting for review')}
              value={data?.reviewBacklog.claims ?? 0}
              suffix={data ? ` / ${formatMoney(data.reviewBacklog.fundAmount)} ${t('元', 'yuan')}` : ''}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              loading={d.loading}
              title={t('最早待审提交于', 'Oldest waiting since')}
              value={formatInstant(data?.reviewBacklog.oldestSubmittedAt)}
            />
          </Col>
          <Col xs={12} md={6}>
            <Statistic loading={d.loading} title={t('登记机构', 'Institutions')} value={data?.institutions ?? 0} />
          </Col>
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Card title={t('按状态', 'Claims by status')} loading={d.loading}>
            <Space wrap>
              {Object.entries(data?.claimsByStatus ?? {}).map(([s, n]) => (
                <span key={s}>
                  <StatusTag status={s} /> {n}
                </span>
              ))}
              {data && Object.keys(data.claimsByStatus).length === 0 && t('本月尚无申报。', 'No claims this month.')}
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card
            title={t(
              `建设补贴预算（${data?.constructionBudget.year ?? ''} 年）`,
              `Construction budget (${data?.constructionBudget.year ?? ''})`,
            )}
            loading={d.loading}
          >
            {data && (
              <>
                <Progress percent={percent(data.constructionBudget.funded, data.constructionBudget.budget)} />
                <Space size="large">
                  <Statistic title={t('年度预算（元）', 'Budget')} value={formatMoney(data.constructionBudget.budget)} />
                  <Statistic title={t('已安排（元）', 'Funded')} value={formatMoney(data.constructionBudget.funded)} />
                  <Statistic title={t('剩余（元）', 'Remaining')} value={formatMoney(data.constructionBudget.remaining)} />
                  <Statistic title={t('暂缓（元）', 'Deferred')} value={formatMoney(data.constructionBudget.deferred)} />
                </Space>
              </>
            )}
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card title={t('按类型（本月提交，应付）', 'By kind (this month, payable)')}>
            <Table
              size="small"
              loading={d.loading}
              pagination={false}
              rowKey="kind"
              dataSource={Object.entries(data?.fundByKind ?? {}).map(([kind, payable]) => ({ kind, payable }))}
              columns={[
                { title: t('类型', 'Kind'), dataIndex: 'kind', render: (k: string) => kindLabel(k, lang) },
                { title: t('应付（元）', 'Payable'), dataIndex: 'payable', ...moneyColumn },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card title={t('近 12 个会计月入账', 'Posted per accounting month')}>
            <Table
              size="small"
              loading={d.loading}
              pagination={false}
              rowKey="month"
              dataSource={data?.fundByMonth ?? []}
              columns={[
                { title: t('会计月', 'Month'), dataIndex: 'month' },
                { title: t('应付入账（元）', 'Payable posted'), dataIndex: 'payable', ...moneyColumn },
                { title: t('分录', 'Entries'), dataIndex: 'entries', align: 'right' as const },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('按机构（本月提交）', 'By institution (this month)')}>
        <Table
          size="small"
          loading={d.loading}
          rowKey="institutionId"
          dataSource={data?.fundByInstitution ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: t('机构', 'Institution'),
              dataIndex: 'institutionId',
              render: (id: string) => <a href={`#/claims?institution=${encodeURIComponent(id)}&month=${month}`}>{id}</a>,
            },
            { title: t('名称', 'Name'), dataIndex: 'name' },
            { title: t('申报数', 'Claims'), dataIndex: 'claims', align: 'right' as const },
            { title: t('应付（元）', 'Payable'), dataIndex: 'payable', ...moneyColumn },
          ]}
        />
      </Card>
    </Space>
  );
}
