import { Button, DatePicker, Flex, Select, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { fieldLabel } from '../fieldLabel'

/** Date fields a record cannot leave empty: without a choice, a blank one becomes the import day. */
const NEVER_EMPTY = new Set(['createdAt', 'closedAt'])

type Mode = 'default' | 'date' | 'reject'

interface Props {
  /** Rows with a blank cell, per mapped date field (from the dry run). */
  counts: Record<string, number>
  value: Record<string, string>
  onChange: (value: Record<string, string>) => void
  onRecheck: () => void
}

/** What a blank date means, per field: the default (import day, or empty where it may be), a fixed date, or a rejected row. */
export function BlankDatesCard({ counts, value, onChange, onRecheck }: Props) {
  const { t } = useTranslation()
  const set = (key: string, mode: Mode) => {
    const { [key]: _, ...rest } = value
    if (mode === 'default') onChange(rest)
    else onChange({ ...rest, [key]: mode === 'reject' ? 'reject' : dayjs().format('YYYY-MM-DD') })
  }
  return (
    <div data-testid="import-blank-dates" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('imports.blankDates.title')}</Typography.Title>
      {Object.entries(counts).map(([key, count]) => {
        const rule = value[key]
        const mode: Mode = rule === undefined ? 'default' : rule === 'reject' ? 'reject' : 'date'
        return (
          <Flex key={key} gap={8} align="center" wrap style={{ marginBottom: 8 }}>
            <Typography.Text>{t('imports.blankDates.count', { count, field: fieldLabel(t, key) })}</Typography.Text>
            <Select<Mode>
              value={mode}
              style={{ minWidth: 220 }}
              onChange={(m) => set(key, m)}
              data-testid={`import-blank-date-${key}`}
              options={[
                { value: 'default', label: t(NEVER_EMPTY.has(key) ? 'imports.blankDates.importDay' : 'imports.blankDates.empty') },
                { value: 'date', label: t('imports.blankDates.date') },
                { value: 'reject', label: t('imports.blankDates.reject') },
              ]}
            />
            {mode === 'date' && (
              <DatePicker allowClear={false} value={dayjs(rule)} onChange={(d) => d && onChange({ ...value, [key]: d.format('YYYY-MM-DD') })} />
            )}
          </Flex>
        )
      })}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('imports.blankDates.hint')}</Typography.Paragraph>
      <Button onClick={onRecheck} data-testid="import-recheck">{t('imports.blankDates.recheck')}</Button>
    </div>
  )
}
