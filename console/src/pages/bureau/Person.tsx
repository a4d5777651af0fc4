/**
 * One insured person: the assessments on a timeline with the grade in force today (as the rules see
 * it, under today's validity and benefitStart), recording a new assessment with its reason, the care
 * plans (CarePlans.tsx), and the record's history. The whole record is
 * saved, so the API's field errors name the new assessment's fields (`assessments[n].grade`), which
 * are put beside them; it is saved against the version shown, so a colleague's change meanwhile is a
 * 409 to reload, not a change silently undone.
 */
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { type FieldError, fieldErrorsOf } from '../../api.ts';
import { ChangeProgress } from '../../components/ChangeProgress.tsx';
import { ErrorState } from '../../components/common.tsx';
import { FieldErrorList } from '../../components/FieldErrorList.tsx';
import { DateField } from '../../components/fields.tsx';
import { HistoryCard, ReasonField } from '../../components/History.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useConsole } from '../../context.tsx';
import { formatInstant } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import type { PersonView } from '../../types.ts';
import { CarePlansCard } from './CarePlans.tsx';

const STATE_COLOR: Record<string, string> = { 'in-force': 'green', superseded: 'gray', expired: 'red', future: 'blue' };

export default function Person({ params }: { params: Record<string, string> }) {
  const { api } = useConsole();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const id = params.id ?? '';
  const view = useLoad(() => api.get<PersonView>(`/registry/persons/${encodeURIComponent(id)}`), [id]);
  const [form] = Form.useForm();
  const [other, setOther] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [change, setChange] = useState<string>();

  if (view.error) return <ErrorState error={view.error} retry={view.reload} />;
  if (!view.data) return <Card loading />;
  const { person, inForce, timeline, today, validityMonths, benefitStart, lastChange } = view.data;
  const stateText: Record<string, string> = {
    'in-force': t('今日有效', 'in force today'),
    superseded: t('已被后续评估取代', 'superseded'),
    expired: t('已过期', 'expired'),
    future: t('尚未生效', 'not yet in force'),
  };

  const record = async (values: { grade: number; assessedOn: string; certificateNo?: string; reason: string }) => {
    setSaving(true);
    setOther([]);
    setFailure(undefined);
    const index = person.assessments.length;
    const assessment = {
      grade: values.grade,
      assessedOn: values.assessedOn,
      ...(values.certificateNo ? { certificateNo: values.certificateNo.trim() } : {}),
    };
    try {
      const saved = await api.send<{ changeId: string }>('PUT', `/registry/persons/${encodeURIComponent(id)}`, {
        ...person,
        assessments: [...person.assessments, assessment],
        reason: values.reason.trim(),
        expectedVersion: lastChange?.version ?? 0,
      });
      message.success(t('评估已记录', 'Assessment recorded'));
      setChange(saved.changeId);
      form.resetFields();
      view.reload();
    } catch (e) {
      const errors = fieldErrorsOf(e);
      const prefix = `assessments[${index}].`;
      const mine = errors.filter((x) => x.path.startsWith(prefix) || x.path === 'reason');
      form.setFields(
        mine.map((x) => ({
          name: x.path.startsWith(prefix) ? x.path.slice(prefix.length) : x.path,
          errors: [lang === 'zh' ? x.messageZh : x.message],
        })),
      );
      setOther(errors.filter((x) => !mine.includes(x)));
      if (errors.length === 0) setFailure(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={`${t('参保人', 'Person')} ${person.personId}`}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label={t('参保类型', 'Insured as')}>
            {person.insuredType === 'employee' ? t('职工', 'Employee') : t('居民', 'Resident')}
          </Descriptions.Item>
          <Descriptions.Item label={t('参保日期', 'Enrolled')}>{person.enrolledOn}</Descriptions.Item>
          <Descriptions.Item label={t('特困供养', 'Special hardship')}>
            {person.specialHardship ? t('是', 'yes') : t('否', 'no')}
          </Descriptions.Item>
          <Descriptions.Item label={t(`今日（${today}）有效等级`, `Grade in force today (${today})`)}>
            {inForce ? (
              <Tag color="green">{t(`${inForce.grade} 级`, `grade ${inForce.grade}`)}</Tag>
            ) : (
              <Tag color="red">{t('无有效评估', 'none')}</Tag>
            )}
          </Descriptions.Item>
          {lastChange && (
            <Descriptions.Item label={t('最近变更', 'Last change')} span={4}>
              {t(
                `第 ${lastChange.version} 版 · ${formatInstant(lastChange.recordedAt)} · ${lastChange.recordedBy} · ${lastChange.reason}`,
                `version ${lastChange.version} · ${formatInstant(lastChange.recordedAt)} · ${lastChange.recordedBy} · ${lastChange.reason}`,
              )}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          message={
            benefitStart === 'next-month'
              ? t(
                  `评估结论作出次月 1 日起享受待遇，自评估日起 ${validityMonths} 个月内有效（今日适用的政策）；较早的评估不会因新评估过期而恢复。`,
                  `An assessment counts from the 1st of the month after it, for ${validityMonths} months from the assessment (today's policy); an older one is never revived.`,
                )
              : t(
                  `评估自评估日起 ${validityMonths} 个月内有效（今日适用的政策）；较早的评估不会因新评估过期而恢复。`,
                  `An assessment counts for ${validityMonths} months (today's policy); an older one is never revived.`,
                )
          }
        />
      </Card>
      {change && <ChangeProgress changeId={change} />}
      <Card title={t('评估时间线', 'Assessments')}>
        {timeline.length === 0 ? (
          t('尚无评估记录。', 'No assessment yet.')
        ) : (
          <Timeline
            items={timeline.map((a) => ({
              color: STATE_COLOR[a.state],
              children: (
                <span>
                  <strong>{a.assessedOn}</strong> {t(`${a.grade} 级`, `grade ${a.grade}`)} ·{' '}
                  {a.countsFrom !== a.assessedOn && <>{t(`自 ${a.countsFrom} 起计`, `counts from ${a.countsFrom}`)} · </>}
                  {t(`有效至 ${a.validUntil}（不含）`, `until ${a.validUntil}`)}{' '}
                  <Tag color={STATE_COLOR[a.state]}>{stateText[a.state]}</Tag>
                  {a.certificateNo && (
                    <span style={{ color: '#888' }}>
                      {' '}
                      {t('证书号', 'certificate')} {a.certificateNo}
                    </span>
                  )}
                </span>
              ),
            }))}
          />
        )}
      </Card>
      <Card title={t('记录新评估', 'Record an assessment')}>
        <FieldErrorList errors={other} />
        {failure !== undefined && <ErrorState error={failure} />}
        <Form form={form} layout="vertical" onFinish={record}>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item
                name="grade"
                label={t('失能等级（0–5）', 'Grade (0–5)')}
                rules={[{ required: true, message: t('请填写等级', 'Enter a grade') }]}
              >
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <DateField name="assessedOn" label={t('评估日期', 'Assessed on')} required />
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="certificateNo" label={t('证书号（可选）', 'Certificate (optional)')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <ReasonField />
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('保存评估', 'Save the assessment')}
          </Button>
        </Form>
      </Card>
      <CarePlansCard
        view={view.data}
        onSaved={() => {
          message.success(t('护理计划已保存', 'Care plans saved'));
          view.reload();
        }}
      />
      <HistoryCard path={`/registry/persons/${encodeURIComponent(id)}`} refresh={lastChange?.version} />
    </Space>
  );
}
