import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'

export function ProductActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation()
  return (
    <Tag color={active ? 'green' : 'default'} bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(active ? 'products.active' : 'products.inactive')}
    </Tag>
  )
}
