import { useQueryClient } from '@tanstack/react-query'
import { App, Form } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { FormDrawer } from '../../../components/FormDrawer'
import { VersionConflictModal, type Conflict } from '../../../components/VersionConflictModal'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { formatPhone } from '../../../lib/phone'
import { useAuth } from '../../auth/hooks/useAuth'
import { newCustomerValues, toChanges, toFormValues, toInput, type CustomerFormValues } from '../form'
import { useCreateCustomer } from '../hooks/useCreateCustomer'
import { useCustomerFieldDisplay } from '../hooks/useCustomerFieldDisplay'
import { useUpdateCustomer } from '../hooks/useUpdateCustomer'
import { customerKeys, type Customer, type CustomerChanges } from '../types'
import { CustomerForm } from './CustomerForm'

interface Props {
  open: boolean
  /** The customer to edit; absent = create a new one. */
  customer?: Customer
  onClose: () => void
}

export function CustomerFormDrawer({ open, customer, onClose }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const { user, defaultRegion } = useAuth()
  const [form] = Form.useForm<CustomerFormValues>()
  const onError = useFormErrorHandler(form)
  const create = useCreateCustomer()
  const update = useUpdateCustomer()
  const display = useCustomerFieldDisplay()
  const queryClient = useQueryClient()
  const [conflict, setConflict] = useState<Conflict<Customer> | null>(null)

  const initialValues = customer ? toFormValues(customer, defaultRegion) : newCustomerValues(user.id)
  // The form instance outlives the drawer's content: start from the record each time it opens.
  useEffect(() => {
    if (open) form.resetFields()
  }, [open, customer?.id, customer?.version, form])

  const save = (changes: CustomerChanges, version: number) => {
    if (!customer) return
    update.mutate(
      { id: customer.id, patch: { ...changes, version } },
      {
        onSuccess: () => {
          setConflict(null)
          message.success(t('customers.saved'))
          onClose()
        },
        onError: (e) => {
          if (isApiError(e) && e.isConflict && e.current) setConflict({ mine: changes, current: e.current as Customer })
          else onError(e)
        },
      },
    )
  }

  const submit = (values: CustomerFormValues) => {
    if (!customer) {
      create.mutate(toInput(values), {
        onSuccess: (created) => {
          message.success(t('customers.created'))
          onClose()
          navigate(`/customers/${created.id}`)
        },
        onError,
      })
      return
    }
    const changes = toChanges(customer, values, defaultRegion)
    if (Object.keys(changes).length === 0) return onClose()
    save(changes, customer.version)
  }

  const samePhoneAware = (field: string, mine: unknown, theirs: unknown) =>
    field === 'phone'
      ? formatPhone(mine as string, defaultRegion) === formatPhone(theirs as string, defaultRegion)
      : JSON.stringify(mine ?? null) === JSON.stringify(theirs ?? null)

  const busy = create.isPending || update.isPending
  const title = customer ? t('customers.editTitle', { name: customer.name }) : t('customers.new')
  return (
    <FormDrawer open={open} onClose={onClose} width={640} title={title} busy={busy} onSave={() => form.submit()}>
      <CustomerForm form={form} initialValues={initialValues} ownerName={customer?.ownerName} onFinish={submit} disabled={busy} />
      <VersionConflictModal<Customer>
        conflict={conflict}
        entityName={t('customers.entity')}
        display={display}
        same={samePhoneAware}
        overwriting={update.isPending}
        onCancel={() => setConflict(null)}
        onReload={() => {
          // Their version becomes the one shown; the drawer closes with the user's edits discarded.
          if (conflict) {
            queryClient.setQueryData(customerKeys.detail(conflict.current.id), conflict.current)
            void queryClient.invalidateQueries({ queryKey: customerKeys.history(conflict.current.id) })
          }
          setConflict(null)
          onClose()
          message.info(t('conflict.reloaded'))
        }}
        onOverwrite={() => conflict && save(conflict.mine as CustomerChanges, conflict.current.version)}
      />
    </FormDrawer>
  )
}
