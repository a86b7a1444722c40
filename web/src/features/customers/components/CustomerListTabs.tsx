import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'

/** Switches between the customer list and the recently deleted ones. */
export function CustomerListTabs({ current }: { current: 'all' | 'deleted' }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Segmented
      value={current}
      onChange={(v) => navigate(v === 'deleted' ? '/customers/deleted' : '/customers')}
      options={[
        { value: 'all', label: t('customers.tabs.all') },
        { value: 'deleted', label: t('customers.tabs.deleted') },
      ]}
    />
  )
}
