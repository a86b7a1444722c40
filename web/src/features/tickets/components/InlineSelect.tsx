import { Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useTicketMutation } from '../hooks/useTicketMutation'
import type { Ticket } from '../types'

type Field = 'priority' | 'type' | 'channel'

interface Props<F extends Field> {
  ticket: Ticket
  field: F
  values: readonly Ticket[F][]
}

/** Changes one of the ticket's enumerated fields in place (a new priority moves its SLA due times). */
export function InlineSelect<F extends Field>({ ticket, field, values }: Props<F>) {
  const { t } = useTranslation()
  const mutation = useTicketMutation(ticket)
  return (
    <Select<Ticket[F]>
      size="small"
      variant="filled"
      value={ticket[field]}
      loading={mutation.isPending}
      disabled={mutation.isPending || ticket.status === 'closed'}
      aria-label={t(`tickets.fields.${field}`)}
      popupMatchSelectWidth={false}
      options={values.map((v) => ({ value: v, label: t(`tickets.${field}.${v}`) }))}
      onChange={(v) => void mutation.change({ [field]: v }, { success: t('tickets.saved') })}
      style={{ minWidth: 120 }}
    />
  )
}
