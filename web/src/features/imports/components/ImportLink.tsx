import { UploadOutlined } from '@ant-design/icons'
import { Button } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useAuth } from '../../auth/hooks/useAuth'
import type { ImportEntity } from '../types'

/** The list page's way into the import wizard, with its entity chosen; hidden from roles that cannot create records. */
export function ImportLink({ entity }: { entity: ImportEntity }) {
  const { t } = useTranslation()
  const { hasRole } = useAuth()
  if (hasRole('marketing')) return null
  return (
    <Link to={`/import?entity=${entity}`}>
      <Button icon={<UploadOutlined />} data-testid={`import-${entity}`}>{t('imports.importButton')}</Button>
    </Link>
  )
}
