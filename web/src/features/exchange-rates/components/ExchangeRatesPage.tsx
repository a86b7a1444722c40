import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Space, Table, Tag, Typography, Upload } from 'antd'
import type { TableProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import { formatDate } from '../../../lib/format'
import { currencyName } from '../../../lib/money'
import { useExchangeRates, useRateMutations } from '../hooks/useExchangeRates'
import { useRateMessage } from '../hooks/useRateMessage'
import type { ExchangeRate } from '../types'
import { RateFormModal } from './RateFormModal'

/** Admin: exchange rates into the company currency, by date; reports convert other currencies with them. */
export default function ExchangeRatesPage() {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const { data, isPending, error, refetch } = useExchangeRates()
  const { remove, importCsv } = useRateMutations()
  const notifyError = useNotifyError()
  const serverMessage = useRateMessage()
  const [editing, setEditing] = useState<ExchangeRate | 'new' | null>(null)
  const base = data?.base ?? 'CNY'

  const confirmDelete = (r: ExchangeRate) =>
    modal.confirm({
      title: t('rates.deleteTitle', { currency: r.currency, date: formatDate(r.effectiveDate) }),
      content: t('rates.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync({ id: r.id, version: r.version })
          message.success(t('rates.deleted'))
        } catch (e) {
          if (isApiError(e) && e.isConflict) message.warning(t('rates.conflict'))
          else notifyError(e)
        }
      },
    })

  const upload = async (file: File) => {
    try {
      const result = await importCsv.mutateAsync(await file.text())
      message.success(t('rates.imported', result))
    } catch (e) {
      // Every bad line at once, by line number, in the field error's words.
      if (isApiError(e) && e.errors.length) {
        modal.error({
          title: t('rates.importFailed'),
          width: 560,
          content: (
            <ul style={{ paddingLeft: 18, maxHeight: 320, overflow: 'auto' }} data-testid="rate-import-errors">
              {e.errors.map((x) => {
                const [, line, field] = x.path.split('.')
                return <li key={x.path + x.message}>{line ? t('rates.importLine', { line, field: t(`rates.csvField.${field ?? 'date'}`), message: serverMessage(x.message) }) : serverMessage(x.message)}</li>
              })}
            </ul>
          ),
        })
      } else notifyError(e)
    }
    return false
  }

  const columns: TableProps<ExchangeRate>['columns'] = [
    { key: 'currency', title: t('rates.fields.currency'), render: (_, r) => <Space><Typography.Text strong>{r.currency}</Typography.Text><Typography.Text type="secondary">{currencyName(r.currency)}</Typography.Text></Space> },
    { key: 'rate', title: t('rates.fields.rate'), align: 'right', render: (_, r) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>1 {r.currency} = {r.rate} {r.base}</span> },
    { key: 'effectiveDate', title: t('rates.fields.effectiveDate'), render: (_, r) => formatDate(r.effectiveDate) },
    {
      key: 'until',
      title: t('rates.fields.until'),
      render: (_, r) => (r.until ? formatDate(r.until) : <Tag color="green" bordered={false}>{t('rates.current')}</Tag>),
    },
    {
      key: 'actions',
      title: '',
      width: 96,
      align: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(r)} />
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => confirmDelete(r)} />
        </Space>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('rates.title')}
        subtitle={t('rates.subtitle', { base, baseName: currencyName(base) })}
        actions={
          <Space>
            <Upload accept=".csv,.txt,text/csv" showUploadList={false} beforeUpload={(f) => upload(f)}>
              <Button icon={<UploadOutlined />} loading={importCsv.isPending}>
                {t('rates.import')}
              </Button>
            </Upload>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('rates.new')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Alert type="info" showIcon message={t('rates.hint', { base })} description={t('rates.importHint')} style={{ marginBottom: 16 }} />
        {error ? (
          <ErrorResult error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<ExchangeRate>
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={isPending}
            pagination={(data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            locale={{ emptyText: t('rates.empty') }}
            scroll={{ x: 640 }}
            data-testid="rates-table"
          />
        )}
      </Card>
      <RateFormModal open={editing !== null} rate={editing === 'new' || editing === null ? undefined : editing} base={base} onClose={() => setEditing(null)} />
    </>
  )
}
