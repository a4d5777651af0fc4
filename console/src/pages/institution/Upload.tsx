/**
 * A claims CSV (the format `ltc submit` reads): every bad line is listed and nothing is submitted
 * until the file is clean; then the claims go in batches of 500 with a progress bar. The API's own
 * refusals are mapped back to CSV lines the same way.
 */
import { Alert, Upload as AntUpload, Button, Card, Progress, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { CLAIM_CSV_COLUMNS } from '../../../../functions/adapters/claims-csv.ts';
import { ApiError } from '../../api.ts';
import { ErrorState } from '../../components/common.tsx';
import { useConsole } from '../../context.tsx';
import { shanghaiTimestamp } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { checkClaimsCsv, type LineProblem, placed } from './upload-check.ts';

const BATCH = 500;

export default function Upload() {
  const { api, session } = useConsole();
  const { t, lang } = useI18n();
  const [file, setFile] = useState<{ name: string; checked: ReturnType<typeof checkClaimsCsv> }>();
  const [serverProblems, setServerProblems] = useState<LineProblem[]>([]);
  const [progress, setProgress] = useState<{ sent: number; total: number }>();
  const [accepted, setAccepted] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>();

  const read = async (f: File) => {
    setServerProblems([]);
    setAccepted([]);
    setFailure(undefined);
    setProgress(undefined);
    const text = await f.text();
    setFile({ name: f.name, checked: checkClaimsCsv(text, session.institutionId ?? '', shanghaiTimestamp()) });
    return false;
  };

  const submit = async () => {
    if (!file) return;
    const claims = file.checked.claims;
    setProgress({ sent: 0, total: claims.length });
    const done: string[] = [];
    for (let i = 0; i < claims.length; i += BATCH) {
      const batch = claims.slice(i, i + BATCH);
      try {
        const r = await api.send<{ accepted: string[] }>('POST', '/claims', { claims: batch.map((c) => c.claim) });
        done.push(...r.accepted);
        setProgress({ sent: i + batch.length, total: claims.length });
      } catch (e) {
        const details =
          e instanceof ApiError && Array.isArray(e.details)
            ? (e.details as { index?: number; claimId?: string | null; errors?: { path: string; message: string; messageZh: string }[] }[])
            : [];
        const mapped = details.flatMap((d) => {
          const c = d.index !== undefined ? batch[d.index] : undefined;
          return (d.errors ?? []).map((x) =>
            c
              ? placed(c, x)
              : { line: 0, column: null, claimId: d.claimId ?? null, field: x.path, message: x.message, messageZh: x.messageZh },
          );
        });
        if (mapped.length > 0) setServerProblems(mapped);
        else setFailure(e);
        break;
      }
    }
    setAccepted(done);
  };

  const problems = [...(file?.checked.problems ?? []), ...serverProblems];
  const clean = file !== undefined && problems.length === 0;
  return (
    <Card title={t('批量上传申报（CSV）', 'Upload claims (CSV)')}>
      <Typography.Paragraph type="secondary">
        {t(
          '格式与 ltc submit 相同：每行一条护理服务明细，同一 claimId 的行组成一条申报。表头：',
          'Same format as ltc submit: one care-service line per row; rows with one claimId form one claim. Header: ',
        )}
        <Typography.Text code>{CLAIM_CSV_COLUMNS.join(',')}</Typography.Text>
        {t(
          '（submittedAt 可留空：以服务端收到的时间为准；上门服务的签到签退填 checkIn 与 checkOut，须同时填写且仅用于有 date 的上门服务行；家庭护理（family-care）每行填一个 date 或 from/to，serviceCode、quantity、unitPrice 留空）',
          ' (submittedAt may be empty: the server records when it received the claim; a home visit’s check-in and check-out go in checkIn and checkOut, both or neither, on a dated home-visit line only; a family-care row gives a date or from/to, with serviceCode, quantity and unitPrice empty)',
        )}
      </Typography.Paragraph>
      <AntUpload.Dragger
        accept=".csv,text/csv"
        multiple={false}
        showUploadList={false}
        beforeUpload={read}
        aria-label={t('选择或拖入 CSV 文件', 'Choose or drop a CSV file')}
      >
        <p style={{ fontSize: 16 }}>{t('点击选择，或将 CSV 文件拖到此处', 'Click to choose, or drop a CSV file here')}</p>
        <p style={{ color: '#888' }}>
          {t('文件在本机检查，全部正确后才会提交', 'The file is checked here; nothing is sent until it is clean')}
        </p>
      </AntUpload.Dragger>
      {file && (
        <Space direction="vertical" size="middle" style={{ width: '100%', marginTop: 16 }}>
          <Space size="large">
            <Statistic title={t('文件', 'File')} value={file.name} />
            <Statistic title={t('申报', 'Claims')} value={file.checked.claims.length} />
            <Statistic title={t('明细行', 'Lines')} value={file.checked.lines} />
            <Statistic
              title={t('问题', 'Problems')}
              value={problems.length}
              valueStyle={{ color: problems.length ? '#cf1322' : '#3f8600' }}
            />
          </Space>
          {problems.length > 0 ? (
            <>
              <Alert
                type="error"
                showIcon
                message={t(
                  `文件有 ${problems.length} 处问题，未提交任何申报`,
                  `${problems.length} problem(s) in the file; nothing was submitted`,
                )}
                description={t('请在原文件中改正下列各行后重新上传。', 'Correct these lines in the file and upload it again.')}
              />
              <Table<LineProblem>
                size="small"
                rowKey={(p, i) => `${p.line}-${p.field}-${i}`}
                dataSource={problems}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                columns={[
                  { title: t('行号', 'Line'), dataIndex: 'line', width: 80 },
                  { title: t('申报编号', 'Claim'), dataIndex: 'claimId' },
                  { title: t('列', 'Column'), dataIndex: 'column' },
                  { title: t('字段', 'Field'), dataIndex: 'field' },
                  { title: t('问题', 'Problem'), render: (_: unknown, p) => (lang === 'zh' ? p.messageZh : p.message) },
                ]}
              />
            </>
          ) : (
            clean &&
            accepted.length === 0 && (
              <Button
                type="primary"
                onClick={submit}
                loading={progress !== undefined && progress.sent < progress.total && failure === undefined}
              >
                {t(`提交 ${file.checked.claims.length} 条申报`, `Submit ${file.checked.claims.length} claims`)}
              </Button>
            )
          )}
          {progress && (
            <Progress
              percent={Math.round((progress.sent / Math.max(1, progress.total)) * 100)}
              status={failure ? 'exception' : undefined}
            />
          )}
          {failure !== undefined && <ErrorState error={failure} />}
          {accepted.length > 0 && (
            <Alert
              type="success"
              showIcon
              message={t(`已受理 ${accepted.length} 条申报，正在裁决`, `${accepted.length} claims accepted; being adjudicated`)}
              description={<Link to="/claims">{t('到申报查询查看', 'See them under Claims')}</Link>}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
