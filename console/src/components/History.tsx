/**
 * Reference data keeps its history: every save needs a reason (the API refuses one without), and a
 * record's page lists its versions — who changed it, when, why and which fields — newest first.
 */
import { Button, Card, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useConsole } from '../context.tsx';
import { formatInstant } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import type { HistoryPage, RecordVersion } from '../types.ts';
import { ErrorState } from './common.tsx';
import { useLoad } from './useLoad.ts';

/** The required `reason` of a change, a form field named as the API names it. */
export function ReasonField() {
  const { t } = useI18n();
  return (
    <Form.Item
      name="reason"
      label={t('变更理由', 'Reason for the change')}
      extra={t('记入变更历史；变更人与时间由系统记录。', 'Kept in the history; who and when are recorded by the server.')}
      rules={[{ required: true, whitespace: true, message: t('请填写变更理由', 'Say why the record is changed') }]}
    >
      <Input maxLength={1000} placeholder={t('如：复评、定点协议续签', 'e.g. re-assessment, designation renewed')} />
    </Form.Item>
  );
}

const shown = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** A record's versions, newest first; `path` is the record's API path (`/registry/persons/P001`). */
export function HistoryCard({ path, refresh }: { path: string; refresh: unknown }) {
  const { api } = useConsole();
  const { t } = useI18n();
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const token = tokens[tokens.length - 1];
  const page = useLoad(
    () => api.get<HistoryPage>(`${path}/history?limit=10${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`),
    [path, token, refresh],
  );
  return (
    <Card title={t('变更历史', 'History')}>
      {page.error ? (
        <ErrorState error={page.error} retry={page.reload} />
      ) : (
        <Table<RecordVersion>
          size="small"
          rowKey={(v) => `${v.effectiveFrom ?? ''}#${v.version}`}
          loading={page.loading}
          dataSource={page.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('尚无变更记录（早于保留历史时登记）', 'No versions yet (stored before history was kept)') }}
          columns={[
            {
              title: t('版本', 'Version'),
              render: (_: unknown, v) => (v.effectiveFrom ? `${v.effectiveFrom} · ${v.version}` : v.version),
            },
            { title: t('时间', 'When'), dataIndex: 'recordedAt', render: (at: string) => formatInstant(at) },
            { title: t('变更人', 'By'), dataIndex: 'recordedBy' },
            { title: t('理由', 'Reason'), dataIndex: 'reason' },
            {
              title: t('变更内容', 'Changes'),
              render: (_: unknown, v) =>
                v.before === null ? (
                  t('新建', 'created')
                ) : (
                  <Typography.Text style={{ fontSize: 12 }}>
                    {v.changes.slice(0, 6).map((c) => (
                      <div key={c.path}>
                        <code>{c.path}</code>: {shown(c.before)} → {shown(c.after)}
                      </div>
                    ))}
                    {v.changes.length > 6 && t(`……共 ${v.changes.length} 处`, `… ${v.changes.length} in all`)}
                  </Typography.Text>
                ),
            },
          ]}
        />
      )}
      <Space style={{ marginTop: 12 }}>
        <Button disabled={tokens.length === 1} onClick={() => setTokens(tokens.slice(0, -1))}>
          {t('较新', 'Newer')}
        </Button>
        <Button disabled={!page.data?.nextToken} onClick={() => setTokens([...tokens, page.data?.nextToken])}>
          {t('较早', 'Older')}
        </Button>
      </Space>
    </Card>
  );
}
