import { App, Form } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { FormDrawer } from '../../../components/FormDrawer'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { newTicketValues, toInput, type TicketFormValues } from '../form'
import { useCreateTicket } from '../hooks/useCreateTicket'
import { TicketForm } from './TicketForm'

interface Props {
  open: boolean
  onClose: () => void
  /** Opened from a customer's page: the ticket is his. */
  customer?: { id: string; name: string }
}

/** New ticket for an inquiry or complaint taken on the phone or in person. */
export function TicketFormDrawer({ open, onClose, customer }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [form] = Form.useForm<TicketFormValues>()
  const onError = useFormErrorHandler(form)
  const create = useCreateTicket()

  useEffect(() => {
    if (open) form.resetFields()
  }, [open, form])

  const submit = (values: TicketFormValues) =>
    create.mutate(toInput(values), {
      onSuccess: (ticket) => {
        message.success(t('tickets.created', { number: ticket.number }))
        onClose()
        navigate(`/tickets/${ticket.id}`)
      },
      onError,
    })

  return (
    <FormDrawer open={open} onClose={onClose} width={640} title={t('tickets.new')} busy={create.isPending} onSave={() => form.submit()}>
      <TicketForm form={form} initialValues={newTicketValues(customer?.id)} customerName={customer?.name} onFinish={submit} disabled={create.isPending} />
    </FormDrawer>
  )
}
