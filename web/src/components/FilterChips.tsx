import { Flex, Tag } from 'antd'
import type { TFunction } from 'i18next'
import { formatDay } from '../lib/format'

export interface FilterChip {
  key: string
  label: string
  onClose: () => void
}

/**
 * Filters that have no control of their own on a list (the day ranges a report drills down with),
 * shown as closable tags: the user sees why the list is shorter, and can widen it.
 */
export function FilterChips({ chips }: { chips: FilterChip[] }) {
  if (!chips.length) return null
  return (
    <Flex gap={4} wrap style={{ marginBottom: 12 }} data-testid="filter-chips">
      {chips.map((c) => (
        <Tag
          key={c.key}
          color="blue"
          closable
          onClose={(e) => {
            e.preventDefault()
            c.onClose()
          }}
          data-testid={`filter-chip-${c.key}`}
        >
          {c.label}
        </Tag>
      ))}
    </Flex>
  )
}

/** A day range's text: both ends, or the open one as "from …" / "to …" (`fmt` formats a day). */
export const rangeText = (from: string | undefined, to: string | undefined, fmt: (d: string) => string) =>
  from && to ? (from === to ? fmt(from) : `${fmt(from)} – ${fmt(to)}`) : from ? `≥ ${fmt(from)}` : `≤ ${fmt(to ?? '')}`

/** The "created in …" chip of a report's drill-down into a list; clearing it drops the range and its time zone. */
export function createdChip(t: TFunction, f: { createdFrom?: string; createdTo?: string }, update: (patch: Record<string, undefined>) => void): FilterChip[] {
  if (!f.createdFrom && !f.createdTo) return []
  return [{ key: 'created', label: t('common.createdRange', { range: rangeText(f.createdFrom, f.createdTo, formatDay) }), onClose: () => update({ createdFrom: undefined, createdTo: undefined, tz: undefined }) }]
}
