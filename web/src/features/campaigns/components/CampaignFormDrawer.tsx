import { App, Form } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { FormDrawer } from '../../../components/FormDrawer'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { useAuth } from '../../auth/hooks/useAuth'
import { formPathOf, newCampaignValues, toChanges, toFormValues, toInput, type CampaignFormValues } from '../form'
import { useCreateCampaign } from '../hooks/useCreateCampaign'
import { useUpdateCampaign } from '../hooks/useUpdateCampaign'
import type { Campaign } from '../types'
import { CampaignForm } from './CampaignForm'
import { useCompanyLocale } from '../../company/hooks/useCompanyLocale'

interface Props {
  open: boolean
  /** The campaign to edit; absent = a new one. */
  campaign?: Campaign
  onClose: () => void
}

export function CampaignFormDrawer({ open, campaign, onClose }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const { user } = useAuth()
  const { currency } = useCompanyLocale()
  const [form] = Form.useForm<CampaignFormValues>()
  const handleError = useFormErrorHandler(form)
  // The range picker holds both dates: its errors come back as startDate/endDate.
  const onError = (e: unknown) => {
    if (isApiError(e)) e.errors.forEach((x) => (x.path = formPathOf(x.path)))
    handleError(e)
  }
  const create = useCreateCampaign()
  const update = useUpdateCampaign()

  const initialValues = campaign ? toFormValues(campaign) : newCampaignValues(user.id, currency)
  useEffect(() => {
    if (open) form.resetFields()
  }, [open, campaign?.id, campaign?.version, form])

  const submit = (values: CampaignFormValues) => {
    if (!campaign) {
      create.mutate(toInput(values), {
        onSuccess: (created) => {
          message.success(t('campaigns.created'))
          onClose()
          navigate(`/campaigns/${created.id}`)
        },
        onError,
      })
      return
    }
    const changes = toChanges(campaign, values)
    if (Object.keys(changes).length === 0) return onClose()
    update.mutate(
      { id: campaign.id, patch: { ...changes, version: campaign.version } },
      {
        onSuccess: () => {
          message.success(t('campaigns.saved'))
          onClose()
        },
        onError: (e) => {
          if (isApiError(e) && e.isConflict) {
            message.warning(t('campaigns.conflict'))
            onClose()
          } else onError(e)
        },
      },
    )
  }

  const busy = create.isPending || update.isPending
  return (
    <FormDrawer open={open} onClose={onClose} width={640} title={campaign ? t('campaigns.editTitle', { name: campaign.name }) : t('campaigns.new')} busy={busy} onSave={() => form.submit()}>
      <CampaignForm form={form} initialValues={initialValues} ownerName={campaign?.ownerName} onFinish={submit} disabled={busy} />
    </FormDrawer>
  )
}
