import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { TICKET_VIEWS, type TicketView } from '../types'

/** The inbox's saved views: my queue, the unassigned pile, what is about to breach, everything. */
export function TicketViewTabs({ view, onChange }: { view: TicketView; onChange: (view: TicketView) => void }) {
  const { t } = useTranslation()
  return (
    <Segmented<TicketView>
      value={view}
      onChange={onChange}
      aria-label={t('tickets.viewsLabel')}
      data-testid="ticket-views"
      options={TICKET_VIEWS.map((v) => ({ value: v, label: t(`tickets.views.${v}`) }))}
      style={{ marginBottom: 16 }}
    />
  )
}
