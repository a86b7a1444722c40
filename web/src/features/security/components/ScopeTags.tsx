import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'

/** A token's scopes in words: "Full access", "Read only", or "Customers: read and write"… */
export function ScopeTags({ scopes }: { scopes: string[] }) {
  const { t } = useTranslation()
  return (
    <>
      {scopes.map((s) => {
        const [module, access] = s.split(':') as [string, 'read' | 'write']
        const label = module === '*' ? t(access === 'write' ? 'security.scopes.full' : 'security.scopes.readOnly') : `${t(`security.modules.${module}`)}: ${t(`security.scopes.${access}`)}`
        return (
          <Tag key={s} color={access === 'write' ? 'orange' : 'blue'} style={{ marginBottom: 4 }}>
            {label}
          </Tag>
        )
      })}
    </>
  )
}
