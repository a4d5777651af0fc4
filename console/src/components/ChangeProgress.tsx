/**
 * The re-adjudication of a change the clerk just saved (GET /reference-changes/{changeId}): the
 * partitions re-decided out of those the change touches, polled until it is done, with the change id
 * (the trigger its adjustments name).
 */
import { Alert, Progress } from 'antd';
import { useEffect, useState } from 'react';
import { useConsole } from '../context.tsx';
import { useI18n } from '../i18n.tsx';

interface ChangeStatus {
  readonly changeId: string;
  readonly total: number;
  readonly done: number;
  readonly state: 'fanning-out' | 'running' | 'done';
}

export function ChangeProgress({ changeId }: { changeId: string }) {
  const { api } = useConsole();
  const { t } = useI18n();
  const [status, setStatus] = useState<ChangeStatus>();
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const s = await api.get<ChangeStatus>(`/reference-changes/${encodeURIComponent(changeId)}`);
        if (!live) return;
        setStatus(s);
        if (s.state !== 'done') timer = setTimeout(poll, 500);
      } catch {
        if (live) timer = setTimeout(poll, 2000);
      }
    };
    void poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [api, changeId]);
  const done = status?.state === 'done';
  const text = status
    ? t(
        `重新审核 ${status.done}/${status.total} 个分区${done ? '，已完成' : status.state === 'fanning-out' ? '（分发中）' : ''}`,
        `Re-adjudication: ${status.done}/${status.total} partitions${done ? ', done' : status.state === 'fanning-out' ? ' (still fanning out)' : ''}`,
      )
    : t('重新审核：查询中', 'Re-adjudication: checking');
  return (
    <Alert
      type={done ? 'success' : 'info'}
      showIcon
      data-testid="change-progress"
      message={text}
      description={
        <>
          <Progress percent={status && status.total > 0 ? Math.round((100 * status.done) / status.total) : done ? 100 : 0} size="small" />
          {t(`变更编号 ${changeId}：受影响申报的调整以此为触发`, `Change ${changeId}: the adjustments it posts name it as their trigger`)}
        </>
      }
    />
  );
}
