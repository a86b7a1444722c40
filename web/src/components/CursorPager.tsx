import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { Button, Flex, Grid, Select, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CursorPager as Pager } from '../hooks/useCursorPager'

interface Props {
  pager: Pager
  nextCursor: string | null | undefined
  loading?: boolean
  limit?: number
  onLimitChange?: (limit: number) => void
}

export const PAGE_SIZES = [20, 50, 100]

/** Previous / next through a keyset-paginated list; no totals (the API has none, by design). */
export function CursorPager({ pager, nextCursor, loading, limit, onLimitChange }: Props) {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  if (!pager.hasPrevious && !nextCursor) return null // everything fits on one page
  return (
    <Flex justify="flex-end" align="center" gap={8} wrap style={{ marginTop: 16 }}>
      {limit !== undefined && onLimitChange && (screens.sm ?? true) && (
        <Select
          size="small"
          value={limit}
          onChange={onLimitChange}
          aria-label={t('pager.pageSize')}
          options={PAGE_SIZES.map((n) => ({ value: n, label: t('pager.perPage', { count: n }) }))}
          style={{ width: 120 }}
        />
      )}
      <Button size="small" icon={<LeftOutlined />} disabled={!pager.hasPrevious || loading} onClick={pager.previous}>
        {t('pager.previous')}
      </Button>
      <Typography.Text type="secondary" style={{ minWidth: 56, textAlign: 'center' }}>
        {t('pager.page', { page: pager.page })}
      </Typography.Text>
      <Button size="small" disabled={!nextCursor || loading} onClick={() => nextCursor && pager.next(nextCursor)}>
        {t('pager.next')} <RightOutlined />
      </Button>
    </Flex>
  )
}
