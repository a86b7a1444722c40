import { Table } from 'antd'
import { useTranslation } from 'react-i18next'
import { DateTime } from '../../../components/DateTime'
import { formatNumber } from '../../../lib/format'
import { useBackupFiles } from '../hooks/useBackupFiles'
import type { BackupFile } from '../types'

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

export function BackupFilesTable() {
  const { t } = useTranslation()
  const files = useBackupFiles()
  return (
    <Table<BackupFile>
      rowKey="name"
      size="small"
      loading={files.isPending}
      dataSource={files.data?.items ?? []}
      pagination={false}
      locale={{ emptyText: t('backups.noFiles') }}
      columns={[
        { title: t('backups.file'), dataIndex: 'name' },
        { title: t('backups.size'), dataIndex: 'bytes', align: 'right', render: (b: number) => t('backups.megabytes', { size: formatNumber(megabytes(b)) }) },
        { title: t('backups.createdAt'), dataIndex: 'createdAt', render: (v: string) => <DateTime value={v} /> },
      ]}
    />
  )
}
