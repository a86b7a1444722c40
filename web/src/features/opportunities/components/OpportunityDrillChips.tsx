import { useTranslation } from 'react-i18next'
import { FilterChips, rangeText, type FilterChip } from '../../../components/FilterChips'
import { formatDay } from '../../../lib/format'
import type { useOpportunityListParams } from '../hooks/useOpportunityListParams'

/** The day ranges and other narrowing a report's drill-down put on the deal list, each clearable. */
export function OpportunityDrillChips({ list }: { list: ReturnType<typeof useOpportunityListParams> }) {
  const { t } = useTranslation()
  const { filters: f, update } = list
  const chips: FilterChip[] = []
  const range = (name: 'close' | 'created' | 'closed', from: string | undefined, to: string | undefined) => {
    if (!from && !to) return
    // The time zone only says which instants the created/closed days are: it goes with the last of them.
    const otherTimed = name === 'created' ? f.closedFrom || f.closedTo : name === 'closed' ? f.createdFrom || f.createdTo : true
    chips.push({
      key: name,
      label: t(`opportunities.drill.${name}`, { range: rangeText(from, to, formatDay) }),
      onClose: () => update({ [`${name}From`]: undefined, [`${name}To`]: undefined, ...(otherTimed ? {} : { tz: undefined }) }),
    })
  }
  range('close', f.closeFrom, f.closeTo)
  range('created', f.createdFrom, f.createdTo)
  range('closed', f.closedFrom, f.closedTo)
  if (f.noCloseDate === 'true') chips.push({ key: 'noCloseDate', label: t('opportunities.drill.noCloseDate'), onClose: () => update({ noCloseDate: undefined }) })
  if (f.currency) chips.push({ key: 'currency', label: t('opportunities.drill.currency', { currency: f.currency }), onClose: () => update({ currency: undefined }) })
  if (f.lostReason) chips.push({ key: 'lostReason', label: t('opportunities.drill.lostReason', { reason: f.lostReason }), onClose: () => update({ lostReason: undefined }) })
  if (f.source) chips.push({ key: 'source', label: t('opportunities.drill.source', { source: f.source }), onClose: () => update({ source: undefined }) })
  if (f.campaignId) chips.push({ key: 'campaignId', label: t('opportunities.drill.campaign'), onClose: () => update({ campaignId: undefined }) })
  return <FilterChips chips={chips} />
}
