/**
 * The API reference, rendered from `GET /openapi.json` (the document generated from the handlers'
 * zod schemas): what an institution's HIS vendor integrates against.
 */
import { Card, Collapse, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { ErrorState } from '../components/common.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useConsole } from '../context.tsx';
import { useI18n } from '../i18n.tsx';

type Json = Record<string, unknown>;
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Json }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
  security?: unknown[];
}

const METHOD_COLOR: Record<string, string> = { get: 'blue', post: 'green', put: 'orange' };

export default function ApiReference() {
  const { api, config } = useConsole();
  const { t } = useI18n();
  const doc = useLoad(
    () =>
      api.get<{
        info: { title: string; description: string };
        servers?: { url: string }[];
        paths: Record<string, Record<string, Operation>>;
        components: { schemas: Json };
      }>('/openapi.json'),
    [],
  );
  if (doc.error) return <ErrorState error={doc.error} retry={doc.reload} />;
  if (!doc.data) return <Card loading />;
  const d = doc.data;
  const ops = Object.entries(d.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(ops.map((o) => o.op.tags?.[0] ?? ''))];
  const url = `${config.apiUrl || location.origin}/openapi.json`;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={d.info.title}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.info.description}</Typography.Paragraph>
        <Typography.Paragraph>
          {t('机器可读的文档（OpenAPI 3.1，无需令牌）：', 'Machine-readable (OpenAPI 3.1, no token needed): ')}
          <Typography.Link href={url} target="_blank">
            {url}
          </Typography.Link>
        </Typography.Paragraph>
      </Card>
      {tags.map((tag) => (
        <Card key={tag} title={tag} size="small">
          <Collapse
            items={ops
              .filter((o) => (o.op.tags?.[0] ?? '') === tag)
              .map(({ path, method, op }) => ({
                key: `${method} ${path}`,
                label: (
                  <Space>
                    <Tag color={METHOD_COLOR[method]}>{method.toUpperCase()}</Tag>
                    <code>{path}</code>
                    <span>{op.summary}</span>
                  </Space>
                ),
                children: <OperationView op={op} schemas={d.components.schemas} />,
              }))}
          />
        </Card>
      ))}
    </Space>
  );
}

function OperationView({ op, schemas }: { op: Operation; schemas: Json }) {
  const { t } = useI18n();
  const show = (schema: Json) => (
    <pre style={{ background: '#f6f8fa', padding: 8, maxHeight: 320, overflow: 'auto' }}>
      {JSON.stringify(resolve(schema, schemas), null, 2)}
    </pre>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{op.description}</Typography.Paragraph>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('认证', 'Auth')}>
          {op.security && op.security.length === 0 ? t('无需令牌', 'none') : 'Bearer JWT'}
        </Descriptions.Item>
      </Descriptions>
      {(op.parameters?.length ?? 0) > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(p) => `${p.in}-${p.name}`}
          dataSource={op.parameters}
          columns={[
            { title: t('参数', 'Parameter'), dataIndex: 'name', render: (n: string) => <code>{n}</code> },
            { title: t('位置', 'In'), dataIndex: 'in' },
            { title: t('必填', 'Required'), dataIndex: 'required', render: (r: boolean) => (r ? t('是', 'yes') : '') },
            { title: t('类型', 'Schema'), dataIndex: 'schema', render: (s: Json) => <code>{JSON.stringify(s)}</code> },
            { title: t('说明', 'Description'), dataIndex: 'description' },
          ]}
        />
      )}
      {op.requestBody &&
        Object.entries(op.requestBody.content).map(([type, c]) => (
          <div key={type}>
            <Typography.Text strong>
              {t('请求体', 'Request body')} ({type})
            </Typography.Text>
            {show(c.schema)}
          </div>
        ))}
      {Object.entries(op.responses).map(([status, r]) => (
        <div key={status}>
          <Typography.Text strong>
            {status} — {r.description}
          </Typography.Text>
          {r.content && Object.entries(r.content).map(([type, c]) => <div key={type}>{show(c.schema)}</div>)}
        </div>
      ))}
    </Space>
  );
}

/** Inlines `$ref`s one level deep, enough to read a body without jumping around. */
function resolve(schema: Json, schemas: Json, depth = 0): unknown {
  if (depth > 3 || schema === null || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map((s) => resolve(s as Json, schemas, depth));
  const ref = schema.$ref;
  if (typeof ref === 'string') return { $ref: ref, ...(resolve(schemas[ref.split('/').at(-1) ?? ''] as Json, schemas, depth + 1) as Json) };
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, typeof v === 'object' && v !== null ? resolve(v as Json, schemas, depth) : v]),
  );
}
