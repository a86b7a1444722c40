import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Input, Segmented, Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { CursorPager } from '../../../components/CursorPager'
import { DateTime } from '../../../components/DateTime'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { useMailingLists } from '../hooks/useMailingLists'
import type { ListKind, MailingList } from '../types'
import { MailingListKindTag } from './MailingListKindTag'

const LIMIT = 50

/** Static lists and dynamic segments, newest first. */
export default function MailingListsPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [text, setText] = useState('')
  const [kind, setKind] = useState<ListKind | 'all'>('all')
  const q = useDebouncedValue(text.trim(), 300)
  const params = { q: q || undefined, kind: kind === 'all' ? undefined : kind, limit: LIMIT }
  const pager = useCursorPager(JSON.stringify(params))
  const query = useMailingLists({ ...params, cursor: pager.cursor })

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/mailing-lists/new')}>
      {t('mailingLists.new')}
    </Button>
  )
  const columns: TableProps<MailingList>['columns'] = [
    {
      key: 'name',
      title: t('mailingLists.fields.name'),
      render: (_, l) => (
        <div>
          <Link to={`/mailing-lists/${l.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
            {l.name}
          </Link>
          {l.description && (
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 360 }}>
              {l.description}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'kind', title: t('mailingLists.fields.kind'), width: 110, render: (_, l) => <MailingListKindTag kind={l.kind} /> },
    { key: 'createdAt', title: t('mailingLists.fields.createdAt'), width: 140, render: (_, l) => <DateTime value={l.createdAt} /> },
    { key: 'updatedAt', title: t('mailingLists.fields.updatedAt'), width: 140, render: (_, l) => <DateTime value={l.updatedAt} relative /> },
  ]
  const filtered = Boolean(q) || kind !== 'all'
  const empty = filtered ? (
    <EmptyState title={t('mailingLists.noMatchesTitle')} />
  ) : (
    <EmptyState title={t('mailingLists.emptyTitle')} description={t('mailingLists.empty')} action={newButton} />
  )

  return (
    <>
      <PageHeader title={t('mailingLists.title')} subtitle={<Typography.Text type="secondary">{t('mailingLists.subtitle')}</Typography.Text>} actions={newButton} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('mailingLists.searchPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} style={{ maxWidth: 320 }} />
          <Segmented<ListKind | 'all'>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'static', label: t('mailingLists.kind.static') },
              { value: 'dynamic', label: t('mailingLists.kind.dynamic') },
            ]}
          />
        </Flex>
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <Table<MailingList>
              rowKey="id"
              columns={columns}
              dataSource={query.data?.items ?? []}
              loading={query.isFetching}
              pagination={false}
              scroll={{ x: 720 }}
              locale={{ emptyText: query.isPending ? ' ' : empty }}
              onRow={(l) => ({ onClick: () => navigate(`/mailing-lists/${l.id}`), style: { cursor: 'pointer' } })}
            />
            <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
          </>
        )}
      </Card>
    </>
  )
}
