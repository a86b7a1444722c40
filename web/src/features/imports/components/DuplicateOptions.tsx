import { Checkbox, Form, Radio, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DedupeKey, ImportMode } from '../types'

export interface DuplicateSettings {
  mode: ImportMode
  dedupeBy: DedupeKey
  skipInvalid: boolean
  createMissing: boolean
  dayFirst: boolean
}

interface Props {
  value: DuplicateSettings
  onChange: (value: DuplicateSettings) => void
  /** Contacts and deals name a customer: offer to create the missing ones. */
  hasReferences: boolean
  /** Mailing-list members: no duplicate mode (a member already in the list is skipped); unknown e-mails may become leads. */
  listMembers?: boolean
  /** Users: matched by e-mail only, and never updated by an import. */
  byEmailOnly?: boolean
}

export function DuplicateOptions({ value, onChange, hasReferences, listMembers = false, byEmailOnly = false }: Props) {
  const { t } = useTranslation()
  const set = (patch: Partial<DuplicateSettings>) => onChange({ ...value, ...patch })
  return (
    <Form layout="vertical">
      <Typography.Title level={5}>{t(listMembers ? 'imports.mailingList.optionsTitle' : 'imports.dedupe.title')}</Typography.Title>
      {listMembers && <Typography.Paragraph type="secondary">{t('imports.mailingList.optionsHint')}</Typography.Paragraph>}
      {!listMembers && (
        <>
          <Form.Item label={t('imports.dedupe.mode')} style={{ marginBottom: 12 }}>
            <Radio.Group
              value={value.mode}
              onChange={(e) => set({ mode: e.target.value as ImportMode })}
              options={(byEmailOnly ? (['skip-duplicates', 'create'] as const) : (['skip-duplicates', 'upsert', 'create'] as const)).map((m) => ({ value: m, label: t(`imports.dedupe.modes.${m}`) }))}
            />
          </Form.Item>
          {value.mode !== 'create' && (
            <Form.Item label={t('imports.dedupe.by')} style={{ marginBottom: 12 }}>
              <Radio.Group
                value={value.dedupeBy}
                onChange={(e) => set({ dedupeBy: e.target.value as DedupeKey })}
                options={(byEmailOnly ? (['email'] as const) : (['email', 'phone', 'name'] as const)).map((k) => ({ value: k, label: t(`imports.dedupe.keys.${k}`) }))}
              />
            </Form.Item>
          )}
        </>
      )}
      <Space direction="vertical" size={4}>
        <Checkbox checked={value.skipInvalid} onChange={(e) => set({ skipInvalid: e.target.checked })} data-testid="import-skip-invalid">
          {t('imports.dedupe.skipInvalid')}
        </Checkbox>
        <Typography.Text type="secondary" style={{ marginLeft: 24, fontSize: 12 }}>{t('imports.dedupe.skipInvalidHint')}</Typography.Text>
        {(hasReferences || listMembers) && (
          <Checkbox checked={value.createMissing} onChange={(e) => set({ createMissing: e.target.checked })} data-testid="import-create-missing">
            {t(listMembers ? 'imports.mailingList.createMissing' : 'imports.dedupe.createMissing')}
          </Checkbox>
        )}
        {!listMembers && <Checkbox checked={value.dayFirst} onChange={(e) => set({ dayFirst: e.target.checked })}>{t('imports.dedupe.dayFirst')}</Checkbox>}
      </Space>
    </Form>
  )
}
