import { Form, Radio, Segmented, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { SCOPE_MODULES, type ModuleAccess } from '../scopes'

/**
 * The token form's access choice: everything the user may do, read only, or per module. Lives in
 * the token form (fields `access` and `modules.<module>`), whose submit turns it into scopes.
 */
export function ScopePicker() {
  const { t } = useTranslation()
  const access = Form.useWatch('access')
  const options = (['none', 'read', 'write'] as ModuleAccess[]).map((v) => ({ value: v, label: t(`security.scopes.${v}`) }))
  return (
    <>
      <Form.Item name="access" label={t('security.scopes.label')} extra={t('security.scopes.hint')} initialValue="full">
        <Radio.Group>
          <Space direction="vertical">
            <Radio value="full">{t('security.scopes.full')}</Radio>
            <Radio value="read">{t('security.scopes.readOnly')}</Radio>
            <Radio value="custom">{t('security.scopes.custom')}</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {access === 'custom' && (
        <div data-testid="scope-modules" style={{ display: 'grid', gridTemplateColumns: 'max-content max-content', gap: '6px 16px', alignItems: 'center', marginBottom: 16 }}>
          {SCOPE_MODULES.map((m) => (
            <div key={m} style={{ display: 'contents' }}>
              <Typography.Text>{t(`security.modules.${m}`)}</Typography.Text>
              <div data-testid={`scope-${m}`}>
                <Form.Item name={['modules', m]} initialValue="none" noStyle>
                  <Segmented size="small" options={options} aria-label={t(`security.modules.${m}`)} />
                </Form.Item>
              </div>
            </div>
          ))}
        </div>
      )}
    </>
  )
}
