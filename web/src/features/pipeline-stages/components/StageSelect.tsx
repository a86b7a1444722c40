import { Select } from 'antd'
import type { SelectProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { useStageLabels } from '../hooks/useStageLabels'

/** Pick a pipeline stage (in pipeline order, named in the UI's language). */
export function StageSelect(props: Omit<SelectProps<string>, 'options' | 'mode'>) {
  const { t } = useTranslation()
  const { stages, name, isPending } = useStageLabels()
  return (
    <Select<string>
      loading={isPending}
      placeholder={t('stages.pick')}
      options={stages.map((s) => ({ value: s.key, label: name(s.key) }))}
      notFoundContent={t('common.noMatches')}
      {...props}
    />
  )
}
