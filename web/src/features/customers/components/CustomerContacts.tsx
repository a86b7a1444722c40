import { PlusOutlined } from '@ant-design/icons'
import { Button, Flex } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { CursorPager } from '../../../components/CursorPager'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { ContactFormModal } from '../../contacts/components/ContactFormModal'
import { ContactTable } from '../../contacts/components/ContactTable'
import { useConfirmDeleteContact } from '../../contacts/hooks/useConfirmDeleteContact'
import { useContactList } from '../../contacts/hooks/useContactList'
import type { Contact } from '../../contacts/types'

/** The customer's people, added and edited in place. */
export function CustomerContacts({ customerId }: { customerId: string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const pager = useCursorPager(customerId)
  const query = useContactList({ customerId, sort: 'name', limit: 20, cursor: pager.cursor })
  const confirmDelete = useConfirmDeleteContact()
  const [editing, setEditing] = useState<Contact | 'new' | null>(null)

  const addButton = (
    <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
      {t('contacts.add')}
    </Button>
  )
  if (query.error) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
  const items = query.data?.items ?? []

  return (
    <>
      {items.length > 0 && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          {addButton}
        </Flex>
      )}
      <ContactTable
        items={items}
        loading={query.isFetching}
        hideCustomer
        empty={query.isPending ? ' ' : <EmptyState title={t('contacts.noneYetTitle')} description={t('contacts.noneYet')} action={addButton} />}
        onOpen={(c) => navigate(`/contacts/${c.id}`)}
        onEdit={(c) => setEditing(c)}
        onDelete={(c) => confirmDelete(c)}
      />
      <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
      <ContactFormModal
        open={editing !== null}
        contact={editing === 'new' || editing === null ? undefined : editing}
        customerId={customerId}
        onClose={() => setEditing(null)}
      />
    </>
  )
}
