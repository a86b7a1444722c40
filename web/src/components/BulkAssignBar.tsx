import { UserSwitchOutlined } from '@ant-design/icons'
import type { UseMutationResult } from '@tanstack/react-query'
import { App, Button, Flex, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../hooks/useNotifyError'
import { AssignOwnerModal } from './AssignOwnerModal'

interface Props {
  selected: string[]
  /** The feature's bulk-assign mutation (POST /<resource>/assign). */
  assign: UseMutationResult<unknown, unknown, { ids: string[]; ownerId: string }>
  /** Called after a successful reassignment, e.g. to clear the selection. */
  onDone: () => void
}

/** "N selected · Reassign" above a list, and the owner picker that reassigns the selection. */
export function BulkAssignBar({ selected, assign, onDone }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const notifyError = useNotifyError()
  const [assigning, setAssigning] = useState(false)

  return (
    <>
      {selected.length > 0 && (
        <Flex align="center" gap={12} style={{ marginBottom: 12 }}>
          <Typography.Text>{t('assign.selected', { count: selected.length })}</Typography.Text>
          <Button icon={<UserSwitchOutlined />} onClick={() => setAssigning(true)}>
            {t('assign.action')}
          </Button>
        </Flex>
      )}
      <AssignOwnerModal
        open={assigning}
        count={selected.length}
        loading={assign.isPending}
        onCancel={() => setAssigning(false)}
        onAssign={(ownerId) =>
          assign.mutate(
            { ids: selected, ownerId },
            {
              onSuccess: () => {
                message.success(t('assign.done', { count: selected.length }))
                setAssigning(false)
                onDone()
              },
              onError: notifyError,
            },
          )
        }
      />
    </>
  )
}
