import { Select } from 'antd'
import type { SelectProps } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { campaignsApi } from '../api'
import { useCampaignList } from '../hooks/useCampaignList'
import { campaignKeys } from '../types'

/** Find a campaign by typing its name (a lead's or deal's source, a segment condition). */
export function CampaignSelect({ value, ...rest }: Omit<SelectProps<string>, 'options' | 'mode'>) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const q = useDebouncedValue(text.trim(), 250)
  const { data, isFetching } = useCampaignList({ q: q || undefined, limit: 20 })
  const options = (data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))
  // The chosen campaign may not be among the newest 20: its name comes from its own record.
  const missing = Boolean(value) && !isFetching && !options.some((o) => o.value === value)
  const current = useQuery({ queryKey: campaignKeys.detail(value ?? ''), queryFn: () => campaignsApi.get(value!), enabled: missing, retry: false })
  if (value && current.data && !options.some((o) => o.value === value)) options.unshift({ value, label: current.data.name })
  return (
    <Select<string>
      showSearch
      allowClear
      value={value}
      filterOption={false}
      onSearch={setText}
      loading={isFetching}
      placeholder={t('campaigns.pick')}
      notFoundContent={isFetching ? t('common.loading') : t('common.noMatches')}
      options={options}
      {...rest}
    />
  )
}
