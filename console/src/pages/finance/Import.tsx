/**
 * A bank payment file by drag and drop. The API checks it all or nothing: a rejected file lists every
 * bad line and nothing is applied; a clean one is applied as a whole.
 */
import { Alert, Button, Card, Descriptions, Progress, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api.ts';
import { ErrorState, Money } from '../../components/common.tsx';
import { useConsole } from '../../context.tsx';
import { useI18n } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';

interface ImportResult {
  importId: string;
  payments: number;
  total: string;
  resumed: boolean;
}
interface BadLine {
  line: number;
  row: number;
  paymentId: string | null;
  message: string;
}

export default function Import() {
  const { api } = useConsole();
  const { t } = useI18n();
  const [name, setName] = useState<string>();
  const [stage, setStage] = useState<'idle' | 'reading' | 'sending' | 'done'>('idle');
  const [result, setResult] = useState<ImportResult>();
  const [bad, setBad] = useState<{ lines: BadLine[]; rows: number }>();
  const [failure, setFailure] = useState<unknown>();

  const send = async (file: File) => {
    setName(file.name);
    setResult(undefined);
    setBad(undefined);
    setFailure(undefined);
    setStage('reading');
    const text = await file.text();
    setStage('sending');
    try {
      setResult(await api.send<ImportResult>('POST', '/disbursements', text, 'text/csv; charset=utf-8'));
    } catch (e) {
      const details = e instanceof ApiError ? (e.details as { errors?: BadLine[]; rows?: number } | undefined) : undefined;
      if (e instanceof ApiError && e.code === 'DISBURSEMENTS_REJECTED' && details?.errors)
        setBad({ lines: details.errors, rows: details.rows ?? 0 });
      else setFailure(e);
    } finally {
      setStage('done');
    }
    return false;
  };

  return (
    <Card title={t('导入银行支付文件', 'Import a bank payment file')}>
      <Typography.Paragraph type="secondary">
        {t('CSV，表头 ', 'CSV with the header ')}
        <Typography.Text code>paymentId,institutionId,month,amount,paidOn</Typography.Text>
        {t(
          '（顺序不限，UTF-8，可带 BOM，最多 5,000 行）。任何一行有误则整个文件不入账。',
          ' (any order, UTF-8, BOM allowed, at most 5,000 rows). One bad line and nothing is applied.',
        )}
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,text/csv"
        multiple={false}
        showUploadList={false}
        beforeUpload={send}
        disabled={stage === 'reading' || stage === 'sending'}
      >
        <p style={{ fontSize: 16 }}>{t('点击选择，或将支付文件拖到此处', 'Click to choose, or drop the payment file here')}</p>
        <p style={{ color: '#888' }}>{name ?? t('尚未选择文件', 'No file yet')}</p>
      </Upload.Dragger>
      <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
        {(stage === 'reading' || stage === 'sending') && (
          <Progress
            percent={stage === 'reading' ? 30 : 70}
            status="active"
            format={() => (stage === 'reading' ? t('读取文件', 'Reading') : t('校验并入账', 'Checking and applying'))}
          />
        )}
        {bad && (
          <>
            <Alert
              type="error"
              showIcon
              message={t(
                `文件被拒绝：${bad.lines.length} 行有误，未入账任何支付`,
                `Rejected: ${bad.lines.length} bad line(s); nothing was applied`,
              )}
              description={t(
                `共 ${bad.rows} 行支付。请改正下列各行后重新上传整个文件。`,
                `${bad.rows} payment rows. Correct these lines and upload the whole file again.`,
              )}
            />
            <Table<BadLine>
              size="small"
              rowKey={(l) => String(l.line)}
              dataSource={bad.lines}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: t('行号', 'Line'), dataIndex: 'line', width: 80 },
                { title: t('支付编号', 'Payment id'), dataIndex: 'paymentId' },
                { title: t('问题', 'Problem'), dataIndex: 'message' },
              ]}
            />
          </>
        )}
        {failure !== undefined && <ErrorState error={failure} />}
        {result && (
          <Alert
            type="success"
            showIcon
            message={
              result.resumed
                ? t('该文件此前已提交，现已全部入账', 'This file was sent before; it is now fully applied')
                : t('已入账', 'Applied')
            }
            description={
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('支付笔数', 'Payments')}>{result.payments}</Descriptions.Item>
                <Descriptions.Item label={t('合计（元）', 'Total (yuan)')}>
                  <Money value={result.total} />
                </Descriptions.Item>
                <Descriptions.Item label={t('导入编号', 'Import id')}>{result.importId}</Descriptions.Item>
              </Descriptions>
            }
            action={<Button onClick={() => navigate('/')}>{t('查看对账单', 'See the statement')}</Button>}
          />
        )}
      </Space>
    </Card>
  );
}
