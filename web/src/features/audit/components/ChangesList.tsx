import { ArrowRightOutlined } from '@ant-design/icons'
import { Typography } from 'antd'
import type { FieldDisplay } from '../../../lib/fieldDisplay'
import { isChangeMap, isFieldChange } from '../types'

interface Props {
  changes: Record<string, unknown> | null
  display: FieldDisplay
  /** On "create" only the initial values are shown (there was nothing before). */
  action?: string
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)

const row = { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 6, lineHeight: 1.7 } as const

/** "Status: Prospect → Active" per changed field; other recorded details as "key: value". */
export function ChangesList({ changes, display, action }: Props) {
  if (!changes || Object.keys(changes).length === 0) return null
  const created = action === 'create'
  const entries = Object.entries(changes)
    .map(([field, value]): [string, unknown] => (created && isFieldChange(value) ? [field, value.after] : [field, value]))
    .filter(([, value]) => !(created && isEmpty(value)))
  return (
    <div data-testid="changes">
      {entries.map(([field, value]) =>
        isChangeMap(value) ? (
          // e.g. a merge: the fields the target took over from the duplicate
          <div key={field}>
            <Typography.Text type="secondary">{display.label(field)}:</Typography.Text>
            <div style={{ paddingInlineStart: 12 }}>
              <ChangesList changes={value} display={display} />
            </div>
          </div>
        ) : isFieldChange(value) ? (
          <div key={field} style={row}>
            <Typography.Text type="secondary">{display.label(field)}:</Typography.Text>
            <Typography.Text delete={!isEmpty(value.before)} type="secondary">
              {display.value(field, value.before)}
            </Typography.Text>
            <ArrowRightOutlined style={{ fontSize: 11, color: 'rgba(0,0,0,0.35)' }} />
            <Typography.Text>{display.value(field, value.after)}</Typography.Text>
          </div>
        ) : (
          <div key={field} style={row}>
            <Typography.Text type="secondary">{display.label(field)}:</Typography.Text>
            <Typography.Text>{display.value(field, value)}</Typography.Text>
          </div>
        ),
      )}
    </div>
  )
}
