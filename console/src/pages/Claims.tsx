/**
 * Claims, filtered by month of submission, kind and status, paged on the server: an institution sees
 * its own; the bureau and finance choose an institution, or (bureau) list one person's claims.
 */
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { EmptyState, ErrorState, Money, StatusTag } from '../components/common.tsx';
import { InstitutionSelect } from '../components/InstitutionSelect.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useConsole } from '../context.tsx';
import { formatInstant, shanghaiMonth } from '../format.ts';
import { CLAIM_KINDS, kindLabel, STATUSES, statusLabel, useI18n } from '../i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import type { ClaimPage, ClaimSummary } from '../types.ts';

export default function Claims() {
  const { api, session } = useConsole();
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const month = query.get('month') ?? shanghaiMonth();
  const kind = query.get('kind') ?? undefined;
  const status = query.get('status') ?? undefined;
  const person = query.get('person') ?? undefined;
  const institution = session.role === 'institution' ? session.institutionId : (query.get('institution') ?? undefined);
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const page = tokens.length - 1;
  const set = (changes: Record<string, string | undefined>) => {
    setTokens([undefined]);
    navigate('/claims', { month, kind, status, person, institution: session.role === 'institution' ? undefined : institution, ...changes });
  };

  const ready = person !== undefined || institution !== undefined;
  const list = useLoad<ClaimPage | undefined>(async () => {
    if (!ready) return undefined;
    const q = new URLSearchParams({ limit: '20' });
    if (person) q.set('person', person);
    else q.set('month', month);
    if (person && query.get('month')) q.set('month', month);
    if (institution && session.role !== 'institution') q.set('institution', institution);
    if (kind) q.set('kind', kind);
    if (status) q.set('status', status);
    const token = tokens[page];
    if (token) q.set('nextToken', token);
    return api.get<ClaimPage>(`/claims?${q}`);
  }, [month, kind, status, person, institution, page]);

  const columns = [
    {
      title: t('申报编号', 'Claim'),
      dataIndex: 'claimId',
      render: (id: string) => <Link to={`/claims/${encodeURIComponent(id)}`}>{id}</Link>,
    },
    { title: t('类型', 'Kind'), dataIndex: 'kind', render: (k: string) => kindLabel(k, lang) },
    ...(session.role === 'institution' ? [] : [{ title: t('机构', 'Institution'), dataIndex: 'institutionId' }]),
    { title: t('提交时间', 'Submitted'), dataIndex: 'submittedAt', render: formatInstant },
    { title: t('状态', 'Status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
    {
      title: t('基金支付（元）', 'Fund (yuan)'),
      dataIndex: 'fundAmount',
      align: 'right' as const,
      render: (v: string) => <Money value={v} />,
    },
    { title: t('应付（元）', 'Payable (yuan)'), dataIndex: 'payable', align: 'right' as const, render: (v: string) => <Money value={v} /> },
  ];

  return (
    <Card title={t('申报查询', 'Claims')}>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('提交月份', 'Month submitted')} htmlFor="claims-month">
          <DatePicker
            id="claims-month"
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
          />
        </Form.Item>
        {session.role !== 'institution' && (
          <Form.Item label={t('机构', 'Institution')} htmlFor="claims-institution">
            <InstitutionSelect id="claims-institution" value={institution} onChange={(v) => set({ institution: v, person: undefined })} />
          </Form.Item>
        )}
        {session.role !== 'institution' && (
          <Form.Item label={t('参保人', 'Person')} htmlFor="claims-person">
            <Input.Search
              id="claims-person"
              allowClear
              defaultValue={person}
              placeholder={t('参保人编号', 'person id')}
              onSearch={(v) => set({ person: v.trim() || undefined })}
              style={{ width: 200 }}
            />
          </Form.Item>
        )}
        <Form.Item label={t('类型', 'Kind')} htmlFor="claims-kind">
          <Select
            id="claims-kind"
            allowClear
            style={{ width: 160 }}
            value={kind}
            placeholder={t('全部', 'All')}
            onChange={(v) => set({ kind: v })}
            options={CLAIM_KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }))}
          />
        </Form.Item>
        <Form.Item label={t('状态', 'Status')} htmlFor="claims-status">
          <Select
            id="claims-status"
            allowClear
            style={{ width: 150 }}
            value={status}
            placeholder={t('全部', 'All')}
            onChange={(v) => set({ status: v })}
            options={STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang) }))}
          />
        </Form.Item>
      </Form>
      {!ready ? (
        <EmptyState text={t('请选择机构，或输入参保人编号。', 'Choose an institution, or enter a person id.')} />
      ) : list.error ? (
        <ErrorState error={list.error} retry={list.reload} />
      ) : (
        <>
          <Table<ClaimSummary>
            rowKey="claimId"
            size="middle"
            loading={list.loading}
            columns={columns}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('该条件下没有申报。可更换月份或筛选条件。', 'No claims match; try another month or filter.') }}
          />
          <Space style={{ marginTop: 16 }}>
            <Button disabled={page === 0} onClick={() => setTokens(tokens.slice(0, -1))}>
              {t('上一页', 'Previous')}
            </Button>
            <Typography.Text>{t(`第 ${page + 1} 页`, `Page ${page + 1}`)}</Typography.Text>
            <Button disabled={!list.data?.nextToken} onClick={() => setTokens([...tokens, list.data?.nextToken])}>
              {t('下一页', 'Next')}
            </Button>
          </Space>
        </>
      )}
    </Card>
  );
}
