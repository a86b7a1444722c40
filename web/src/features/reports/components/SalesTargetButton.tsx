import { AimOutlined } from '@ant-design/icons'
import { App, Button, DatePicker, Form, Input, Modal, Radio, Select } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CurrencySelect } from '../../../components/CurrencySelect'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { useAuth } from '../../auth/hooks/useAuth'
import { useTeams } from '../../teams/hooks/useTeams'
import { UserSelect } from '../../users/components/UserSelect'
import { reportsApi } from '../api'
import { reportKeys } from '../types'
import { useCompanyLocale } from '../../company/hooks/useCompanyLocale'

interface Values {
  month: dayjs.Dayjs
  whose: 'company' | 'team' | 'user'
  teamId?: string
  ownerId?: string
  amount: string
  currency: string
}

/** Set a month's target for the company, a team or a rep (a manager: his team and its members). */
export function SalesTargetButton() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { user, hasRole } = useAuth()
  const teams = useTeams()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<Values>()
  const { currency } = useCompanyLocale()
  const onError = useFormErrorHandler(form)
  const client = useQueryClient()
  const save = useMutation({
    mutationFn: (v: Values) =>
      reportsApi.putTarget({
        month: v.month.format('YYYY-MM'),
        ownerId: v.whose === 'user' ? (v.ownerId ?? null) : null,
        teamId: v.whose === 'team' ? (v.teamId ?? null) : null,
        amount: v.amount.trim(),
        currency: v.currency,
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: reportKeys.all })
      message.success(t('reports.targets.saved'))
      setOpen(false)
    },
    onError,
  })
  const whose = Form.useWatch('whose', form)
  const admin = hasRole('admin')
  return (
    <>
      <Button icon={<AimOutlined />} onClick={() => setOpen(true)} data-testid="set-target">
        {t('reports.targets.set')}
      </Button>
      <Modal open={open} title={t('reports.targets.title')} okText={t('common.save')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ month: dayjs(), whose: admin ? 'company' : 'team', teamId: admin ? undefined : (user.teamId ?? undefined), currency }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="month" label={t('reports.targets.month')} rules={[{ required: true }]}>
            <DatePicker picker="month" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="whose" label={t('reports.targets.whose')}>
            <Radio.Group
              options={[
                ...(admin ? [{ value: 'company', label: t('reports.targets.company') }] : []),
                { value: 'team', label: t('reports.targets.team') },
                { value: 'user', label: t('reports.targets.user') },
              ]}
            />
          </Form.Item>
          {whose === 'team' && (
            <Form.Item name="teamId" label={t('reports.targets.team')} rules={[{ required: true }]}>
              <Select disabled={!admin} options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
            </Form.Item>
          )}
          {whose === 'user' && (
            <Form.Item name="ownerId" label={t('reports.targets.user')} rules={[{ required: true }]}>
              <UserSelect activeOnly />
            </Form.Item>
          )}
          <Form.Item name="amount" label={t('reports.targets.amount')} rules={[{ required: true, pattern: /^\d{1,16}(\.\d{1,2})?$/, message: t('reports.targets.amountRule') }]}>
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="currency" label={t('reports.targets.currency')}>
            <CurrencySelect />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
