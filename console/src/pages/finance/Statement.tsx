/** Finance's month statement: every line's status, the entries behind a line, downloads, and closing the month. */
import { Alert, App, Button, Card, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ErrorState } from '../../components/common.tsx';
import { MonthPicker } from '../../components/MonthPicker.tsx';
import { StatementView } from '../../components/StatementView.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useConsole } from '../../context.tsx';
import { formatInstant, shanghaiMonth } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import type { Statement as StatementData } from '../../types.ts';

export default function Statement() {
  const { api } = useConsole();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [month, setMonth] = useState(shanghaiMonth());
  const s = useLoad(() => api.get<StatementData>(`/statements/${month}`), [month]);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [closing, setClosing] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const close = async () => {
    setClosing(true);
    setFailure(undefined);
    try {
      const r = await api.send<{ at: string }>('POST', `/months/${month}/close`, {});
      message.success(t(`${month} 已结账（${formatInstant(r.at)}）`, `${month} closed (${formatInstant(r.at)})`));
      setConfirming(false);
      s.reload();
    } catch (e) {
      setFailure(e);
    } finally {
      setClosing(false);
    }
  };

  return (
    <Card title={t('月度对账', 'Month statement')}>
      <MonthPicker value={month} onChange={setMonth} />
      {s.error ? (
        <ErrorState error={s.error} retry={s.reload} />
      ) : !s.data ? (
        <Card loading />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {!s.data.closed && (
            <Button
              danger
              onClick={() => {
                setTyped('');
                setConfirming(true);
              }}
            >
              {t(`结账 ${month}`, `Close ${month}`)}
            </Button>
          )}
          <StatementView statement={s.data} />
        </Space>
      )}
      <Modal
        open={confirming}
        title={t(`确认结账 ${month}`, `Close ${month}?`)}
        okText={t('确认结账', 'Close the month')}
        okButtonProps={{ danger: true, disabled: typed !== month, loading: closing }}
        cancelText={t('取消', 'Cancel')}
        onOk={close}
        onCancel={() => setConfirming(false)}
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('结账不可撤销', 'Closing cannot be undone')}
          description={t(
            '结账后本月只读；之后的变动记入下一个未结账月份，并标为跨期。',
            'The month becomes read-only; later changes go to the next open month as prior-period items.',
          )}
        />
        <Typography.Paragraph>{t(`请输入 ${month} 以确认：`, `Type ${month} to confirm:`)}</Typography.Paragraph>
        <Input
          aria-label={t('确认月份', 'Confirm the month')}
          value={typed}
          onChange={(e) => setTyped(e.target.value.trim())}
          placeholder={month}
        />
        {failure !== undefined && (
          <div style={{ marginTop: 12 }}>
            <ErrorState error={failure} />
          </div>
        )}
      </Modal>
    </Card>
  );
}
