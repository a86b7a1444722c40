import { UserAddOutlined } from '@ant-design/icons'
import { App, Button, Card } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CursorPager } from '../../../components/CursorPager'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { useListMemberChanges } from '../hooks/useListMemberChanges'
import { useListMembers } from '../hooks/useListMembers'
import type { MailingList } from '../types'
import { AddMembersModal } from './AddMembersModal'
import { MemberTable } from './MemberTable'

const LIMIT = 50

/** A list's members now; a static list's can be added and removed here. */
export function ListMembersCard({ list }: { list: MailingList }) {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const notifyError = useNotifyError()
  const editable = list.kind === 'static'
  const pager = useCursorPager(list.id)
  const members = useListMembers(list.id, { limit: LIMIT, cursor: pager.cursor })
  const { remove } = useListMemberChanges(list.id)
  const [adding, setAdding] = useState(false)

  const addButton = editable && (
    <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
      {t('mailingLists.addMembers')}
    </Button>
  )
  const confirmRemove = (m: { id: string; name: string }) =>
    modal.confirm({
      title: t('mailingLists.removeTitle', { name: m.name }),
      okText: t('mailingLists.removeOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(m.id).then(() => void message.success(t('mailingLists.removed', { name: m.name })), notifyError),
    })

  return (
    <Card title={t('mailingLists.membersTitle')} extra={addButton} data-testid="list-members">
      {members.error ? (
        <ErrorResult error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <>
          <MemberTable
            items={members.data?.items ?? []}
            loading={members.isFetching}
            onRemove={editable ? confirmRemove : undefined}
            empty={members.isPending ? ' ' : <EmptyState title={t(editable ? 'mailingLists.noMembersStatic' : 'mailingLists.noMembersDynamic')} action={addButton} />}
          />
          <CursorPager pager={pager} nextCursor={members.data?.nextCursor} loading={members.isFetching} />
        </>
      )}
      {editable && <AddMembersModal listId={list.id} open={adding} onClose={() => setAdding(false)} />}
    </Card>
  )
}
