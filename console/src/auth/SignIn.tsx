/**
 * Sign-in. Deployed: the identity provider (OIDC code + PKCE). On the local stack: pick a role (and
 * for an institution, which one); the local console server signs a token with the stack's own key,
 * exactly like `npx ltc token`.
 */
import { Alert, Button, Card, Form, Radio, Select, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import type { AuthConfig } from '../config.ts';
import { useI18n } from '../i18n.tsx';
import type { Role } from './session.ts';

interface Props {
  readonly auth: AuthConfig;
  readonly expired: boolean;
  readonly langSwitch: ReactNode;
  readonly onToken: (token: string) => void;
  readonly onOidc: () => Promise<void>;
}

export function SignIn({ auth, expired, langSwitch, onToken, onOidc }: Props) {
  const { t } = useI18n();
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 440 }} title={t('长护险结算平台', 'Long-term-care claims')} extra={langSwitch}>
        {expired && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('登录已过期，请重新登录。', 'Your sign-in expired; please sign in again.')}
          />
        )}
        {auth.mode === 'oidc' ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>{t('使用单位统一身份认证账号登录。', 'Sign in with your organisation account.')}</Typography.Paragraph>
            <Button type="primary" block onClick={() => void onOidc()}>
              {t('登录', 'Sign in')}
            </Button>
          </Space>
        ) : (
          <LocalSignIn onToken={onToken} />
        )}
      </Card>
    </div>
  );
}

function LocalSignIn({ onToken }: { onToken: (token: string) => void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<Role>('institution');
  const [institutions, setInstitutions] = useState<{ institutionId: string; name?: string }[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  useEffect(() => {
    fetch('./local/institutions')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((list: { institutionId: string; name?: string }[]) => setInstitutions(list))
      .catch(() => setInstitutions([]));
  }, []);

  const submit = async (values: { role: Role; institutionId?: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await fetch('./local/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(values),
      });
      const body = (await r.json()) as { token?: string; error?: string };
      if (!r.ok || !body.token) throw new Error(body.error ?? `HTTP ${r.status}`);
      onToken(body.token);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ role: 'institution' }} onFinish={submit}>
      <Alert
        type="info"
        style={{ marginBottom: 16 }}
        message={t(
          '本地开发登录：令牌由本机 ltc start 签发，仅用于本地环境。',
          'Development sign-in: tokens are signed by this machine’s ltc start, local stack only.',
        )}
      />
      <Form.Item label={t('角色', 'Role')} name="role">
        <Radio.Group onChange={(e) => setRole(e.target.value as Role)}>
          <Radio.Button value="institution">{t('机构', 'Institution')}</Radio.Button>
          <Radio.Button value="bureau">{t('医保局经办', 'Bureau')}</Radio.Button>
          <Radio.Button value="finance">{t('财务', 'Finance')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      {role === 'institution' && (
        <Form.Item
          label={t('所属机构', 'Institution')}
          name="institutionId"
          rules={[{ required: true, message: t('请选择或输入机构编码', 'Choose or type an institution id') }]}
          extra={
            institutions?.length === 0
              ? t('登记库中尚无机构，可直接输入编码。', 'No institution is registered yet; type an id.')
              : undefined
          }
        >
          <Select
            showSearch
            loading={institutions === undefined}
            placeholder={t('选择机构', 'Choose an institution')}
            options={(institutions ?? []).map((i) => ({
              value: i.institutionId,
              label: i.name ? `${i.institutionId} ${i.name}` : i.institutionId,
            }))}
            mode={undefined}
            filterOption={(input, o) =>
              String(o?.label ?? '')
                .toLowerCase()
                .includes(input.toLowerCase())
            }
            onSearch={(v) => form.setFieldValue('institutionId', v || form.getFieldValue('institutionId'))}
          />
        </Form.Item>
      )}
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('登录失败', 'Sign-in failed')} description={error} />}
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('登录', 'Sign in')}
      </Button>
    </Form>
  );
}
