/**
 * New claims, one form per kind. Nothing is checked here that the API checks better: the form sends
 * the claim, and the API's field errors (in Chinese by default) are put beside their fields.
 */
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { type FieldError, fieldErrorsOf } from '../../api.ts';
import { ErrorState } from '../../components/common.tsx';
import { compact, DateField, MoneyField, showFieldErrors } from '../../components/fields.tsx';
import { useConsole } from '../../context.tsx';
import { shanghaiToday } from '../../format.ts';
import { kindLabel, useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';

const KINDS = ['care-service', 'medical-settlement', 'construction-subsidy', 'operating-subsidy'] as const;
type Kind = (typeof KINDS)[number];
const PREFIX: Record<Kind, string> = {
  'care-service': 'CS',
  'medical-settlement': 'MS',
  'construction-subsidy': 'SUB',
  'operating-subsidy': 'OP',
};
const suggestId = (kind: Kind) => `${PREFIX[kind]}-${shanghaiToday().replace(/-/g, '')}-${String(Math.floor(Math.random() * 9000) + 1000)}`;

export default function Submit() {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<Kind>('care-service');
  return (
    <Card title={t('填报申报', 'New claim')}>
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as Kind)}
        items={KINDS.map((k) => ({ key: k, label: kindLabel(k, lang), children: <ClaimForm kind={k} /> }))}
      />
    </Card>
  );
}

function ClaimForm({ kind }: { kind: Kind }) {
  const { api, session } = useConsole();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [other, setOther] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [accepted, setAccepted] = useState<string>();

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    setOther([]);
    setFailure(undefined);
    setAccepted(undefined);
    const claim = {
      ...(compact(values) as Record<string, unknown>),
      kind,
      // No submittedAt: the server records the instant it receives the claim.
      institutionId: session.institutionId,
    };
    try {
      await api.send('POST', '/claims', claim);
      const id = String(values.claimId);
      setAccepted(id);
      message.success(t(`申报 ${id} 已受理，正在裁决`, `Claim ${id} accepted; it is being adjudicated`));
      form.resetFields();
      form.setFieldValue('claimId', suggestId(kind));
    } catch (e) {
      const errors = fieldErrorsOf(e);
      if (errors.length > 0) setOther(showFieldErrors(form, errors, lang));
      else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={initialValues(kind)} scrollToFirstError>
      {accepted && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('已受理', 'Accepted')}
          description={
            <span>
              {t('裁决完成后可在此查看结果：', 'The decision will be here once made: ')}
              <Link to={`/claims/${encodeURIComponent(accepted)}`}>{accepted}</Link>
            </span>
          }
        />
      )}
      {other.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('申报未通过校验，未提交', 'The claim failed validation and was not submitted')}
          description={
            <ul style={{ margin: 0 }}>
              {other.map((e) => (
                <li key={`${e.path}${e.code}`}>
                  {e.path || t('申报', 'claim')}：{lang === 'zh' ? e.messageZh : e.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {failure !== undefined && <ErrorState error={failure} />}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="claimId"
            label={t('申报编号', 'Claim id')}
            rules={[{ required: true, message: t('请填写申报编号', 'Enter a claim id') }]}
          >
            <Input />
          </Form.Item>
        </Col>
        {(kind === 'care-service' || kind === 'medical-settlement') && (
          <Col xs={24} md={8}>
            <Form.Item
              name="personId"
              label={t('参保人编号', 'Person id')}
              rules={[{ required: true, message: t('请填写参保人编号', 'Enter the person id') }]}
            >
              <Input />
            </Form.Item>
          </Col>
        )}
      </Row>
      {kind === 'care-service' && <CareFields />}
      {kind === 'medical-settlement' && <MedicalFields />}
      {kind === 'construction-subsidy' && <ConstructionFields />}
      {kind === 'operating-subsidy' && <OperatingFields />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('提交申报', 'Submit claim')}
      </Button>
    </Form>
  );
}

function initialValues(kind: Kind): Record<string, unknown> {
  const base = { claimId: suggestId(kind) };
  if (kind === 'care-service') return { ...base, setting: 'institutional', lines: [{ serviceCode: 'LTC-INST-DAY' }] };
  if (kind === 'medical-settlement') return { ...base, episode: { settlementMode: 'fee-for-service' } };
  if (kind === 'construction-subsidy') return { ...base, projectType: 'new-construction', beds: [] };
  return { ...base, residents: [{}] };
}

function CareFields() {
  const { t } = useI18n();
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="setting" label={t('护理方式', 'Care setting')}>
            <Radio.Group
              options={[
                { value: 'institutional', label: t('机构护理', 'Institutional') },
                { value: 'home-visit', label: t('居家上门', 'Home visit') },
                { value: 'medical-care', label: t('医疗护理', 'Medical care') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <DateField name={['period', 'from']} label={t('申报期间起', 'Period from')} />
        </Col>
        <Col xs={12} md={8}>
          <DateField name={['period', 'to']} label={t('申报期间止', 'Period to')} />
        </Col>
      </Row>
      <Typography.Title level={5}>{t('服务明细', 'Service lines')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('每行填写日期区间（每日一次），或单日及次数。', 'Each line has a date range (once a day), or one date and a quantity.')}
      </Typography.Paragraph>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={t(`第 ${i + 1} 行`, `Line ${i + 1}`)}
                extra={
                  fields.length > 1 && (
                    <Button size="small" onClick={() => remove(f.name)}>
                      {t('删除', 'Remove')}
                    </Button>
                  )
                }
              >
                <Row gutter={12}>
                  <Col xs={24} md={5}>
                    <Form.Item name={[f.name, 'serviceCode']} label={t('服务项目编码', 'Service code')}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <DateField name={[f.name, 'from']} label={t('起', 'From')} />
                  </Col>
                  <Col xs={12} md={4}>
                    <DateField name={[f.name, 'to']} label={t('止', 'To')} />
                  </Col>
                  <Col xs={12} md={4}>
                    <DateField name={[f.name, 'date']} label={t('单日', 'Date')} />
                  </Col>
                  <Col xs={12} md={3}>
                    <Form.Item name={[f.name, 'quantity']} label={t('次数', 'Qty')}>
                      <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={4}>
                    <MoneyField name={[f.name, 'unitPrice']} label={t('单价（元）', 'Unit price')} />
                  </Col>
                </Row>
              </Card>
            ))}
            <div>
              <Button onClick={() => add({})} style={{ marginBottom: 16 }}>
                {t('添加一行', 'Add a line')}
              </Button>
            </div>
          </>
        )}
      </Form.List>
    </>
  );
}

function MedicalFields() {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={12} md={6}>
        <DateField name={['episode', 'admittedOn']} label={t('入院日期', 'Admitted on')} />
      </Col>
      <Col xs={12} md={6}>
        <DateField name={['episode', 'dischargedOn']} label={t('出院日期', 'Discharged on')} />
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={['episode', 'referredFrom']} label={t('转出住院的申报编号（如有）', 'Referred from (claim id, if any)')}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={['episode', 'settlementMode']} label={t('结算方式', 'Settlement mode')}>
          <Select
            options={[
              { value: 'fee-for-service', label: t('按项目付费', 'Fee for service') },
              { value: 'per-bed-day', label: t('按床日付费', 'Per bed-day') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <MoneyField name={['costs', 'total']} label={t('医疗总费用（元）', 'Total costs (yuan)')} />
      </Col>
      <Col xs={12} md={6}>
        <MoneyField name={['costs', 'eligible']} label={t('政策范围内费用（元）', 'Eligible costs (yuan)')} />
      </Col>
    </Row>
  );
}

function ConstructionFields() {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={12} md={6}>
        <Form.Item name="projectType" label={t('项目类型', 'Project type')}>
          <Select
            options={[
              { value: 'new-construction', label: t('新建', 'New construction') },
              { value: 'renovation', label: t('改扩建', 'Renovation') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <DateField name="acceptedOn" label={t('竣工验收日期', 'Accepted on')} />
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name="beds" label={t('床位编号（回车添加）', 'Bed ids (Enter to add)')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <MoneyField name="requestedAmount" label={t('申请金额（元，可选）', 'Requested (yuan, optional)')} />
      </Col>
    </Row>
  );
}

function OperatingFields() {
  const { t } = useI18n();
  return (
    <>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <DateField name="month" label={t('补贴月份', 'Month')} month />
        </Col>
      </Row>
      <Typography.Title level={5}>{t('在院人员', 'Residents')}</Typography.Title>
      <Form.List name="residents">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap>
                <Form.Item name={[f.name, 'personId']} label={t('参保人编号', 'Person id')}>
                  <Input />
                </Form.Item>
                <DateField name={[f.name, 'from']} label={t('起', 'From')} />
                <DateField name={[f.name, 'to']} label={t('止', 'To')} />
                {fields.length > 1 && (
                  <Button style={{ marginTop: 30 }} onClick={() => remove(f.name)}>
                    {t('删除', 'Remove')}
                  </Button>
                )}
              </Space>
            ))}
            <div>
              <Button onClick={() => add({})} style={{ marginBottom: 16 }}>
                {t('添加人员', 'Add a resident')}
              </Button>
            </div>
          </>
        )}
      </Form.List>
    </>
  );
}
