import { Card, Descriptions, Flex, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { useNow } from '../hooks/useNow'
import type { Ticket } from '../types'
import { SlaBadge } from './SlaBadge'

/** Both SLA targets with their due times, counting down while they run (a ticket finished unanswered stops both clocks). */
export function SlaCard({ ticket: tk }: { ticket: Ticket }) {
  const { t } = useTranslation()
  const now = useNow()
  if (!tk.firstResponseDueAt && !tk.resolutionDueAt) return null
  const row = (kind: 'firstResponse' | 'resolution', dueAt: string | null, doneAt: string | null, pausedAt: string | null = null) => (
    <Flex vertical gap={2}>
      <SlaBadge kind={kind} dueAt={dueAt} doneAt={doneAt} pausedAt={pausedAt} now={now} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <DateTime value={dueAt} />
      </Typography.Text>
    </Flex>
  )
  return (
    <Card title={t('tickets.sla.title')} size="small" data-testid="sla-card">
      <Descriptions
        column={1}
        size="small"
        colon={false}
        styles={{ label: { width: 110, color: 'rgba(0,0,0,0.5)' } }}
        items={[
          { key: 'fr', label: t('tickets.sla.firstResponseLabel'), children: row('firstResponse', tk.firstResponseDueAt, tk.firstRespondedAt ?? tk.resolvedAt ?? tk.closedAt) },
          { key: 'res', label: t('tickets.sla.resolutionLabel'), children: row('resolution', tk.resolutionDueAt, tk.resolvedAt ?? tk.closedAt, tk.slaPausedAt) },
        ]}
      />
    </Card>
  )
}
