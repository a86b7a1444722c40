import { App, Form } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { FormDrawer } from '../../../components/FormDrawer'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { useAuth } from '../../auth/hooks/useAuth'
import { newLeadValues, toChanges, toFormValues, toInput, type LeadFormValues } from '../form'
import { useCreateLead } from '../hooks/useCreateLead'
import { useUpdateLead } from '../hooks/useUpdateLead'
import type { Lead } from '../types'
import { LeadForm } from './LeadForm'

interface Props {
  open: boolean
  /** The lead to edit; absent = a new one. */
  lead?: Lead
  onClose: () => void
}

export function LeadFormDrawer({ open, lead, onClose }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const { user, defaultRegion } = useAuth()
  const [form] = Form.useForm<LeadFormValues>()
  const onError = useFormErrorHandler(form)
  const create = useCreateLead()
  const update = useUpdateLead()

  const initialValues = lead ? toFormValues(lead, defaultRegion) : newLeadValues(user.id)
  useEffect(() => {
    if (open) form.resetFields()
  }, [open, lead?.id, lead?.version, form])

  const submit = (values: LeadFormValues) => {
    if (!lead) {
      create.mutate(toInput(values), {
        onSuccess: (created) => {
          message.success(t('leads.created'))
          onClose()
          navigate(`/leads/${created.id}`)
        },
        onError,
      })
      return
    }
    const changes = toChanges(lead, values, defaultRegion)
    if (Object.keys(changes).length === 0) return onClose()
    update.mutate(
      { id: lead.id, patch: { ...changes, version: lead.version } },
      {
        onSuccess: () => {
          message.success(t('leads.saved'))
          onClose()
        },
        onError: (e) => {
          // Someone else saved it meanwhile: show theirs; the user edits again from there.
          if (isApiError(e) && e.isConflict) {
            message.warning(t('leads.conflict'))
            onClose()
          } else onError(e)
        },
      },
    )
  }

  const busy = create.isPending || update.isPending
  const title = lead ? t('leads.editTitle', { name: lead.name }) : t('leads.new')
  return (
    <FormDrawer open={open} onClose={onClose} width={600} title={title} busy={busy} onSave={() => form.submit()}>
      <LeadForm
        form={form}
        initialValues={initialValues}
        leadId={lead?.id}
        status={lead?.status}
        ownerName={lead?.ownerName}
        onFinish={submit}
        disabled={busy}
      />
    </FormDrawer>
  )
}
