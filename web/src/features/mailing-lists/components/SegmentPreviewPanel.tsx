import { Alert, Flex, Spin, Statistic, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../../hooks/useErrorText'
import { formatNumber } from '../../../lib/format'
import type { useSegmentPreview } from '../hooks/useSegmentPreview'
import { MemberTable } from './MemberTable'

/** The live count and first members of the segment being edited. */
export function SegmentPreviewPanel({ preview }: { preview: ReturnType<typeof useSegmentPreview> }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const count = preview.data?.count
  const shown = preview.data?.sample.length ?? 0

  let body
  if (preview.empty) body = <Typography.Text type="secondary">{t('mailingLists.preview.noConditions')}</Typography.Text>
  else if (preview.error) body = <Alert type="error" showIcon message={errorText(preview.error)} />
  else
    body = (
      <MemberTable
        compact
        items={preview.data?.sample ?? []}
        loading={preview.isFetching && !preview.data}
        empty={<Typography.Text type="secondary">{t('mailingLists.preview.none')}</Typography.Text>}
      />
    )

  return (
    <Flex vertical gap={12} data-testid="segment-preview">
      <Flex align="center" gap={12}>
        <Statistic
          title={t('mailingLists.preview.count')}
          value={count === undefined || preview.empty || preview.error ? '—' : formatNumber(count)}
          valueRender={(node) => <span data-testid="segment-count">{node}</span>}
        />
        <Statistic
          title={t('mailingLists.preview.emails')}
          value={preview.data === undefined || preview.empty || preview.error ? '—' : formatNumber(preview.data.emails)}
          valueRender={(node) => <span data-testid="segment-emails">{node}</span>}
          style={{ marginInlineStart: 24 }}
        />
        {preview.isFetching && <Spin size="small" />}
      </Flex>
      {preview.pending && !preview.empty && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('mailingLists.preview.incomplete')}
        </Typography.Text>
      )}
      {body}
      {count !== undefined && count > shown && !preview.error && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('mailingLists.preview.firstOf', { shown, total: formatNumber(count) })}
        </Typography.Text>
      )}
    </Flex>
  )
}
