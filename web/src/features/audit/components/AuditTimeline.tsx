import { Flex, Timeline, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import type { FieldDisplay } from '../../../lib/fieldDisplay'
import { ACTION_COLORS, type AuditEntry } from '../types'
import { AuditActionTag } from './AuditActionTag'
import { ChangesList } from './ChangesList'

const dotColor = (action: string) => {
  const c = ACTION_COLORS[action]
  return c === 'red' || c === 'volcano' ? 'red' : c === 'green' || c === 'cyan' ? 'green' : c === 'default' || !c ? 'gray' : 'blue'
}

/** A record's history: who did what when, with before → after per field. */
export function AuditTimeline({ entries, display }: { entries: AuditEntry[]; display: FieldDisplay }) {
  const { t } = useTranslation()
  return (
    <Timeline
      data-testid="history"
      items={entries.map((e) => ({
        key: e.id,
        color: dotColor(e.action),
        children: (
          <div>
            <Flex gap={8} align="center" wrap>
              <AuditActionTag action={e.action} />
              <Typography.Text strong>{e.actorName ?? t('audit.system')}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <DateTime value={e.at} relative />
              </Typography.Text>
            </Flex>
            <div style={{ marginTop: 6 }}>
              <ChangesList changes={e.changes} display={display} action={e.action} />
            </div>
          </div>
        ),
      }))}
    />
  )
}
