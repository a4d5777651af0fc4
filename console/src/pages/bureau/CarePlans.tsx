/**
 * A person's care plans (护理计划, DOMAIN.md §11.2): each plan with its institution, setting, period and
 * the services it allows with their frequencies; add, change or remove one with the required reason.
 * The whole person record is saved against the version shown (a colleague's change meanwhile is a
 * 409 to reload), so the API's field errors name the plan being edited (`carePlans[2].services[0].maxPerWeek`):
 * those are put beside the plan's fields, any other in a list above them.
 */
import { Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type FieldError, fieldErrorsOf } from '../../api.ts';
import { ErrorState } from '../../components/common.tsx';
import { FieldErrorList } from '../../components/FieldErrorList.tsx';
import { compact, DateField, showFieldErrors } from '../../components/fields.tsx';
import { ReasonField } from '../../components/History.tsx';
import { InstitutionSelect } from '../../components/InstitutionSelect.tsx';
import { useConsole } from '../../context.tsx';
import { useI18n } from '../../i18n.tsx';
import type { PersonView } from '../../types.ts';

type Plan = PersonView['person']['carePlans'][number];
/** What the dialog is doing: adding a plan, changing the plan at `index`, or removing it. */
type Editing = { mode: 'add' } | { mode: 'change' | 'remove'; index: number };

const SETTINGS = ['home-visit', 'family-care', 'institutional', 'medical-care'] as const;

export function settingLabel(setting: string, t: (zh: string, en: string) => string): string {
  const labels: Record<string, string> = {
    institutional: t('机构护理', 'institutional care'),
    'home-visit': t('居家上门护理', 'home visits'),
    'medical-care': t('医疗护理', 'medical care'),
    'family-care': t('居家自主护理（家庭护理）', 'family care'),
  };
  return labels[setting] ?? setting;
}

/** Today's state of a plan: in force, ended or not yet started. */
const stateOf = (p: Plan, today: string) => (p.from > today ? 'future' : p.to !== undefined && p.to < today ? 'ended' : 'in-force');

export function CarePlansCard({ view, onSaved }: { view: PersonView; onSaved: () => void }) {
  const { t } = useI18n();
  const { person, today } = view;
  const plans = person.carePlans ?? [];
  const [editing, setEditing] = useState<Editing>();
  const open = (e: Editing) => setEditing(e);

  const frequency = (s: Plan['services'][number]) =>
    [
      s.maxPerMonth !== undefined ? t(`每月≤${s.maxPerMonth}次`, `≤${s.maxPerMonth}/month`) : '',
      s.maxPerWeek !== undefined ? t(`每周≤${s.maxPerWeek}次`, `≤${s.maxPerWeek}/week`) : '',
    ]
      .filter(Boolean)
      .join(t('，', ', ')) || t('不限次数', 'no limit');
  const stateTag = (p: Plan) =>
    ({
      'in-force': <Tag color="green">{t('今日有效', 'in force')}</Tag>,
      ended: <Tag>{t('已结束', 'ended')}</Tag>,
      future: <Tag color="blue">{t('尚未开始', 'not yet started')}</Tag>,
    })[stateOf(p, today)];

  return (
    <Card
      title={t('护理计划', 'Care plans')}
      extra={
        <Button type="primary" onClick={() => open({ mode: 'add' })}>
          {t('新增护理计划', 'Add a care plan')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {t(
          '护理计划仅对政策 carePlanRequired 所列护理方式生效：该方式的申报，每个服务日须有与申报机构签订、覆盖当日且列有该服务项目的计划，并按计划的每周（周一至周日）/每月次数计算。',
          'A plan counts only for the settings the policy lists in carePlanRequired: each service day of such a claim needs a plan with the claim’s institution covering the day and listing the service, within its weekly (Monday to Sunday) and monthly counts.',
        )}
      </Typography.Paragraph>
      <Table<Plan>
        size="small"
        rowKey="planId"
        pagination={false}
        dataSource={plans}
        locale={{ emptyText: t('尚无护理计划', 'No care plan') }}
        columns={[
          { title: t('计划编号', 'Plan'), dataIndex: 'planId' },
          { title: t('机构', 'Institution'), dataIndex: 'institutionId' },
          { title: t('护理方式', 'Setting'), dataIndex: 'setting', render: (s: string) => settingLabel(s, t) },
          {
            title: t('期间', 'Period'),
            render: (_: unknown, p) => `${p.from} – ${p.to ?? t('长期', 'open-ended')}`,
          },
          {
            title: t('服务项目与频次', 'Services and frequencies'),
            render: (_: unknown, p) =>
              p.services.length === 0 ? (
                t('（未列服务项目：不允许任何服务）', '(no service listed: allows none)')
              ) : (
                <Space direction="vertical" size={0}>
                  {p.services.map((s) => (
                    <span key={s.serviceCode}>
                      <code>{s.serviceCode}</code> {frequency(s)}
                    </span>
                  ))}
                </Space>
              ),
          },
          { title: t('今日', 'Today'), render: (_: unknown, p) => stateTag(p) },
          {
            title: t('操作', 'Actions'),
            render: (_: unknown, p, index) => (
              <Space>
                <Button
                  size="small"
                  aria-label={t(`修改 ${p.planId}`, `Change ${p.planId}`)}
                  onClick={() => open({ mode: 'change', index })}
                >
                  {t('修改', 'Change')}
                </Button>
                <Button
                  size="small"
                  danger
                  aria-label={t(`删除 ${p.planId}`, `Remove ${p.planId}`)}
                  onClick={() => open({ mode: 'remove', index })}
                >
                  {t('删除', 'Remove')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <PlanDialog
          view={view}
          editing={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            onSaved();
          }}
        />
      )}
    </Card>
  );
}

/**
 * The dialog adding, changing or removing one plan; mounted for one editing only, so its form starts
 * from that plan's values.
 */
function PlanDialog({ view, editing, onClose, onSaved }: { view: PersonView; editing: Editing; onClose: () => void; onSaved: () => void }) {
  const { api } = useConsole();
  const { t, lang } = useI18n();
  const { person, lastChange } = view;
  const plans = person.carePlans ?? [];
  const [form] = Form.useForm();
  const [other, setOther] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const index = editing.mode === 'add' ? plans.length : editing.index;
  const planId = plans[index]?.planId ?? '';

  const save = async (values: Record<string, unknown>) => {
    setSaving(true);
    setOther([]);
    setFailure(undefined);
    // The API's errors of the last attempt go: this attempt's answer says what is still wrong.
    form.setFields(form.getFieldsError().map((f) => ({ name: f.name, errors: [] })));
    const { reason, ...fields } = values as { reason: string } & Record<string, unknown>;
    const plan = compact({ services: [], ...fields }) as Plan;
    const next =
      editing.mode === 'add'
        ? [...plans, plan]
        : editing.mode === 'change'
          ? plans.map((p, i) => (i === index ? plan : p))
          : plans.filter((_, i) => i !== index);
    try {
      await api.send('PUT', `/registry/persons/${encodeURIComponent(person.personId)}`, {
        ...person,
        carePlans: next,
        reason: reason.trim(),
        expectedVersion: lastChange?.version ?? 0,
      });
      onSaved();
    } catch (e) {
      const errors = fieldErrorsOf(e);
      if (errors.length === 0) setFailure(e);
      const prefix = `carePlans[${index}]`;
      // A plan overlapping another of its institution and setting is named as a whole: its period is what to change.
      const local = errors.map((x) =>
        x.path === prefix ? { ...x, path: 'from' } : x.path.startsWith(`${prefix}.`) ? { ...x, path: x.path.slice(prefix.length + 1) } : x,
      );
      const unshown = new Set(showFieldErrors(form, local, lang));
      setOther(errors.filter((_, i) => unshown.has(local[i] as FieldError)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title={
        editing.mode === 'add'
          ? t('新增护理计划', 'Add a care plan')
          : editing.mode === 'change'
            ? t(`修改护理计划 ${planId}`, `Change care plan ${planId}`)
            : t(`删除护理计划 ${planId}`, `Remove care plan ${planId}`)
      }
      okText={editing.mode === 'remove' ? t('删除', 'Remove') : t('保存', 'Save')}
      okButtonProps={{ danger: editing.mode === 'remove', loading: saving }}
      cancelText={t('取消', 'Cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <FieldErrorList errors={other} />
      {failure !== undefined && <ErrorState error={failure} />}
      <Form
        form={form}
        name="carePlan"
        layout="vertical"
        onFinish={save}
        initialValues={editing.mode === 'add' ? { setting: 'home-visit', services: [{}] } : plans[index]}
      >
        <div style={{ display: editing.mode === 'remove' ? 'none' : undefined }}>
          <PlanFields />
        </div>
        <ReasonField />
      </Form>
    </Modal>
  );
}

/** The fields of one plan; names as the API names them, relative to the plan (`services[0].maxPerWeek`). */
function PlanFields() {
  const { t } = useI18n();
  const required = (label: string) => [{ required: true, message: t(`请填写${label}`, `Enter the ${label}`) }];
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="planId" label={t('计划编号', 'Plan id')} rules={required(t('计划编号', 'plan id'))}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="institutionId" label={t('签订机构', 'Institution')} rules={required(t('机构', 'institution'))}>
            <InstitutionSelect />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="setting" label={t('护理方式', 'Setting')} rules={required(t('护理方式', 'setting'))}>
            <Select options={SETTINGS.map((s) => ({ value: s, label: settingLabel(s, t) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <DateField name="from" label={t('起始日期', 'From')} required />
        </Col>
        <Col xs={12} md={8}>
          <DateField name="to" label={t('截止日期（含，可空：长期）', 'To (inclusive; empty: open-ended)')} />
        </Col>
      </Row>
      <Form.List name="services">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Row key={f.key} gutter={8} align="top">
                <Col xs={24} md={8}>
                  <Form.Item name={[f.name, 'serviceCode']} label={t(`服务项目 ${i + 1}`, `Service ${i + 1}`)}>
                    <Input placeholder="HV-BATH" />
                  </Form.Item>
                </Col>
                <Col xs={10} md={6}>
                  <Form.Item name={[f.name, 'maxPerMonth']} label={t(`每月次数上限 ${i + 1}`, `Per month ${i + 1}`)}>
                    <InputNumber style={{ width: '100%' }} placeholder={t('不限', 'no limit')} />
                  </Form.Item>
                </Col>
                <Col xs={10} md={6}>
                  <Form.Item name={[f.name, 'maxPerWeek']} label={t(`每周次数上限 ${i + 1}`, `Per week ${i + 1}`)}>
                    <InputNumber style={{ width: '100%' }} placeholder={t('不限', 'no limit')} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={4} style={{ paddingTop: 30 }}>
                  <Button onClick={() => remove(f.name)}>{t('移除', 'Drop')}</Button>
                </Col>
              </Row>
            ))}
            <Button onClick={() => add({})} style={{ marginBottom: 16 }}>
              {t('添加服务项目', 'Add a service')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
