import { Alert, Space, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Duplicate } from '../types'

const hrefOf = (d: Duplicate) => (d.kind === 'lead' ? `/leads/${d.id}` : d.kind === 'customer' ? `/customers/${d.id}` : `/contacts/${d.id}`)

/** "These look like the same person or company": leads, customers and contacts matching what is typed. */
export function DuplicateWarning({ matches }: { matches: Duplicate[] }) {
  const { t, i18n } = useTranslation()
  if (matches.length === 0) return null
  const sep = i18n.language.startsWith('zh') ? '、' : ', '
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="duplicate-warning"
      style={{ marginBottom: 16 }}
      message={t('leads.duplicates.title', { count: matches.length })}
      description={
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          {matches.slice(0, 8).map((d) => (
            <div key={`${d.kind}-${d.id}`}>
              <Tag bordered={false}>{t(`leads.duplicates.kind.${d.kind}`)}</Tag>
              <Link to={hrefOf(d)} target="_blank" rel="noopener">
                {d.name}
              </Link>
              <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 8, fontSize: 12 }}>
                {t('leads.duplicates.matchedOn', { fields: d.matchedOn.map((f) => t(`leads.fields.${f}`)).join(sep) })}
              </span>
            </div>
          ))}
        </Space>
      }
    />
  )
}
