import { Alert, Button, Modal, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import type { FieldDisplay } from '../lib/fieldDisplay'

export interface Conflict<T> {
  /** The fields the user tried to save (without version). */
  mine: Record<string, unknown>
  /** The record as it is on the server now. */
  current: T
}

interface Props<T> {
  conflict: Conflict<T> | null
  /** "customer", "contact"… in the current language. */
  entityName: string
  display: FieldDisplay
  /** Compares a saved value with the server's; defaults to JSON equality. */
  same?: (field: string, mine: unknown, theirs: unknown) => boolean
  overwriting?: boolean
  onReload: () => void
  onOverwrite: () => void
  onCancel: () => void
}

const jsonSame = (_f: string, a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * Someone else saved the record after this user opened it (409 VERSION_CONFLICT). Shows, per field
 * the user tried to save, their value and his, and lets him keep theirs or overwrite with his.
 */
export function VersionConflictModal<T extends object>({ conflict, entityName, display, same = jsonSame, overwriting, onReload, onOverwrite, onCancel }: Props<T>) {
  const { t } = useTranslation()
  const current = (conflict?.current ?? {}) as Record<string, unknown>
  const rows = Object.entries(conflict?.mine ?? {})
    .filter(([field, mine]) => !same(field, mine, current[field]))
    .map(([field, mine]) => ({ field, mine, theirs: current[field] }))

  return (
    <Modal
      open={conflict !== null}
      title={t('conflict.title', { entity: entityName })}
      onCancel={onCancel}
      width={640}
      destroyOnHidden
      footer={[
        <Button key="reload" onClick={onReload} disabled={overwriting}>
          {t('conflict.reload')}
        </Button>,
        <Button key="overwrite" type="primary" danger onClick={onOverwrite} loading={overwriting}>
          {t('conflict.overwrite')}
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon message={t('conflict.explain', { entity: entityName })} style={{ marginBottom: 16 }} />
      {rows.length === 0 ? (
        <Alert type="info" message={t('conflict.noOverlap')} />
      ) : (
        <Table
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          data-testid="conflict-table"
          columns={[
            { title: t('conflict.field'), dataIndex: 'field', render: (f: string) => display.label(f), width: '28%' },
            { title: t('conflict.theirs'), key: 'theirs', render: (_, r) => display.value(r.field, r.theirs) },
            { title: t('conflict.mine'), key: 'mine', render: (_, r) => display.value(r.field, r.mine) },
          ]}
        />
      )}
    </Modal>
  )
}
