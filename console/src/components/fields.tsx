/** Form fields that keep the API's shapes: dates and months as strings, amounts as decimal strings. */
import { DatePicker, Form, type FormInstance, Input } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { FieldError } from '../api.ts';

type Name = (string | number)[] | string;

export function DateField({ name, label, required, month }: { name: Name; label: string; required?: boolean; month?: boolean }) {
  const format = month ? 'YYYY-MM' : 'YYYY-MM-DD';
  return (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true, message: `${label}?` }] : []}
      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(month ? `${v}-01` : v) : undefined })}
      normalize={(d: dayjs.Dayjs | null) => (d ? d.format(format) : undefined)}
    >
      <DatePicker picker={month ? 'month' : 'date'} format={format} style={{ width: '100%' }} />
    </Form.Item>
  );
}

export function MoneyField({ name, label, required, extra }: { name: Name; label: string; required?: boolean; extra?: ReactNode }) {
  return (
    <Form.Item name={name} label={label} extra={extra} rules={required ? [{ required: true, message: `${label}?` }] : []}>
      <Input inputMode="decimal" placeholder="0.00" style={{ textAlign: 'right' }} />
    </Form.Item>
  );
}

/** `lines[0].unitPrice` → `['lines', 0, 'unitPrice']`, a form field name. */
export function nameOf(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Puts the API's field errors beside their fields; returns the ones no field shows, for an alert.
 * @example showFieldErrors(form, errors, 'zh')
 */
export function showFieldErrors(form: FormInstance, errors: readonly FieldError[], lang: 'zh' | 'en'): FieldError[] {
  const shown: FieldError[] = [];
  const byName = new Map<string, { name: (string | number)[]; messages: string[] }>();
  for (const e of errors) {
    const name = nameOf(e.path);
    const exists = name.length > 0 && form.getFieldInstance(name) !== undefined;
    if (!exists) continue;
    const key = JSON.stringify(name);
    const entry = byName.get(key) ?? { name, messages: [] };
    entry.messages.push(lang === 'zh' ? e.messageZh : e.message);
    byName.set(key, entry);
    shown.push(e);
  }
  form.setFields([...byName.values()].map((e) => ({ name: e.name, errors: e.messages })));
  return errors.filter((e) => !shown.includes(e));
}

/** Drops empty strings, undefined and empty objects, so optional fields left blank are absent. */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = compact(v);
      if (c === undefined || c === '' || (c && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0)) continue;
      out[k] = c;
    }
    return out;
  }
  return typeof value === 'string' ? value.trim() : value;
}
