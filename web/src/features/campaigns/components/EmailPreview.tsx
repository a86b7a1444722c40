import { Alert, Card, Flex, Select, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../../hooks/useErrorText'
import type { ListMember } from '../../mailing-lists/types'

interface Props {
  members: ListMember[]
  memberId: string | undefined
  onMemberChange: (id: string) => void
  /** What to show: the server's rendering of the saved template, or the unsaved draft. */
  subject: string
  html: string
  to: string | null
  draft: boolean
  error?: unknown
}

/** The message as one recipient would see it, in a sandboxed frame (no scripts, no same-origin access). */
export function EmailPreview({ members, memberId, onMemberChange, subject, html, to, draft, error }: Props) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const withEmail = members.filter((m) => m.email)
  return (
    <Card
      size="small"
      title={t('campaigns.email.preview')}
      extra={draft && <Tag color="gold">{t('campaigns.email.unsavedDraft')}</Tag>}
      data-testid="email-preview"
      styles={{ body: { padding: 0 } }}
    >
      <Flex vertical gap={6} style={{ padding: 12, borderBottom: '1px solid #f0f0f0' }}>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary" style={{ width: 56, flex: 'none' }}>
            {t('campaigns.email.recipient')}
          </Typography.Text>
          <Select<string>
            size="small"
            aria-label={t('campaigns.email.recipient')}
            style={{ flex: 1, minWidth: 0 }}
            value={memberId}
            onChange={onMemberChange}
            placeholder={t('campaigns.email.noRecipients')}
            options={withEmail.map((m) => ({ value: m.id, label: `${m.name} <${m.email}>` }))}
            showSearch
            optionFilterProp="label"
          />
        </Flex>
        {to && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('campaigns.email.to')}: {to}
          </Typography.Text>
        )}
        <Typography.Text strong data-testid="preview-subject">
          {subject || <Typography.Text type="secondary">{t('campaigns.email.noSubject')}</Typography.Text>}
        </Typography.Text>
      </Flex>
      {error ? (
        <Alert type="warning" showIcon message={errorText(error)} style={{ margin: 12 }} />
      ) : (
        <iframe
          title={t('campaigns.email.preview')}
          sandbox=""
          srcDoc={html}
          data-testid="preview-frame"
          style={{ width: '100%', height: 520, border: 'none', display: 'block', background: '#fff' }}
        />
      )}
    </Card>
  )
}
