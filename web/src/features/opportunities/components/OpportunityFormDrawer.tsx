import { useQueryClient } from '@tanstack/react-query'
import { App, Form } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { FormDrawer } from '../../../components/FormDrawer'
import { VersionConflictModal, type Conflict } from '../../../components/VersionConflictModal'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { useAuth } from '../../auth/hooks/useAuth'
import { newOpportunityValues, toChanges, toFormValues, toInput, type OpportunityFormValues } from '../form'
import { useCreateOpportunity } from '../hooks/useCreateOpportunity'
import { useOpportunityFieldDisplay } from '../hooks/useOpportunityFieldDisplay'
import { useUpdateOpportunity } from '../hooks/useUpdateOpportunity'
import { opportunityKeys, type Opportunity, type OpportunityChanges } from '../types'
import { OpportunityForm } from './OpportunityForm'
import { useCompanyLocale } from '../../company/hooks/useCompanyLocale'

interface Props {
  open: boolean
  /** The deal to edit; absent = a new one. */
  opportunity?: Opportunity
  /** For a new deal: its customer (from the customer's page). */
  customer?: { id: string; name: string }
  onClose: () => void
}

export function OpportunityFormDrawer({ open, opportunity, customer, onClose }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const { user } = useAuth()
  const { currency } = useCompanyLocale()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<OpportunityFormValues>()
  const onError = useFormErrorHandler(form)
  const create = useCreateOpportunity()
  const update = useUpdateOpportunity()
  const display = useOpportunityFieldDisplay()
  const [conflict, setConflict] = useState<Conflict<Opportunity> | null>(null)

  const initialValues = opportunity ? toFormValues(opportunity) : newOpportunityValues(user.id, currency, customer?.id)
  useEffect(() => {
    if (open) form.resetFields()
  }, [open, opportunity?.id, opportunity?.version, form])

  const save = (changes: OpportunityChanges, version: number) =>
    opportunity &&
    update.mutate(
      { id: opportunity.id, patch: { ...changes, version } },
      {
        onSuccess: () => {
          setConflict(null)
          message.success(t('opportunities.saved'))
          onClose()
        },
        onError: (e) => {
          if (isApiError(e) && e.isConflict && e.current) setConflict({ mine: changes, current: e.current as Opportunity })
          else onError(e)
        },
      },
    )

  const submit = (values: OpportunityFormValues) => {
    if (!opportunity) {
      create.mutate(toInput(values, false), {
        onSuccess: (created) => {
          message.success(t('opportunities.created'))
          onClose()
          navigate(`/opportunities/${created.id}`)
        },
        onError,
      })
      return
    }
    const changes = toChanges(opportunity, values)
    if (Object.keys(changes).length === 0) return onClose()
    save(changes, opportunity.version)
  }

  const busy = create.isPending || update.isPending
  const title = opportunity ? t('opportunities.editTitle', { name: opportunity.name }) : t('opportunities.new')
  return (
    <FormDrawer open={open} onClose={onClose} width={600} title={title} busy={busy} onSave={() => form.submit()}>
      <OpportunityForm
        form={form}
        initialValues={initialValues}
        hasLines={Boolean(opportunity?.lines.length)}
        customerName={opportunity?.customerName ?? customer?.name}
        ownerName={opportunity?.ownerName}
        fixedCustomer={Boolean(customer)}
        onFinish={submit}
        disabled={busy}
      />
      <VersionConflictModal<Opportunity>
        conflict={conflict}
        entityName={t('opportunities.entity')}
        display={display}
        overwriting={update.isPending}
        onCancel={() => setConflict(null)}
        onReload={() => {
          if (conflict) queryClient.setQueryData(opportunityKeys.detail(conflict.current.id), conflict.current)
          setConflict(null)
          onClose()
          message.info(t('conflict.reloaded'))
        }}
        onOverwrite={() => conflict && save(conflict.mine as OpportunityChanges, conflict.current.version)}
      />
    </FormDrawer>
  )
}
