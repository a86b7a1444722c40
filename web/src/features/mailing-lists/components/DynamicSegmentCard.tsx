import { App, Button, Card, Space } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { useServerMessage } from '../../../hooks/useServerMessage'
import { isApiError } from '../../../lib/ApiError'
import { useUpdateMailingList } from '../hooks/useUpdateMailingList'
import { rowErrorsOf, toDraft, toFilter, type SegmentDraft } from '../segment'
import type { MailingList } from '../types'
import { SegmentEditor } from './SegmentEditor'

/** A saved segment's conditions, editable with a live count; saving replaces the filter. */
export function DynamicSegmentCard({ list }: { list: MailingList }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const notifyError = useNotifyError()
  const serverMessage = useServerMessage()
  const update = useUpdateMailingList()
  const [draft, setDraft] = useState<SegmentDraft>(() => toDraft(list.filter))
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({})
  // A newer version from the server (after save or a 409) replaces the draft.
  useEffect(() => setDraft(toDraft(list.filter)), [list.id, list.version]) // eslint-disable-line react-hooks/exhaustive-deps

  const dirty = JSON.stringify(toFilter(draft)) !== JSON.stringify(toFilter(toDraft(list.filter)))
  const save = () =>
    update.mutate(
      { id: list.id, patch: { filter: toFilter(draft), version: list.version } },
      {
        onSuccess: () => void message.success(t('mailingLists.saved')),
        onError: (e) => {
          if (isApiError(e) && e.isConflict) return void message.warning(t('mailingLists.conflict'))
          const rows = isApiError(e) ? rowErrorsOf(e.errors, serverMessage) : {}
          setRowErrors(rows)
          if (Object.keys(rows).length === 0) notifyError(e)
        },
      },
    )

  return (
    <Card
      title={t('mailingLists.segment.title')}
      style={{ marginBottom: 16 }}
      extra={
        <Space>
          {dirty && <Button onClick={() => setDraft(toDraft(list.filter))}>{t('mailingLists.segment.discard')}</Button>}
          <Button type="primary" disabled={!dirty} loading={update.isPending} onClick={save}>
            {t('mailingLists.segment.save')}
          </Button>
        </Space>
      }
    >
      <SegmentEditor
        draft={draft}
        onChange={(d) => {
          setDraft(d)
          setRowErrors({})
        }}
        saveErrors={rowErrors}
      />
    </Card>
  )
}
