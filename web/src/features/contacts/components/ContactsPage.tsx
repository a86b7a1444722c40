import { PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { Button, Card } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMatch, useNavigate, useSearchParams } from 'react-router'
import { CursorPager } from '../../../components/CursorPager'
import { DebouncedInput } from '../../../components/DebouncedInput'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { ExportButton } from '../../../components/ExportButton'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useConfirmDeleteContact } from '../hooks/useConfirmDeleteContact'
import { useContactList } from '../hooks/useContactList'
import type { Contact } from '../types'
import { ContactDrawer } from './ContactDrawer'
import { ContactFormModal } from './ContactFormModal'
import { ContactTable } from './ContactTable'
import { ImportLink } from '../../imports/components/ImportLink'

export default function ContactsPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const id = useMatch('/contacts/:id')?.params.id
  const [search, setSearch] = useSearchParams()
  const q = search.get('q') ?? ''
  const params = { q: q.trim() || undefined, sort: q.trim() ? undefined : 'name', limit: 20 }
  const pager = useCursorPager(JSON.stringify(params))
  const query = useContactList({ ...params, cursor: pager.cursor })
  const confirmDelete = useConfirmDeleteContact()
  const [editing, setEditing] = useState<Contact | 'new' | null>(null)
  const suffix = search.toString() ? `?${search.toString()}` : ''

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
      {t('contacts.new')}
    </Button>
  )
  const empty = q ? (
    <EmptyState title={t('contacts.noMatchesTitle')} description={t('contacts.noMatches')} />
  ) : (
    <EmptyState title={t('contacts.emptyTitle')} description={t('contacts.empty')} action={newButton} />
  )

  return (
    <>
      <PageHeader title={t('contacts.title')} actions={<><ImportLink entity="contacts" /><ExportButton resource="contacts" params={params} />{newButton}</>} />
      <Card>
        <DebouncedInput
          value={q}
          onChange={(v) => setSearch(v ? { q: v } : {}, { replace: true })}
          prefix={<SearchOutlined />}
          placeholder={t('contacts.searchPlaceholder')}
          aria-label={t('contacts.searchPlaceholder')}
          style={{ width: 320, maxWidth: '100%', marginBottom: 16 }}
        />
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <ContactTable
              items={query.data?.items ?? []}
              loading={query.isFetching}
              empty={query.isPending ? ' ' : empty}
              onOpen={(c) => navigate(`/contacts/${c.id}${suffix}`)}
              onEdit={(c) => setEditing(c)}
              onDelete={(c) => confirmDelete(c)}
            />
            <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
          </>
        )}
      </Card>
      <ContactDrawer id={id} onClose={() => navigate(`/contacts${suffix}`)} />
      <ContactFormModal open={editing !== null} contact={editing === 'new' || editing === null ? undefined : editing} onClose={() => setEditing(null)} />
    </>
  )
}
