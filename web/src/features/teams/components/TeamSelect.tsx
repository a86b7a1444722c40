import { Select } from 'antd'
import type { SelectProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { useTeams } from '../hooks/useTeams'

export function TeamSelect(props: Omit<SelectProps<string>, 'options' | 'mode'>) {
  const { t } = useTranslation()
  const { data, isLoading } = useTeams()
  return (
    <Select<string>
      allowClear
      showSearch
      optionFilterProp="label"
      loading={isLoading}
      placeholder={t('teams.pick')}
      options={(data ?? []).map((team) => ({ value: team.id, label: team.name }))}
      notFoundContent={t('common.noMatches')}
      {...props}
    />
  )
}
