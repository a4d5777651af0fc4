import { DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../i18n.tsx';

/** A labelled month picker holding `YYYY-MM`. */
export function MonthPicker({ value, onChange, id = 'month' }: { value: string; onChange: (m: string) => void; id?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item label={t('月份', 'Month')} htmlFor={id} style={{ marginBottom: 16 }}>
      <DatePicker
        id={id}
        picker="month"
        allowClear={false}
        value={dayjs(`${value}-01`)}
        onChange={(d) => d && onChange(d.format('YYYY-MM'))}
      />
    </Form.Item>
  );
}
