/** Registry persons: search by id prefix (server paging), grade in force today, and a new person. */
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { type FieldError, fieldErrorsOf } from '../../api.ts';
import { ErrorState } from '../../components/common.tsx';
import { FieldErrorList } from '../../components/FieldErrorList.tsx';
import { compact, DateField, showFieldErrors } from '../../components/fields.tsx';
import { ReasonField } from '../../components/History.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useConsole } from '../../context.tsx';
import { useI18n } from '../../i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import type { PersonPage } from '../../types.ts';

export default function Persons() {
  const { api } = useConsole();
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const page = useLoad(() => {
    const token = tokens.at(-1);
    return api.get<PersonPage>(
      `/registry/persons?limit=20${q ? `&q=${encodeURIComponent(q)}` : ''}${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`,
    );
  }, [q, tokens]);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('参保人', 'Persons')}>
        <Input.Search
          aria-label={t('按参保人编号前缀检索', 'Search by id prefix')}
          placeholder={t('参保人编号（前缀）', 'person id (prefix)')}
          allowClear
          style={{ maxWidth: 320, marginBottom: 16 }}
          onSearch={(v) => {
            setTokens([undefined]);
            setQ(v.trim());
          }}
        />
        {page.error ? (
          <ErrorState error={page.error} retry={page.reload} />
        ) : (
          <Table
            rowKey="personId"
            loading={page.loading}
            dataSource={page.data?.items ?? []}
            pagination={false}
            locale={{
              emptyText: q
                ? t('没有以此开头的参保人。', 'No person id starts with that.')
                : t('登记库中尚无参保人，可在下方新增。', 'No person yet; add one below.'),
            }}
            columns={[
              {
                title: t('参保人编号', 'Person'),
                dataIndex: 'personId',
                render: (id: string) => <Link to={`/persons/${encodeURIComponent(id)}`}>{id}</Link>,
              },
              {
                title: t('参保类型', 'Insured as'),
                dataIndex: 'insuredType',
                render: (v: string) => (v === 'employee' ? t('职工', 'Employee') : t('居民', 'Resident')),
              },
              { title: t('参保日期', 'Enrolled'), dataIndex: 'enrolledOn' },
              {
                title: t('今日有效等级', 'Grade today'),
                dataIndex: 'gradeToday',
                render: (g: number | null) => (g === null ? t('无有效评估', 'none in force') : g),
              },
              { title: t('评估次数', 'Assessments'), dataIndex: 'assessments', render: (a: unknown[]) => a.length },
            ]}
          />
        )}
        <Space style={{ marginTop: 12 }}>
          <Button disabled={tokens.length === 1} onClick={() => setTokens(tokens.slice(0, -1))}>
            {t('上一页', 'Previous')}
          </Button>
          <Button disabled={!page.data?.nextToken} onClick={() => setTokens([...tokens, page.data?.nextToken])}>
            {t('下一页', 'Next')}
          </Button>
        </Space>
      </Card>
      <NewPerson />
    </Space>
  );
}

function NewPerson() {
  const { api } = useConsole();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [other, setOther] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const save = async (values: Record<string, unknown>) => {
    setOther([]);
    setFailure(undefined);
    const person = { ...(compact(values) as Record<string, unknown>), specialHardship: Boolean(values.specialHardship), assessments: [] };
    try {
      await api.send('PUT', `/registry/persons/${encodeURIComponent(String(values.personId ?? ''))}`, person);
      message.success(t('已保存', 'Saved'));
      navigate(`/persons/${encodeURIComponent(String(values.personId))}`);
    } catch (e) {
      const errors = fieldErrorsOf(e);
      if (errors.length > 0) setOther(showFieldErrors(form, errors, lang));
      else setFailure(e);
    }
  };
  return (
    <Card title={t('新增参保人', 'New person')}>
      <FieldErrorList errors={other} />
      {failure !== undefined && <ErrorState error={failure} />}
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ insuredType: 'employee', specialHardship: false }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item
              name="personId"
              label={t('参保人编号', 'Person id')}
              rules={[{ required: true, message: t('请填写编号', 'Enter an id') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="insuredType" label={t('参保类型', 'Insured as')}>
              <Select
                options={[
                  { value: 'employee', label: t('职工', 'Employee') },
                  { value: 'resident', label: t('居民', 'Resident') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <DateField name="enrolledOn" label={t('参保日期', 'Enrolled on')} />
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="specialHardship" label={t('特困供养对象', 'Special hardship')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <ReasonField />
        <Button type="primary" htmlType="submit">
          {t('保存', 'Save')}
        </Button>
      </Form>
    </Card>
  );
}
