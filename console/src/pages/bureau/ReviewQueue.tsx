/**
 * The review queue: each claim's explanation and, beside it, the same person's other claims; approve
 * or reject with a required reason, one claim or a selection (its count and total shown), or adjust
 * one claim (pay less than proposed: the amount is per claim, so never for a selection); who
 * decided and when is shown afterwards.
 */
import { Alert, App, Button, Card, Col, Drawer, Form, Input, Modal, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { EmptyState, ErrorState, Money, moneyColumn, ReasonCodes, StatusTag } from '../../components/common.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useConsole } from '../../context.tsx';
import { formatInstant, formatMoney, sumMoney } from '../../format.ts';
import { kindLabel, useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import type { ClaimDetail, ClaimPage, ClaimSummary } from '../../types.ts';
import Claim from '../Claim.tsx';

type Decision = 'approve' | 'reject' | 'adjust';

/** What the API accepts as an amount: yuan with at most two decimals. */
const AMOUNT_PATTERN = /^\d+(\.\d{1,2})?$/;

export default function ReviewQueue() {
  const { api, session } = useConsole();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const queue = useLoad(
    () => api.get<ClaimPage>(`/review-queue?limit=50${tokens.at(-1) ? `&nextToken=${encodeURIComponent(tokens.at(-1) as string)}` : ''}`),
    [tokens],
  );
  const [selected, setSelected] = useState<ClaimSummary[]>([]);
  const [viewing, setViewing] = useState<ClaimSummary>();
  const [deciding, setDeciding] = useState<{ decision: Decision; claims: ClaimSummary[] }>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [decided, setDecided] = useState<ClaimDetail[]>([]);
  const [failures, setFailures] = useState<{ claimId: string; error: unknown }[]>([]);
  const [form] = Form.useForm();

  const decide = async ({ reason, adjudicator, amount }: { reason: string; adjudicator: string; amount?: string }) => {
    if (!deciding) return;
    const { decision, claims } = deciding;
    setProgress({ done: 0, total: claims.length });
    const done: ClaimDetail[] = [];
    const failed: { claimId: string; error: unknown }[] = [];
    for (const [i, c] of claims.entries()) {
      try {
        done.push(
          await api.send<ClaimDetail>('POST', `/claims/${encodeURIComponent(c.claimId)}/review`, {
            decision,
            adjudicator,
            reason,
            ...(decision === 'adjust' ? { amount } : {}),
          }),
        );
      } catch (error) {
        failed.push({ claimId: c.claimId, error });
      }
      setProgress({ done: i + 1, total: claims.length });
    }
    setDecided((d) => [...done, ...d]);
    setFailures(failed);
    setDeciding(undefined);
    setProgress(undefined);
    setSelected([]);
    if (done.length > 0) message.success(t(`已审核 ${done.length} 条`, `${done.length} claim(s) decided`));
    queue.reload();
  };

  const open = (decision: Decision, claims: ClaimSummary[]) => {
    form.setFieldsValue({ reason: '', adjudicator: session.user, amount: '' });
    setDeciding({ decision, claims });
  };
  const total = sumMoney(selected.map((c) => c.fundAmount));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('审核队列', 'Review queue')}
        extra={
          <Space>
            <Typography.Text aria-live="polite">
              {t(`已选 ${selected.length} 条，合计 ${formatMoney(total)} 元`, `${selected.length} selected, ${formatMoney(total)} yuan`)}
            </Typography.Text>
            <Button type="primary" disabled={selected.length === 0} onClick={() => open('approve', selected)}>
              {t('批量通过', 'Approve selected')}
            </Button>
            <Button danger disabled={selected.length === 0} onClick={() => open('reject', selected)}>
              {t('批量不通过', 'Reject selected')}
            </Button>
          </Space>
        }
      >
        {failures.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={t(`${failures.length} 条未能审核`, `${failures.length} claim(s) could not be decided`)}
            description={failures.map((f) => <ErrorState key={f.claimId} error={f.error} />)}
          />
        )}
        {queue.error ? (
          <ErrorState error={queue.error} retry={queue.reload} />
        ) : (
          <Table<ClaimSummary>
            rowKey="claimId"
            loading={queue.loading}
            dataSource={queue.data?.items ?? []}
            pagination={false}
            rowSelection={{ selectedRowKeys: selected.map((c) => c.claimId), onChange: (_, rows) => setSelected(rows) }}
            locale={{ emptyText: t('没有待审核的申报。', 'Nothing waits for review.') }}
            columns={[
              {
                title: t('申报编号', 'Claim'),
                dataIndex: 'claimId',
                render: (id: string, c) => (
                  <Button type="link" onClick={() => setViewing(c)}>
                    {id}
                  </Button>
                ),
              },
              { title: t('类型', 'Kind'), dataIndex: 'kind', render: (k: string) => kindLabel(k, lang) },
              { title: t('机构', 'Institution'), dataIndex: 'institutionId' },
              { title: t('参保人', 'Person'), dataIndex: 'personId' },
              { title: t('提交时间', 'Submitted'), dataIndex: 'submittedAt', render: formatInstant },
              { title: t('拟支付（元）', 'Proposed (yuan)'), dataIndex: 'fundAmount', ...moneyColumn },
              { title: t('原因', 'Reasons'), dataIndex: 'reasonCodes', render: (c: string[]) => <ReasonCodes codes={c} /> },
              {
                title: t('操作', 'Action'),
                render: (_: unknown, c) => (
                  <Space>
                    <Button size="small" type="primary" onClick={() => open('approve', [c])}>
                      {t('通过', 'Approve')}
                    </Button>
                    <Button size="small" onClick={() => open('adjust', [c])}>
                      {t('调整', 'Adjust')}
                    </Button>
                    <Button size="small" danger onClick={() => open('reject', [c])}>
                      {t('不通过', 'Reject')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
        <Space style={{ marginTop: 12 }}>
          <Button disabled={tokens.length === 1} onClick={() => setTokens(tokens.slice(0, -1))}>
            {t('上一页', 'Previous')}
          </Button>
          <Button disabled={!queue.data?.nextToken} onClick={() => setTokens([...tokens, queue.data?.nextToken])}>
            {t('下一页', 'Next')}
          </Button>
        </Space>
      </Card>
      {decided.length > 0 && (
        <Card title={t('本次已审核', 'Decided just now')}>
          <Table<ClaimDetail>
            size="small"
            rowKey="claimId"
            dataSource={decided}
            pagination={false}
            columns={[
              {
                title: t('申报编号', 'Claim'),
                dataIndex: 'claimId',
                render: (id: string) => <Link to={`/claims/${encodeURIComponent(id)}`}>{id}</Link>,
              },
              { title: t('状态', 'Status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
              { title: t('应付（元）', 'Payable'), dataIndex: 'payable', ...moneyColumn },
              { title: t('结论', 'Decision'), render: (_: unknown, c) => (c.review ? decisionLabel(c.review.decision, t) : undefined) },
              { title: t('审核人', 'Reviewer'), render: (_: unknown, c) => c.review?.adjudicator },
              { title: t('时间', 'When'), render: (_: unknown, c) => formatInstant(c.review?.at) },
              { title: t('理由', 'Reason'), render: (_: unknown, c) => c.review?.reason },
            ]}
          />
        </Card>
      )}
      <Modal
        open={deciding !== undefined}
        title={deciding ? decisionLabel(deciding.decision, t) : undefined}
        okText={t('确认', 'Confirm')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ danger: deciding?.decision === 'reject', loading: progress !== undefined }}
        onOk={() => form.submit()}
        onCancel={() => setDeciding(undefined)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {t(
            `共 ${deciding?.claims.length ?? 0} 条，拟支付合计 ${formatMoney(sumMoney((deciding?.claims ?? []).map((c) => c.fundAmount)))} 元。`,
            `${deciding?.claims.length ?? 0} claim(s), proposed total ${formatMoney(sumMoney((deciding?.claims ?? []).map((c) => c.fundAmount)))} yuan.`,
          )}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={decide} preserve={false}>
          <Form.Item
            name="adjudicator"
            label={t('审核人', 'Reviewer')}
            rules={[{ required: true, message: t('请填写审核人', 'Enter the reviewer') }]}
          >
            <Input />
          </Form.Item>
          {deciding?.decision === 'adjust' && (
            <Form.Item
              name="amount"
              label={t('核定支付金额（元，须小于拟支付金额）', 'Amount allowed (yuan, less than proposed)')}
              rules={[
                { required: true, message: t('请填写核定金额', 'Enter the amount allowed') },
                { pattern: AMOUNT_PATTERN, message: t('金额如 1234.50，最多两位小数', 'An amount such as 1234.50, at most 2 decimals') },
              ]}
            >
              <Input inputMode="decimal" style={{ textAlign: 'right' }} />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={t('审核理由（必填）', 'Reason (required)')}
            rules={[{ required: true, whitespace: true, message: t('请填写审核理由', 'A reason is required') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
        {progress && <Progress percent={Math.round((progress.done / progress.total) * 100)} />}
      </Modal>
      <Drawer width="90%" open={viewing !== undefined} onClose={() => setViewing(undefined)} title={viewing?.claimId} destroyOnHidden>
        {viewing && (
          <Row gutter={16}>
            <Col xs={24} lg={16}>
              <Claim params={{ id: viewing.claimId }} />
            </Col>
            <Col xs={24} lg={8}>
              <PersonClaims claim={viewing} />
            </Col>
          </Row>
        )}
      </Drawer>
    </Space>
  );
}

function decisionLabel(decision: Decision, t: (zh: string, en: string) => string): string {
  return { approve: t('审核通过', 'Approve'), adjust: t('调整支付金额', 'Adjust the amount'), reject: t('审核不通过', 'Reject') }[decision];
}

/** The same person's other claims: what a reviewer checks first (duplicate days, stays, caps). */
function PersonClaims({ claim }: { claim: ClaimSummary }) {
  const { api } = useConsole();
  const { t, lang } = useI18n();
  const others = useLoad(
    async () => (claim.personId ? api.get<ClaimPage>(`/claims?person=${encodeURIComponent(claim.personId)}&limit=100`) : undefined),
    [claim.personId],
  );
  return (
    <Card title={t(`参保人 ${claim.personId ?? ''} 的其他申报`, `Other claims of ${claim.personId ?? ''}`)} size="small">
      {!claim.personId ? (
        <EmptyState text={t('补贴申报不针对单个参保人。', 'A subsidy claim is not for one person.')} />
      ) : others.error ? (
        <ErrorState error={others.error} retry={others.reload} />
      ) : (
        <Table<ClaimSummary>
          size="small"
          loading={others.loading}
          rowKey="claimId"
          pagination={false}
          dataSource={(others.data?.items ?? []).filter((c) => c.claimId !== claim.claimId)}
          locale={{ emptyText: t('没有其他申报。', 'No other claims.') }}
          columns={[
            {
              title: t('申报', 'Claim'),
              dataIndex: 'claimId',
              render: (id: string) => <Link to={`/claims/${encodeURIComponent(id)}`}>{id}</Link>,
            },
            { title: t('类型', 'Kind'), dataIndex: 'kind', render: (k: string) => <Tag>{kindLabel(k, lang)}</Tag> },
            { title: t('机构', 'Inst.'), dataIndex: 'institutionId' },
            { title: t('状态', 'Status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
            { title: t('应付', 'Payable'), dataIndex: 'payable', align: 'right' as const, render: (v: string) => <Money value={v} /> },
          ]}
        />
      )}
    </Card>
  );
}
