import { useQueryClient } from '@tanstack/react-query'
import { App, Form } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { DuplicateWarning } from '../../../components/DuplicateWarning'
import { FormDrawer } from '../../../components/FormDrawer'
import { VersionConflictModal, type Conflict } from '../../../components/VersionConflictModal'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { formatPhone } from '../../../lib/phone'
import { useAuth } from '../../auth/hooks/useAuth'
import { newCustomerValues, toChanges, toFormValues, toInput, type CustomerFormValues } from '../form'
import { useCreateCustomer } from '../hooks/useCreateCustomer'
import { useCustomerDuplicates } from '../hooks/useCustomerDuplicates'
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
  const name = Form.useWatch('name', form)
  const email = Form.useWatch('email', form)
  const phone = Form.useWatch('phone', form)
  const duplicates = useCustomerDuplicates({ name, email, phone }, defaultRegion, customer?.id)
  // "Save anyway" is asked once the name, e-mail or phone is new: an edit of other fields goes through.
  const [saveAnyway, setSaveAnyway] = useState(false)
  const [insist, setInsist] = useState(false)
  const identityChanged = (v: CustomerFormValues) =>
    !customer || v.name?.trim() !== customer.name || (v.email || null) !== customer.email || formatPhone(v.phone ?? '', defaultRegion) !== formatPhone(customer.phone ?? '', defaultRegion)

  const initialValues = customer ? toFormValues(customer, defaultRegion) : newCustomerValues(user.id)
  // The form instance outlives the drawer's content: start from the record each time it opens.
  useEffect(() => {
    if (open) form.resetFields()
    setSaveAnyway(false)
    setInsist(false)
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

  const submit = async (values: CustomerFormValues) => {
    if (identityChanged(values) && !saveAnyway && (await duplicates.checkNow().catch(() => [])).length > 0) {
      setInsist(true)
      message.warning(t('duplicates.chooseFirst'))
      return
    }
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
      <DuplicateWarning matches={duplicates.matches} acknowledged={saveAnyway} onAcknowledge={setSaveAnyway} insist={insist} />
      <CustomerForm form={form} initialValues={initialValues} ownerName={customer?.ownerName} onFinish={(v) => void submit(v)} disabled={busy} />
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
