/** The institution's own month statement: its line, its entries, Excel and CSV downloads. */
import { Card } from 'antd';
import { useState } from 'react';
import { ErrorState } from '../../components/common.tsx';
import { MonthPicker } from '../../components/MonthPicker.tsx';
import { StatementView } from '../../components/StatementView.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useConsole } from '../../context.tsx';
import { shanghaiMonth } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { ownStatement } from './statement-data.ts';

export default function MyStatement() {
  const { api, session } = useConsole();
  const { t } = useI18n();
  const [month, setMonth] = useState(shanghaiMonth());
  const id = session.institutionId ?? '';
  const s = useLoad(() => ownStatement(api, month, id), [month]);
  return (
    <Card title={t('结算对账', 'Statement')}>
      <MonthPicker value={month} onChange={setMonth} />
      {s.error ? (
        <ErrorState error={s.error} retry={s.reload} />
      ) : s.data ? (
        <StatementView statement={s.data} institution={id} />
      ) : (
        <Card loading />
      )}
    </Card>
  );
}
