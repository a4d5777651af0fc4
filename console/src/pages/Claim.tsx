/**
 * One claim as the engine decided it: status, amounts, reason codes in words, the explanation as a
 * table per service day (care: CareDays.tsx, with visits and the home-care rules in words), bed
 * (construction) or resident (operating), the referral chain and
 * deductible of a medical episode, adjustments with what triggered them, and the review.
 */
import { Card, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ErrorState, Money, moneyColumn, ReasonCodes, StatusTag } from '../components/common.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useConsole } from '../context.tsx';
import { formatInstant } from '../format.ts';
import { kindLabel, reasonText, useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';
import type { ClaimDetail } from '../types.ts';
import { CareDays } from './CareDays.tsx';

type Json = Record<string, unknown>;

export default function Claim({ params }: { params: Record<string, string> }) {
  const { api } = useConsole();
  const { t, lang } = useI18n();
  const id = params.id ?? '';
  const claim = useLoad(() => api.get<ClaimDetail>(`/claims/${encodeURIComponent(id)}`), [id]);
  if (claim.error) return <ErrorState error={claim.error} retry={claim.reload} />;
  if (!claim.data) return <Card loading title={id} />;
  const c = claim.data;
  const o = c.outcome;
  const e = (c.explanation ?? {}) as { claimRules?: Json[]; items?: Json[]; facts?: Json };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={`${t('申报', 'Claim')} ${c.claimId}`} extra={<StatusTag status={c.status} />}>
        <Descriptions column={{ xs: 1, md: 3 }} bordered size="small">
          <Descriptions.Item label={t('类型', 'Kind')}>{kindLabel(c.kind, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('机构', 'Institution')}>{c.institutionId}</Descriptions.Item>
          {c.personId && <Descriptions.Item label={t('参保人', 'Person')}>{c.personId}</Descriptions.Item>}
          <Descriptions.Item label={t('提交时间', 'Submitted')}>{formatInstant(c.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('裁决时间', 'Decided')}>{formatInstant(c.decidedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('基金支付（元）', 'Fund (yuan)')}>
            <Money value={o.fundAmount} />
          </Descriptions.Item>
          {o.personalAmount !== undefined && (
            <Descriptions.Item label={t('个人负担（元）', 'Personal share (yuan)')}>
              <Money value={o.personalAmount} />
            </Descriptions.Item>
          )}
          {o.deductibleApplied !== undefined && (
            <Descriptions.Item label={t('起付线（元）', 'Deductible (yuan)')}>
              <Money value={o.deductibleApplied} />
            </Descriptions.Item>
          )}
          {o.deferredAmount !== undefined && (
            <Descriptions.Item label={t('暂缓拨付（元）', 'Deferred (yuan)')}>
              <Money value={o.deferredAmount} />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('当前应付（元）', 'Payable now (yuan)')}>
            <strong>
              <Money value={c.payable} />
            </strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('原因', 'Reasons')} span={3}>
            <ReasonCodes codes={o.reasonCodes} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {c.review && (
        <Card title={t('审核结果', 'Review')}>
          <Descriptions column={{ xs: 1, md: 4 }} size="small">
            <Descriptions.Item label={t('结论', 'Decision')}>
              <Tag color={{ approve: 'green', adjust: 'orange', reject: 'red' }[c.review.decision]}>
                {
                  {
                    approve: t('审核通过', 'Approved'),
                    adjust: t('调整后通过', 'Approved with an adjustment'),
                    reject: t('审核不通过', 'Rejected'),
                  }[c.review.decision]
                }
              </Tag>
            </Descriptions.Item>
            {c.review.amount !== undefined && (
              <Descriptions.Item label={t('核定金额（元）', 'Allowed (yuan)')}>
                <Money value={c.review.amount} />
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('审核人', 'Reviewer')}>{c.review.adjudicator}</Descriptions.Item>
            <Descriptions.Item label={t('时间', 'When')}>{formatInstant(c.review.at)}</Descriptions.Item>
            <Descriptions.Item label={t('理由', 'Reason')}>{c.review.reason}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {e.facts && c.kind === 'medical-settlement' && <MedicalFacts facts={e.facts} />}
      {(e.items?.length ?? 0) > 0 && <Items kind={c.kind} items={e.items ?? []} visits={c.visits} />}
      {(e.claimRules?.length ?? 0) > 0 && (
        <Card title={t('申报级规则', 'Claim-level rules')}>
          <Table
            size="small"
            rowKey={(r) => String(r.rule)}
            pagination={false}
            dataSource={e.claimRules}
            columns={[
              { title: t('规则', 'Rule'), dataIndex: 'rule', render: (r: string) => `${reasonText(r, lang)}（${r}）` },
              {
                title: t('结果', 'Held'),
                dataIndex: 'held',
                render: (h: boolean) => (h ? <Tag color="green">{t('满足', 'held')}</Tag> : <Tag color="red">{t('不满足', 'failed')}</Tag>),
              },
              {
                title: t('依据', 'Saw'),
                dataIndex: 'saw',
                render: (s: Json) => <Typography.Text code>{JSON.stringify(s)}</Typography.Text>,
              },
            ]}
          />
        </Card>
      )}
      <Card title={t('调整记录', 'Adjustments')}>
        <Table
          size="small"
          rowKey={(a) => `${a.postedAt}${a.triggeredBy}`}
          pagination={false}
          dataSource={c.adjustments}
          locale={{ emptyText: t('无调整：本申报的金额未因其他申报的到达而改变。', 'None: no later claim changed this one.') }}
          columns={[
            { title: t('调整金额（元）', 'Amount (yuan)'), dataIndex: 'amount', ...moneyColumn },
            { title: t('原因', 'Reason'), dataIndex: 'reason', render: (r: string) => reasonText(r, lang) },
            {
              title: t('触发申报', 'Triggered by'),
              dataIndex: 'triggeredBy',
              render: (id: string | null) =>
                id ? <Link to={`/claims/${encodeURIComponent(id)}`}>{id}</Link> : t('（他机构申报）', '(another institution’s claim)'),
            },
            { title: t('入账时间', 'Posted'), dataIndex: 'postedAt', render: formatInstant },
          ]}
        />
      </Card>
    </Space>
  );
}

function Items({ kind, items, visits }: { kind: string; items: Json[]; visits: ClaimDetail['visits'] }) {
  const { t, lang } = useI18n();
  const money = (title: string, key: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    render: (v: unknown) => (v === undefined || v === null ? '—' : <Money value={String(v)} />),
  });
  const decided = (v: string) => <Tag color={v === 'COVERED' || v === 'GRANTED' ? 'green' : 'red'}>{reasonText(v, lang)}</Tag>;
  if (kind === 'care-service') return <CareDays items={items} visits={visits} />;
  if (kind === 'construction-subsidy') {
    return (
      <Card title={t('逐床位说明', 'Bed by bed')}>
        <Table
          size="small"
          rowKey={(r) => String(r.bed)}
          dataSource={items}
          pagination={false}
          columns={[
            { title: t('床位', 'Bed'), dataIndex: 'bed' },
            { title: t('结果', 'Result'), dataIndex: 'decidedBy', render: decided },
          ]}
        />
      </Card>
    );
  }
  return (
    <Card title={t('逐人员说明', 'Resident by resident')}>
      <Table
        size="small"
        rowKey={(r) => String(r.personId)}
        dataSource={items}
        pagination={false}
        columns={[
          { title: t('参保人', 'Person'), dataIndex: 'personId' },
          { title: t('起', 'From'), dataIndex: 'from' },
          { title: t('止', 'To'), dataIndex: 'to' },
          { title: t('结果', 'Result'), dataIndex: 'decidedBy', render: decided },
          money(t('舍入前', 'Before rounding'), 'beforeRounding'),
          money(t('补贴金额', 'Amount'), 'amount'),
        ]}
      />
    </Card>
  );
}

function MedicalFacts({ facts }: { facts: Json }) {
  const { t } = useI18n();
  const chain = (facts.referralChain ?? {}) as { referredFrom?: string | null; linkedTo?: string | null; chainStartsWith?: string };
  const row = (label: string, value: ReactNode) => <Descriptions.Item label={label}>{value}</Descriptions.Item>;
  const m = (k: string) => <Money value={facts[k] === undefined || facts[k] === null ? undefined : String(facts[k])} />;
  return (
    <Card title={t('住院结算：转诊链与起付线', 'Hospital stay: referral chain and deductible')}>
      <Timeline
        style={{ marginBottom: 16 }}
        items={[
          ...(chain.chainStartsWith
            ? [{ children: t(`连续计算起付线的首次住院：${chain.chainStartsWith}`, `Chain starts with ${chain.chainStartsWith}`) }]
            : []),
          ...(chain.referredFrom ? [{ children: t(`由 ${chain.referredFrom} 转入`, `Referred from ${chain.referredFrom}`) }] : []),
          {
            children: chain.linkedTo
              ? t(`与 ${chain.linkedTo} 连续计算`, `Continuous with ${chain.linkedTo}`)
              : t('新的一次住院', 'A new admission'),
            color: chain.linkedTo ? 'green' : 'gray',
          },
        ]}
      />
      <Descriptions column={{ xs: 1, md: 3 }} bordered size="small">
        {row(t('入院', 'Admitted'), String(facts.admittedOn ?? '—'))}
        {row(t('出院', 'Discharged'), String(facts.dischargedOn ?? '—'))}
        {row(t('医院等级', 'Hospital level'), String(facts.hospitalLevel ?? '—'))}
        {row(t('本年第几次住院', 'Admission of the year'), String(facts.admissionIndex ?? '—'))}
        {row(t('政策范围内费用', 'Eligible'), m('eligible'))}
        {row(t('可支付费用', 'Allowable'), m('allowable'))}
        {row(t('名义起付线', 'Nominal deductible'), m('nominalDeductible'))}
        {row(t('链中已付起付线', 'Deductible paid earlier in the chain'), m('deductiblePaidEarlierInChain'))}
        {row(t('本次起付线', 'Deductible applied'), m('deductibleApplied'))}
        {row(t('支付比例', 'Ratio'), String(facts.ratio ?? '—'))}
        {row(t('舍入前', 'Before rounding'), m('fundBeforeRounding'))}
        {row(t('年度剩余额度', 'Annual cap left'), m('annualCapRemaining'))}
        {row(t('基金支付', 'Fund'), m('fund'))}
      </Descriptions>
    </Card>
  );
}
