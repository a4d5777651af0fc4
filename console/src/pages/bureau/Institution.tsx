/**
 * One institution: its record and designations today; create or edit, with a reason and the domain's
 * field errors beside the fields, against the version shown; and the record's history.
 */
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { type FieldError, fieldErrorsOf } from '../../api.ts';
import { ChangeProgress } from '../../components/ChangeProgress.tsx';
import { ErrorState } from '../../components/common.tsx';
import { FieldErrorList } from '../../components/FieldErrorList.tsx';
import { compact, DateField, showFieldErrors } from '../../components/fields.tsx';
import { HistoryCard, ReasonField } from '../../components/History.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useConsole } from '../../context.tsx';
import { useI18n } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';
import type { InstitutionView } from '../../types.ts';

export default function Institution({ params }: { params: Record<string, string> }) {
  const { api } = useConsole();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const isNew = params.id === 'new';
  const id = isNew ? '' : (params.id ?? '');
  const view = useLoad(
    async () => (isNew ? undefined : api.get<InstitutionView>(`/registry/institutions/${encodeURIComponent(id)}`)),
    [id],
  );
  const [form] = Form.useForm();
  const [other, setOther] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [change, setChange] = useState<string>();

  useEffect(() => {
    if (view.data) form.setFieldsValue({ ...view.data.institution, reason: undefined });
  }, [view.data, form]);

  const save = async (values: Record<string, unknown>) => {
    setOther([]);
    setFailure(undefined);
    const body = compact(values) as Record<string, unknown>;
    const target = String(body.institutionId ?? '');
    try {
      const expected = isNew ? {} : { expectedVersion: view.data?.lastChange?.version ?? 0 };
      const saved = await api.send<{ changeId: string }>('PUT', `/registry/institutions/${encodeURIComponent(target)}`, {
        designations: [],
        ...body,
        ...expected,
      });
      message.success(t('已保存', 'Saved'));
      setChange(saved.changeId);
      if (isNew) navigate(`/institutions/${encodeURIComponent(target)}`);
      else view.reload();
    } catch (e) {
      const errors = fieldErrorsOf(e);
      if (errors.length > 0) setOther(showFieldErrors(form, errors, lang));
      else setFailure(e);
    }
  };

  if (view.error) return <ErrorState error={view.error} retry={view.reload} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {change && <ChangeProgress changeId={change} />}
      {view.data && (
        <Card title={t('定点协议（今日）', 'Designations today')}>
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={view.data.designations}
            columns={[
              {
                title: t('险种', 'Scheme'),
                dataIndex: 'scheme',
                render: (s: string) => (s === 'ltc' ? t('长期护理', 'LTC') : t('医疗', 'Medical')),
              },
              { title: t('护理方式', 'Setting'), dataIndex: 'setting' },
              { title: t('起', 'From'), dataIndex: 'from' },
              { title: t('止', 'To'), dataIndex: 'to' },
              {
                title: t('今日', 'Today'),
                dataIndex: 'state',
                render: (s: string) => (
                  <Tag color={s === 'in-force' ? 'green' : s === 'future' ? 'blue' : 'default'}>
                    {s === 'in-force' ? t('有效', 'in force') : s === 'future' ? t('未生效', 'future') : t('已终止', 'ended')}
                  </Tag>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Card title={isNew ? t('新增机构', 'New institution') : `${t('机构', 'Institution')} ${id}`} loading={view.loading && !isNew}>
        <FieldErrorList errors={other} />
        {failure !== undefined && <ErrorState error={failure} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={{ institutionType: 'elderly-care', ownership: 'private', medicalFacility: 'contracted', designations: [] }}
        >
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                name="institutionId"
                label={t('机构编码', 'Id')}
                rules={[{ required: true, message: t('请填写编码', 'Enter an id') }]}
              >
                <Input disabled={!isNew} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="name" label={t('名称', 'Name')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="institutionType" label={t('机构类型', 'Type')}>
                <Select
                  options={[
                    { value: 'elderly-care', label: t('养老机构', 'Elderly care') },
                    { value: 'special-hardship', label: t('特困供养机构', 'Special hardship') },
                    { value: 'hospital', label: t('医院', 'Hospital') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="ownership" label={t('性质', 'Ownership')}>
                <Select
                  options={[
                    { value: 'public', label: t('公办', 'Public') },
                    { value: 'private', label: t('民办', 'Private') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="hospitalLevel" label={t('医院等级', 'Hospital level')}>
                <Select allowClear options={[1, 2, 3].map((l) => ({ value: l, label: String(l) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="totalBeds" label={t('总床位', 'Total beds')}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="nursingBeds" label={t('护理型床位', 'Nursing beds')}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="medicalFacility" label={t('医疗设施', 'Medical facility')}>
                <Select
                  options={[
                    { value: 'internal', label: t('内设', 'Internal') },
                    { value: 'contracted', label: t('签约', 'Contracted') },
                    { value: 'none', label: t('无', 'None') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <DateField name="registeredOn" label={t('登记日期', 'Registered on')} />
            </Col>
          </Row>
          <Form.List name="designations">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'scheme']} label={t('险种', 'Scheme')}>
                      <Select
                        style={{ width: 120 }}
                        options={[
                          { value: 'ltc', label: t('长期护理', 'LTC') },
                          { value: 'medical', label: t('医疗', 'Medical') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'setting']} label={t('护理方式', 'Setting')}>
                      <Select
                        allowClear
                        style={{ width: 150 }}
                        options={['institutional', 'home-visit', 'medical-care'].map((s) => ({ value: s, label: s }))}
                      />
                    </Form.Item>
                    <DateField name={[f.name, 'from']} label={t('起', 'From')} />
                    <DateField name={[f.name, 'to']} label={t('止（可选）', 'To (optional)')} />
                    <Button style={{ marginTop: 30 }} onClick={() => remove(f.name)}>
                      {t('删除', 'Remove')}
                    </Button>
                  </Space>
                ))}
                <div>
                  <Button onClick={() => add({ scheme: 'ltc', setting: 'institutional' })} style={{ marginBottom: 16 }}>
                    {t('添加定点协议', 'Add a designation')}
                  </Button>
                </div>
              </>
            )}
          </Form.List>
          <ReasonField />
          <Button type="primary" htmlType="submit">
            {t('保存', 'Save')}
          </Button>
        </Form>
      </Card>
      {!isNew && <HistoryCard path={`/registry/institutions/${encodeURIComponent(id)}`} refresh={view.data?.lastChange?.version} />}
    </Space>
  );
}
