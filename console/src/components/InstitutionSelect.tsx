/** Pick a registered institution (bureau and finance): the registry read page by page, searchable. */
import { Select } from 'antd';
import { useConsole } from '../context.tsx';
import { useI18n } from '../i18n.tsx';
import type { InstitutionPage, InstitutionRecord } from '../types.ts';
import { useLoad } from './useLoad.ts';

export async function allInstitutions(get: <T>(path: string) => Promise<T>): Promise<InstitutionRecord[]> {
  const out: InstitutionRecord[] = [];
  let token: string | undefined;
  do {
    const page: InstitutionPage = await get(`/registry/institutions?limit=100${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
    out.push(...page.items);
    token = page.nextToken;
  } while (token);
  return out;
}

export function InstitutionSelect(props: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const { api } = useConsole();
  const { t } = useI18n();
  const list = useLoad(() => allInstitutions(api.get), []);
  return (
    <Select
      id={props.id}
      allowClear
      showSearch
      style={{ minWidth: 240 }}
      loading={list.loading}
      placeholder={t('选择机构', 'Choose an institution')}
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      options={(list.data ?? []).map((i) => ({ value: i.institutionId, label: i.name ? `${i.institutionId} ${i.name}` : i.institutionId }))}
      filterOption={(input, o) =>
        String(o?.label ?? '')
          .toLowerCase()
          .includes(input.toLowerCase())
      }
    />
  );
}
