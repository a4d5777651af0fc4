/** Registered institutions: beds, medical facility and designations at a glance. */
import { Button, Card, Table, Tag } from 'antd';
import { ErrorState } from '../../components/common.tsx';
import { allInstitutions } from '../../components/InstitutionSelect.tsx';
import { useLoad } from '../../components/useLoad.ts';
import { useConsole } from '../../context.tsx';
import { useI18n } from '../../i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import type { InstitutionRecord } from '../../types.ts';

export default function Institutions() {
  const { api } = useConsole();
  const { t } = useI18n();
  const list = useLoad(() => allInstitutions(api.get), []);
  return (
    <Card
      title={t('机构', 'Institutions')}
      extra={
        <Button type="primary" onClick={() => navigate('/institutions/new')}>
          {t('新增机构', 'New institution')}
        </Button>
      }
    >
      {list.error ? (
        <ErrorState error={list.error} retry={list.reload} />
      ) : (
        <Table<InstitutionRecord>
          rowKey="institutionId"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('尚无登记机构。', 'No institution is registered.') }}
          columns={[
            {
              title: t('机构编码', 'Id'),
              dataIndex: 'institutionId',
              render: (id: string) => <Link to={`/institutions/${encodeURIComponent(id)}`}>{id}</Link>,
            },
            { title: t('名称', 'Name'), dataIndex: 'name' },
            { title: t('类型', 'Type'), dataIndex: 'institutionType' },
            { title: t('总床位', 'Beds'), dataIndex: 'totalBeds', align: 'right' as const },
            { title: t('护理型床位', 'Nursing beds'), dataIndex: 'nursingBeds', align: 'right' as const },
            { title: t('医疗设施', 'Medical facility'), dataIndex: 'medicalFacility' },
            {
              title: t('定点协议', 'Designations'),
              dataIndex: 'designations',
              render: (d: InstitutionRecord['designations']) =>
                d.map((x) => (
                  <Tag key={`${x.scheme}-${x.setting ?? ''}-${x.from}`}>
                    {x.scheme}
                    {x.setting ? `/${x.setting}` : ''}
                  </Tag>
                )),
            },
          ]}
        />
      )}
    </Card>
  );
}
