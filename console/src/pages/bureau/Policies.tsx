/**
 * Policy versions: which one is in force today, the full text of each, and publishing a new version
 * (a partial override of demo-2026 with an effective date). The policy schema is strict, so a typo
 * or an out-of-range ratio comes back as an error on its own field path. Publishing needs a reason;
 * each policy's revisions (who published what, when and why) are listed beside its text.
 */
import { App, Button, Card, Col, Drawer, Form, Input, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type FieldError, fieldErrorsOf } from '../../api.ts';
import { ChangeProgress } from '../../components/ChangeProgress.tsx';
import { ErrorState } from '../../components/common.tsx';
import { FieldErrorList } from '../../components/FieldErrorList.tsx';
import { DateField } from '../../components/fields.tsx';
import { HistoryCard, ReasonField } from '../../components/History.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useConsole } from '../../context.tsx';
import { useI18n } from '../../i18n.tsx';
import type { PolicyVersionList, PolicyVersions } from '../../types.ts';

const EXAMPLE = '{\n  "ltc": { "annualCap": "24000.00" }\n}';

export default function Policies() {
  const { api } = useConsole();
  const { t } = useI18n();
  const list = useLoad(() => api.get<PolicyVersionList>('/policies'), []);
  const [viewing, setViewing] = useState<string>();
  const [published, setPublished] = useState(0);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('政策版本', 'Policy versions')}>
        {list.error ? (
          <ErrorState error={list.error} retry={list.reload} />
        ) : (
          <Table
            rowKey={(v) => `${v.effectiveFrom}-${v.policyId}`}
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            pagination={false}
            columns={[
              {
                title: t('政策编号', 'Policy'),
                dataIndex: 'policyId',
                render: (id: string) => (
                  <Button type="link" onClick={() => setViewing(id)}>
                    {id}
                  </Button>
                ),
              },
              { title: t('生效日期', 'Effective from'), dataIndex: 'effectiveFrom' },
              {
                title: t('状态', 'State'),
                render: (_: unknown, v) => (
                  <Space>
                    {v.inForce && <Tag color="green">{t('今日适用', 'in force today')}</Tag>}
                    {v.builtIn && <Tag>{t('内置', 'built in')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Publish
        onPublished={() => {
          list.reload();
          setPublished((n) => n + 1);
        }}
      />
      <Drawer width={720} open={viewing !== undefined} onClose={() => setViewing(undefined)} title={viewing}>
        {viewing && <PolicyText policyId={viewing} />}
        {viewing && <HistoryCard path={`/policies/${encodeURIComponent(viewing)}`} refresh={published} />}
      </Drawer>
    </Space>
  );
}

function PolicyText({ policyId }: { policyId: string }) {
  const { api } = useConsole();
  const { t } = useI18n();
  const p = useLoad(() => api.get<PolicyVersions>(`/policies/${encodeURIComponent(policyId)}`), [policyId]);
  if (p.error) return <ErrorState error={p.error} retry={p.reload} />;
  return (
    <>
      {(p.data?.versions ?? []).map((v) => (
        <div key={v.effectiveFrom}>
          <Typography.Title level={5}>{t(`自 ${v.effectiveFrom} 起`, `From ${v.effectiveFrom}`)}</Typography.Title>
          <pre style={{ background: '#f6f8fa', padding: 12, overflow: 'auto', maxHeight: 600 }}>{JSON.stringify(v.document, null, 2)}</pre>
        </div>
      ))}
    </>
  );
}

function Publish({ onPublished }: { onPublished: () => void }) {
  const { api } = useConsole();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [change, setChange] = useState<string>();
  const publish = async (values: { policyId: string; effectiveFrom: string; override: string; reason: string }) => {
    setErrors([]);
    setFailure(undefined);
    let policy: unknown;
    try {
      policy = JSON.parse(values.override || '{}');
    } catch (e) {
      setErrors([
        {
          path: 'policy',
          code: 'INVALID_JSON',
          message: `not valid JSON: ${(e as Error).message}`,
          messageZh: `不是合法的 JSON：${(e as Error).message}`,
        },
      ]);
      return;
    }
    try {
      const saved = await api.send<{ changeId: string }>('PUT', `/policies/${encodeURIComponent(values.policyId.trim())}`, {
        effectiveFrom: values.effectiveFrom,
        policy,
        reason: values.reason.trim(),
      });
      message.success(t('已发布', 'Published'));
      setChange(saved.changeId);
      onPublished();
    } catch (e) {
      const f = fieldErrorsOf(e);
      if (f.length > 0) setErrors(f);
      else setFailure(e);
    }
  };
  return (
    <Card title={t('发布新版本', 'Publish a version')}>
      {change && <ChangeProgress changeId={change} />}
      <Typography.Paragraph type="secondary">
        {t(
          '只需填写与 demo-2026 不同的部分（深度合并），金额与比例均为字符串。',
          'Give only what differs from demo-2026 (deep-merged); amounts and ratios are strings.',
        )}
      </Typography.Paragraph>
      <FieldErrorList errors={errors} title={t('政策校验未通过，未发布', 'The policy failed validation; nothing was published')} />
      {failure !== undefined && <ErrorState error={failure} />}
      <Form form={form} layout="vertical" onFinish={publish} initialValues={{ override: EXAMPLE }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="policyId"
              label={t('政策编号', 'Policy id')}
              rules={[{ required: true, message: t('请填写编号', 'Enter an id') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <DateField name="effectiveFrom" label={t('生效日期', 'Effective from')} required />
          </Col>
        </Row>
        <Form.Item name="override" label={t('政策内容（JSON，局部覆盖）', 'Policy (JSON, partial override)')}>
          <Input.TextArea rows={10} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <ReasonField />
        <Button type="primary" htmlType="submit">
          {t('发布', 'Publish')}
        </Button>
      </Form>
    </Card>
  );
}
