import { Checkbox, Form, Radio, Select, Space, Typography } from 'antd'
import { getCountries } from 'libphonenumber-js'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { DedupeKey, ImportMode } from '../types'
import { useCompanyLocale } from '../../company/hooks/useCompanyLocale'
import { TimeZoneSelect } from '../../service-settings/components/TimeZoneSelect'

export interface DuplicateSettings {
  mode: ImportMode
  dedupeBy: DedupeKey
  skipInvalid: boolean
  createMissing: boolean
  dayFirst: boolean
  /** The zone a date without a time (a close date) is midnight in; unset: the company's. */
  timeZone?: string
  /** Where numbers without a country code are from; undefined = the server's default region. */
  region?: string
  dropInvalidPhone: boolean
}

interface Props {
  value: DuplicateSettings
  onChange: (value: DuplicateSettings) => void
  /** Contacts and deals name a customer: offer to create the missing ones. */
  hasReferences: boolean
  /** Mailing-list members: no duplicate mode (a member already in the list is skipped); unknown e-mails may become leads. */
  listMembers?: boolean
  /** The entity has timestamp fields a date-only cell fills (a deal's closedAt, createdAt). */
  hasTimestamps?: boolean
  /** A phone column is mapped: ask where its numbers are from and what an invalid one does. */
  hasPhone?: boolean
  defaultRegion?: string
  /** Users: matched by e-mail only, and never updated by an import. */
  byEmailOnly?: boolean
}

export function DuplicateOptions({ value, onChange, hasReferences, listMembers = false, hasTimestamps = false, hasPhone = false, defaultRegion, byEmailOnly = false }: Props) {
  const { t, i18n } = useTranslation()
  const company = useCompanyLocale()
  const regions = useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'region' })
    return getCountries().map((c) => ({ value: c, label: `${names.of(c) ?? c} (${c})` })).sort((a, b) => a.label.localeCompare(b.label, i18n.language))
  }, [i18n.language])
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
        {hasPhone && (
          <>
            <Checkbox checked={value.dropInvalidPhone} onChange={(e) => set({ dropInvalidPhone: e.target.checked })} data-testid="import-drop-invalid-phone">
              {t('imports.dedupe.dropInvalidPhone')}
            </Checkbox>
            <Typography.Text type="secondary" style={{ marginLeft: 24, fontSize: 12 }}>{t('imports.dedupe.dropInvalidPhoneHint')}</Typography.Text>
          </>
        )}
      </Space>
      {hasTimestamps && (
        <Form.Item label={t('imports.dedupe.timeZone')} extra={t('imports.dedupe.timeZoneHint')} style={{ marginTop: 12, marginBottom: 0 }}>
          <TimeZoneSelect
            style={{ maxWidth: 360 }}
            aria-label={t('imports.dedupe.timeZone')}
            value={value.timeZone ?? company.timeZone}
            onChange={(v: string) => set({ timeZone: v })}
            data-testid="import-time-zone"
          />
        </Form.Item>
      )}
      {hasPhone && (
        <Form.Item label={t('imports.dedupe.region')} extra={t('imports.dedupe.regionHint')} style={{ marginTop: 12, maxWidth: 420 }}>
          <Select showSearch optionFilterProp="label" data-testid="import-region" value={value.region ?? defaultRegion} onChange={(region: string) => set({ region })} options={regions} />
        </Form.Item>
      )}
    </Form>
  )
}
