import { Alert, Checkbox, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

export interface DuplicateMatch {
  kind: 'lead' | 'customer' | 'contact'
  id: string
  name: string
  matchedOn: string[]
  /** What tells same-named records apart (owner, city, created…), already formatted. */
  details?: string[]
}

const hrefOf = (d: DuplicateMatch) => (d.kind === 'lead' ? `/leads/${d.id}` : d.kind === 'customer' ? `/customers/${d.id}` : `/contacts/${d.id}`)

interface Props {
  matches: DuplicateMatch[]
  /** With a handler: a "save anyway" choice the form waits for before saving. */
  acknowledged?: boolean
  onAcknowledge?: (ok: boolean) => void
  /** The user tried to save without choosing: the choice is pointed out. */
  insist?: boolean
}

/** "These look like the same person or company": records matching what is typed, each a link. */
export function DuplicateWarning({ matches, acknowledged, onAcknowledge, insist }: Props) {
  const { t, i18n } = useTranslation()
  if (matches.length === 0) return null
  const sep = i18n.language.startsWith('zh') ? '、' : ', '
  return (
    <Alert
      type={insist && !acknowledged ? 'error' : 'warning'}
      showIcon
      data-testid="duplicate-warning"
      style={{ marginBottom: 16 }}
      message={t('duplicates.title', { count: matches.length })}
      description={
        <Space direction="vertical" size={6} style={{ width: '100%' }}>
          {matches.slice(0, 8).map((d) => (
            <div key={`${d.kind}-${d.id}`} data-testid="duplicate-candidate">
              <Tag bordered={false}>{t(`duplicates.kind.${d.kind}`)}</Tag>
              <Link to={hrefOf(d)} target="_blank" rel="noopener">
                {d.name}
              </Link>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {t('duplicates.matchedOn', { fields: d.matchedOn.map((f) => t(`duplicates.fields.${f}`)).join(sep) })}
              </Typography.Text>
              {d.details && d.details.length > 0 && (
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', marginTop: 2 }}>{d.details.filter(Boolean).join(' · ')}</div>
              )}
            </div>
          ))}
          {onAcknowledge && (
            <Checkbox checked={acknowledged} onChange={(e) => onAcknowledge(e.target.checked)} data-testid="duplicate-save-anyway">
              {t('duplicates.saveAnyway')}
            </Checkbox>
          )}
        </Space>
      }
    />
  )
}
