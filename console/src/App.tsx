/**
 * The shell: runtime config, sign-in, the role's menu and the page of the current route. Pages load
 * on demand (one chunk per page), so the first screen needs only the shell.
 */
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Segmented, Space, Spin, Tag, Typography } from 'antd';
import * as enModule from 'antd/es/locale/en_US.js';
import type { Locale } from 'antd/es/locale/index.js';
import * as zhModule from 'antd/es/locale/zh_CN.js';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { makeApi } from './api.ts';
import { beginSignIn, completeSignIn, logoutUrl } from './auth/oidc.ts';
import { SignIn } from './auth/SignIn.tsx';
import { clearSession, currentSession, type Role, type Session, saveSession, sessionFromToken } from './auth/session.ts';
import { loadConfig, type RuntimeConfig } from './config.ts';
import { Ctx } from './context.tsx';
import { useI18n } from './i18n.tsx';
import { match, navigate, useLocation } from './router.tsx';
import 'dayjs/locale/zh-cn.js';

// TypeScript reads antd's es/ files as CommonJS (antd has no "type": "module"); they are ES modules.
const zhCN = (zhModule as unknown as { default: Locale }).default;
const enUS = (enModule as unknown as { default: Locale }).default;

type Page = React.LazyExoticComponent<(props: { params: Record<string, string> }) => ReactNode>;

interface RouteDef {
  readonly path: string;
  readonly roles: readonly Role[];
  readonly page: Page;
  /** In the menu, with its label; routes without one are reached by links. */
  readonly menu?: readonly [string, string];
}

const p = (load: () => Promise<{ default: (props: { params: Record<string, string> }) => ReactNode }>) => lazy(load);

const ROUTES: readonly RouteDef[] = [
  { path: '/', roles: ['institution'], page: p(() => import('./pages/institution/Home.tsx')), menu: ['本月概览', 'This month'] },
  { path: '/submit', roles: ['institution'], page: p(() => import('./pages/institution/Submit.tsx')), menu: ['填报申报', 'New claim'] },
  { path: '/upload', roles: ['institution'], page: p(() => import('./pages/institution/Upload.tsx')), menu: ['批量上传', 'CSV upload'] },
  {
    path: '/claims',
    roles: ['institution', 'bureau', 'finance'],
    page: p(() => import('./pages/Claims.tsx')),
    menu: ['申报查询', 'Claims'],
  },
  { path: '/claims/:id', roles: ['institution', 'bureau', 'finance'], page: p(() => import('./pages/Claim.tsx')) },
  {
    path: '/statement',
    roles: ['institution'],
    page: p(() => import('./pages/institution/MyStatement.tsx')),
    menu: ['结算对账', 'Statement'],
  },
  { path: '/', roles: ['bureau'], page: p(() => import('./pages/bureau/Dashboard.tsx')), menu: ['全市概览', 'City dashboard'] },
  { path: '/review', roles: ['bureau'], page: p(() => import('./pages/bureau/ReviewQueue.tsx')), menu: ['审核队列', 'Review queue'] },
  { path: '/persons', roles: ['bureau'], page: p(() => import('./pages/bureau/Persons.tsx')), menu: ['参保人', 'Persons'] },
  { path: '/persons/:id', roles: ['bureau'], page: p(() => import('./pages/bureau/Person.tsx')) },
  { path: '/institutions', roles: ['bureau'], page: p(() => import('./pages/bureau/Institutions.tsx')), menu: ['机构', 'Institutions'] },
  { path: '/institutions/:id', roles: ['bureau'], page: p(() => import('./pages/bureau/Institution.tsx')) },
  { path: '/policies', roles: ['bureau'], page: p(() => import('./pages/bureau/Policies.tsx')), menu: ['政策版本', 'Policy versions'] },
  { path: '/', roles: ['finance'], page: p(() => import('./pages/finance/Statement.tsx')), menu: ['月度对账', 'Month statement'] },
  { path: '/import', roles: ['finance'], page: p(() => import('./pages/finance/Import.tsx')), menu: ['导入支付', 'Import payments'] },
  { path: '/dashboard', roles: ['finance'], page: p(() => import('./pages/bureau/Dashboard.tsx')), menu: ['全市概览', 'City dashboard'] },
  {
    path: '/api',
    roles: ['institution', 'bureau', 'finance'],
    page: p(() => import('./pages/ApiReference.tsx')),
    menu: ['接口文档', 'API reference'],
  },
];

const ROLE_NAME: Record<Role, [string, string]> = {
  institution: ['机构端', 'Institution'],
  bureau: ['经办审核端', 'Bureau'],
  finance: ['财务端', 'Finance'],
};

export function App() {
  const { lang, setLang, t } = useI18n();
  const [config, setConfig] = useState<RuntimeConfig>();
  const [failure, setFailure] = useState<string>();
  const [session, setSession] = useState<Session | undefined>(() => currentSession());
  const [expired, setExpired] = useState(false);
  const loc = useLocation();

  const signIn = useCallback((token: string) => {
    const s = sessionFromToken(token);
    if ('error' in s) {
      setFailure(s.error);
      return;
    }
    saveSession(s);
    setExpired(false);
    setSession(s);
  }, []);

  useEffect(() => {
    loadConfig()
      .then(async (c) => {
        setConfig(c);
        if (c.auth.mode === 'oidc') {
          const token = await completeSignIn(c.auth);
          if (token) signIn(token);
        }
      })
      .catch((e: Error) => setFailure(e.message));
  }, [signIn]);
  const signOut = useCallback(async () => {
    clearSession();
    setSession(undefined);
    if (config?.auth.mode === 'oidc') {
      const url = await logoutUrl(config.auth);
      if (url) location.assign(url);
    }
  }, [config]);

  const api = useMemo(
    () =>
      config &&
      makeApi(
        config.apiUrl,
        () => session?.token,
        () => {
          clearSession();
          setExpired(true);
          setSession(undefined);
        },
      ),
    [config, session],
  );

  const locale = lang === 'zh' ? zhCN : enUS;
  const frame = (body: ReactNode) => (
    <ConfigProvider locale={locale} theme={{ token: { colorPrimary: '#1f5fa8' } }}>
      <AntApp>{body}</AntApp>
    </ConfigProvider>
  );
  const langSwitch = (
    <Segmented
      aria-label={t('界面语言', 'Language')}
      size="small"
      value={lang}
      onChange={(v) => setLang(v as 'zh' | 'en')}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
    />
  );

  if (failure)
    return frame(
      <Result
        status="error"
        title={t('控制台无法启动', 'The console cannot start')}
        subTitle={failure}
        extra={<Button onClick={() => location.reload()}>{t('重新加载', 'Reload')}</Button>}
      />,
    );
  if (!config || !api) return frame(<Spin fullscreen tip={t('正在加载配置…', 'Loading configuration…')} />);
  if (!session)
    return frame(
      <SignIn
        auth={config.auth}
        expired={expired}
        langSwitch={langSwitch}
        onToken={signIn}
        onOidc={() => (config.auth.mode === 'oidc' ? beginSignIn(config.auth) : Promise.resolve())}
      />,
    );

  const mine = ROUTES.filter((r) => r.roles.includes(session.role));
  const found = mine.map((r) => ({ r, params: match(r.path, loc.path) })).find((x) => x.params);
  const Page = found?.r.page;
  const selected = mine.find((r) => r.menu && (r.path === loc.path || (r.path !== '/' && loc.path.startsWith(`${r.path}/`))));

  return frame(
    <Ctx.Provider value={{ api, session, config }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider width={200} theme="light" breakpoint="lg" collapsedWidth={0}>
          <div style={{ padding: '16px 20px', fontWeight: 600 }}>{t('长护险结算平台', 'LTC claims')}</div>
          <Menu
            mode="inline"
            aria-label={t('主菜单', 'Main menu')}
            selectedKeys={selected ? [selected.path] : []}
            items={mine.filter((r) => r.menu).map((r) => ({ key: r.path, label: t(...(r.menu as [string, string])) }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header
            style={{ background: '#fff', display: 'flex', justifyContent: 'space-between', alignItems: 'center', paddingInline: 24 }}
          >
            <Space>
              <Tag color="blue">{t(...ROLE_NAME[session.role])}</Tag>
              {session.institutionId && <Typography.Text strong>{session.institutionId}</Typography.Text>}
              <Typography.Text type="secondary">{session.user}</Typography.Text>
            </Space>
            <Space>
              {langSwitch}
              <Button onClick={signOut}>{t('退出', 'Sign out')}</Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 24 }}>
            <Suspense
              fallback={
                <Spin tip={t('正在加载页面…', 'Loading the page…')}>
                  <div style={{ minHeight: 200 }} />
                </Spin>
              }
            >
              {Page && found?.params ? (
                <Page params={found.params} />
              ) : (
                <Result
                  status="404"
                  title={t('没有这个页面', 'No such page')}
                  subTitle={t('该地址不存在，或不属于您的角色。', 'This address does not exist or is not part of your role.')}
                  extra={<Button onClick={() => navigate('/')}>{t('返回首页', 'Home')}</Button>}
                />
              )}
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </Ctx.Provider>,
  );
}
