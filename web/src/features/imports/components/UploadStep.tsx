import { InboxOutlined } from '@ant-design/icons'
import { Form, Select, Spin, Typography, Upload } from 'antd'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../auth/hooks/useAuth'
import { IMPORT_ENTITY_LIST, LIST_MEMBERS, USERS, type ImportEntity } from '../types'
import { StaticListSelect } from './StaticListSelect'

interface Props {
  entity: ImportEntity
  onEntityChange: (entity: ImportEntity) => void
  /** Mailing-list members: the static list they join. */
  listId: string | undefined
  onListChange: (listId: string | undefined) => void
  onFile: (file: File) => void
  busy: boolean
}

export function UploadStep({ entity, onEntityChange, listId, onListChange, onFile, busy }: Props) {
  const { t } = useTranslation()
  const auth = useAuth()
  const managesLists = auth.hasRole('admin', 'marketing')
  const isAdmin = auth.hasRole('admin')
  const entities = IMPORT_ENTITY_LIST.filter((e) => (e !== LIST_MEMBERS || managesLists) && (e !== USERS || isAdmin))
  const needsList = entity === LIST_MEMBERS && !listId
  return (
    <>
      <Form layout="vertical" style={{ maxWidth: 320 }}>
        <Form.Item label={t('imports.entity')}>
          <Select
            value={entity}
            onChange={onEntityChange}
            data-testid="import-entity"
            options={entities.map((e) => ({ value: e, label: t(`imports.entities.${e}`) }))}
          />
        </Form.Item>
        {entity === LIST_MEMBERS && (
          <Form.Item label={t('imports.mailingList.label')} required extra={t('imports.mailingList.hint')}>
            <StaticListSelect value={listId} onChange={onListChange} />
          </Form.Item>
        )}
      </Form>
      <Spin spinning={busy} tip={t('imports.analyzing')}>
        <Upload.Dragger
          accept=".csv,.xlsx,.vcf,text/csv,text/vcard,text/x-vcard,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={busy || needsList}
          beforeUpload={(file) => {
            onFile(file)
            return false // the wizard uploads it itself, with the entity
          }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{needsList ? t('imports.mailingList.required') : t('imports.drop')}</p>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 520, margin: '0 auto', padding: '0 16px' }}>
            {t('imports.dropHint')}
          </Typography.Paragraph>
        </Upload.Dragger>
      </Spin>
    </>
  )
}
