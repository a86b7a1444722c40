import { Button, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useErrorText } from '../hooks/useErrorText'
import { isApiError } from '../lib/ApiError'
import { ForbiddenResult } from './ForbiddenResult'

/** A whole page that could not load: not found, forbidden, or broken. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const errorText = useErrorText()
  if (isApiError(error) && error.status === 403) return <ForbiddenResult />
  if (isApiError(error) && error.status === 404) {
    return (
      <Result
        status="404"
        title={t('errors.notFoundTitle')}
        subTitle={t('errors.notFound')}
        extra={<Button onClick={() => navigate('/')}>{t('common.goHome')}</Button>}
      />
    )
  }
  return (
    <Result
      status="warning"
      title={t('errors.loadFailed')}
      subTitle={errorText(error)}
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  )
}
