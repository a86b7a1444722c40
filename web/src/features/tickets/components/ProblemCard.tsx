import { Card, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Ticket } from '../types'

/** What the customer reported and, for complaints, the resolution he expects. */
export function ProblemCard({ ticket: tk }: { ticket: Ticket }) {
  const { t } = useTranslation()
  if (!tk.description && !tk.expectedResolution) return null
  return (
    <Card size="small" title={t('tickets.fields.description')}>
      {tk.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: tk.expectedResolution ? 12 : 0 }}>{tk.description}</Typography.Paragraph>}
      {tk.expectedResolution && (
        <div style={{ background: '#fdf2f8', borderRadius: 6, padding: '8px 12px' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t('tickets.fields.expectedResolution')}
          </Typography.Text>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="expected-resolution">
            {tk.expectedResolution}
          </Typography.Text>
        </div>
      )}
    </Card>
  )
}
