import { InboxOutlined } from '@ant-design/icons'
import { Form, Select, Spin, Typography, Upload } from 'antd'
import { useTranslation } from 'react-i18next'
import { IMPORT_ENTITY_LIST, type ImportEntity } from '../types'

interface Props {
  entity: ImportEntity
  onEntityChange: (entity: ImportEntity) => void
  onFile: (file: File) => void
  busy: boolean
}

export function UploadStep({ entity, onEntityChange, onFile, busy }: Props) {
  const { t } = useTranslation()
  return (
    <>
      <Form layout="vertical" style={{ maxWidth: 320 }}>
        <Form.Item label={t('imports.entity')}>
          <Select
            value={entity}
            onChange={onEntityChange}
            data-testid="import-entity"
            options={IMPORT_ENTITY_LIST.map((e) => ({ value: e, label: t(`imports.entities.${e}`) }))}
          />
        </Form.Item>
      </Form>
      <Spin spinning={busy} tip={t('imports.analyzing')}>
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            onFile(file)
            return false // the wizard uploads it itself, with the entity
          }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('imports.drop')}</p>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 520, margin: '0 auto', padding: '0 16px' }}>
            {t('imports.dropHint')}
          </Typography.Paragraph>
        </Upload.Dragger>
      </Spin>
    </>
  )
}
