import { App, Button, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import { useUpdateLead } from '../hooks/useUpdateLead'
import { NEXT_STATUSES, type Lead } from '../types'

type Step = (typeof NEXT_STATUSES)[keyof typeof NEXT_STATUSES][number]

/** One click moves the lead along: new → contacted → qualified, or unqualified (the steps the server allows). */
export function LeadStatusActions({ lead }: { lead: Lead }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const update = useUpdateLead()
  const notifyError = useNotifyError()
  const steps: readonly Step[] = NEXT_STATUSES[lead.status]
  if (steps.length === 0) return null
  const set = (status: Step) =>
    update.mutate(
      { id: lead.id, patch: { status, version: lead.version } },
      {
        onSuccess: () => void message.success(t('leads.statusChanged', { status: t(`leads.status.${status}`) })),
        onError: (e) => (isApiError(e) && e.isConflict ? void message.warning(t('leads.conflict')) : notifyError(e)),
      },
    )
  return (
    <Space wrap data-testid="lead-status-actions">
      {steps.map((s) => (
        <Button key={s} size="small" onClick={() => set(s)} loading={update.isPending && update.variables?.patch.status === s} danger={s === 'unqualified'}>
          {t(`leads.mark.${s}`)}
        </Button>
      ))}
    </Space>
  )
}
