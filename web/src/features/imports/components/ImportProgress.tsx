import { DownloadOutlined } from '@ant-design/icons'
import { Alert, Button, Flex, Progress, Result, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { importsApi } from '../api'
import { LIST_MEMBERS, type ImportStatus } from '../types'
import { ImportCounts } from './ImportCounts'
import { RowErrorsTable } from './RowErrorsTable'

interface Props {
  status: ImportStatus
  onAnother: () => void
}

const percentOf = (s: ImportStatus) =>
  s.status === 'completed' ? 100 : s.progress.total ? Math.min(99, Math.floor((s.progress.processed / s.progress.total) * 100)) : 0

/** The running import's progress bar, then its summary with the rejected rows to download. */
export function ImportProgress({ status, onAnother }: Props) {
  const { t, i18n } = useTranslation()
  const n = (v: number | null) => new Intl.NumberFormat(i18n.language).format(v ?? 0)
  const entity = t(`imports.entities.${status.entity}`)
  const rejected = status.counts.invalid > 0 && (
    <Button icon={<DownloadOutlined />} href={importsApi.errorsUrl(status.id)} download data-testid="import-errors-csv">
      {t('imports.run.downloadRejected')}
    </Button>
  )
  const duplicates = status.duplicates.length > 0 && (
    <Button icon={<DownloadOutlined />} href={importsApi.duplicatesUrl(status.id)} download data-testid="import-duplicates-csv">
      {t('imports.run.downloadDuplicates')}
    </Button>
  )
  if (status.status === 'failed') {
    return (
      <Result status="error" title={t('imports.run.failed')} subTitle={status.error} extra={<Flex gap={8} justify="center" wrap>{rejected}<Button onClick={onAnother}>{t('imports.importAnother')}</Button></Flex>} />
    )
  }
  const done = status.status === 'completed'
  return (
    <div data-testid="import-progress">
      <Progress percent={percentOf(status)} status={done ? 'success' : 'active'} data-testid="import-progress-bar" />
      {!done && (
        <Typography.Text type="secondary">
          {status.phase === 'write' ? t('imports.run.writing') : t('imports.run.validating')}{' '}
          {status.progress.total !== null && t('imports.run.progress', { processed: n(status.progress.processed), total: n(status.progress.total) })}
        </Typography.Text>
      )}
      {done && (
        <Result
          status="success"
          title={t('imports.run.done')}
          subTitle={t('imports.run.doneDetail', { ...status.counts })}
          extra={
            <Flex gap={8} justify="center" wrap>
              {rejected}
              {duplicates}
              {status.entity === LIST_MEMBERS ? (
                status.options?.listId && <Link to={`/mailing-lists/${status.options.listId}`}><Button type="primary">{t('imports.mailingList.view')}</Button></Link>
              ) : (
                <Link to={`/${status.entity}`}><Button type="primary">{t('imports.run.viewRecords', { entity })}</Button></Link>
              )}
              <Button onClick={onAnother}>{t('imports.importAnother')}</Button>
              <Link to="/imports"><Button>{t('imports.history')}</Button></Link>
            </Flex>
          }
        >
          <ImportCounts counts={status.counts} />
        </Result>
      )}
      {done && status.rowWarnings.length > 0 && (
        <div data-testid="import-warnings">
          <Typography.Title level={5}>{t('imports.run.warnings')}</Typography.Title>
          <RowErrorsTable rows={status.rowWarnings} />
        </div>
      )}
      {status.error && !done && <Alert type="error" message={status.error} style={{ marginTop: 12 }} />}
    </div>
  )
}
