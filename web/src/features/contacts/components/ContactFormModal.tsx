import { useQueryClient } from '@tanstack/react-query'
import { App, Checkbox, Form, Input, Modal } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DuplicateWarning, type DuplicateMatch } from '../../../components/DuplicateWarning'
import { VersionConflictModal, type Conflict } from '../../../components/VersionConflictModal'
import { useDuplicateCheck } from '../../../hooks/useDuplicateCheck'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { formatPhone } from '../../../lib/phone'
import { useAuth } from '../../auth/hooks/useAuth'
import { CustomerSelect } from '../../customers/components/CustomerSelect'
import { toChanges, toFormValues, toInput, type ContactFormValues } from '../form'
import { useContactFieldDisplay } from '../hooks/useContactFieldDisplay'
import { useCreateContact } from '../hooks/useCreateContact'
import { useUpdateContact } from '../hooks/useUpdateContact'
import { contactKeys, type Contact, type ContactCandidate, type ContactChanges } from '../types'
import { useFieldRules } from '../../../hooks/useFieldRules'

interface Props {
  open: boolean
  /** The contact to edit; absent = a new one. */
  contact?: Contact
  /** For a new contact: the customer it belongs to (hides the customer picker). */
  customerId?: string
  onClose: () => void
}

export function ContactFormModal({ open, contact, customerId, onClose }: Props) {
  const { t } = useTranslation()
  const rules = useFieldRules()
  const { message } = App.useApp()
  const { defaultRegion } = useAuth()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<ContactFormValues>()
  const onError = useFormErrorHandler(form)
  const create = useCreateContact()
  const update = useUpdateContact()
  const display = useContactFieldDisplay()
  const [conflict, setConflict] = useState<Conflict<Contact> | null>(null)
  const fixedCustomer = Boolean(customerId)
  const [name, email, phone, customerOf] = [Form.useWatch('name', form), Form.useWatch('email', form), Form.useWatch('phone', form), Form.useWatch('customerId', form)]
  const duplicates = useDuplicateCheck<ContactCandidate>('/contacts/duplicates', { name, email, phone }, defaultRegion, { customerId: customerOf, excludeId: contact?.id })
  const matches: DuplicateMatch[] = (duplicates.data ?? []).map((c) => ({
    kind: 'contact', id: c.id, name: c.name, matchedOn: c.matchedOn,
    details: [t('duplicates.atCustomer', { name: c.customerName }), c.title ?? '', c.email ?? ''].filter(Boolean),
  }))
  const [saveAnyway, setSaveAnyway] = useState(false)
  const [insist, setInsist] = useState(false)
  const identityChanged = (v: ContactFormValues) =>
    !contact || v.name?.trim() !== contact.name || (v.email || null) !== contact.email || v.customerId !== contact.customerId ||
    formatPhone(v.phone ?? '', defaultRegion) !== formatPhone(contact.phone ?? '', defaultRegion)

  useEffect(() => {
    if (!open) return
    setSaveAnyway(false)
    setInsist(false)
    form.resetFields()
    form.setFieldsValue(contact ? toFormValues(contact, defaultRegion) : { customerId, name: '', isPrimary: false })
  }, [open, contact, customerId, defaultRegion, form])

  const save = (changes: ContactChanges, version: number) =>
    contact &&
    update.mutate(
      { id: contact.id, patch: { ...changes, version } },
      {
        onSuccess: () => {
          setConflict(null)
          message.success(t('contacts.saved'))
          onClose()
        },
        onError: (e) => {
          if (isApiError(e) && e.isConflict && e.current) setConflict({ mine: changes, current: e.current as Contact })
          else onError(e)
        },
      },
    )

  const submit = async (values: ContactFormValues) => {
    if (identityChanged(values) && !saveAnyway && (await duplicates.checkNow().catch(() => [])).length > 0) {
      setInsist(true)
      message.warning(t('duplicates.chooseFirst'))
      return
    }
    if (!contact) {
      create.mutate(toInput(values), {
        onSuccess: () => {
          message.success(t('contacts.created'))
          onClose()
        },
        onError,
      })
      return
    }
    const changes = toChanges(contact, values, defaultRegion)
    if (Object.keys(changes).length === 0) return onClose()
    save(changes, contact.version)
  }

  const busy = create.isPending || update.isPending
  return (
    <Modal
      open={open}
      title={contact ? t('contacts.editTitle', { name: contact.name }) : t('contacts.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      forceRender
    >
      <DuplicateWarning matches={matches} acknowledged={saveAnyway} onAcknowledge={setSaveAnyway} insist={insist} />
      <Form<ContactFormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy}>
        <Form.Item name="customerId" label={t('contacts.fields.customerId')} hidden={fixedCustomer} rules={[{ required: true, message: t('validation.required') }]}>
          <CustomerSelect knownLabel={contact?.customerName} />
        </Form.Item>
        <Form.Item name="name" label={t('contacts.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="title" label={t('contacts.fields.title')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="email" label={t('contacts.fields.email')} rules={rules.email}>
          <Input type="email" maxLength={254} />
        </Form.Item>
        <Form.Item name="phone" label={t('contacts.fields.phone')} rules={rules.phone}>
          <Input type="tel" maxLength={40} />
        </Form.Item>
        <Form.Item name="isPrimary" valuePropName="checked">
          <Checkbox>{t('contacts.fields.isPrimary')}</Checkbox>
        </Form.Item>
      </Form>
      <VersionConflictModal<Contact>
        conflict={conflict}
        entityName={t('contacts.entity')}
        display={display}
        same={(field, mine, theirs) =>
          field === 'phone'
            ? formatPhone(mine as string, defaultRegion) === formatPhone(theirs as string, defaultRegion)
            : JSON.stringify(mine ?? null) === JSON.stringify(theirs ?? null)
        }
        overwriting={update.isPending}
        onCancel={() => setConflict(null)}
        onReload={() => {
          if (conflict) queryClient.setQueryData(contactKeys.detail(conflict.current.id), conflict.current)
          void queryClient.invalidateQueries({ queryKey: contactKeys.lists() })
          setConflict(null)
          onClose()
          message.info(t('conflict.reloaded'))
        }}
        onOverwrite={() => conflict && save(conflict.mine as ContactChanges, conflict.current.version)}
      />
    </Modal>
  )
}
