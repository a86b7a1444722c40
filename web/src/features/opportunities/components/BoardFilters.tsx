import { Button, Flex } from 'antd'
import { useTranslation } from 'react-i18next'
import { MonthFilter } from '../../../components/MonthFilter'
import { TeamSelect } from '../../teams/components/TeamSelect'
import { UserSelect } from '../../users/components/UserSelect'
import type { useBoardParams } from '../hooks/useBoardParams'

/** Owner, team and close month of the deals on the board. */
export function BoardFilters({ board }: { board: ReturnType<typeof useBoardParams> }) {
  const { t } = useTranslation()
  const { params, update, clear, hasFilters } = board
  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <UserSelect value={params.ownerId} onChange={(ownerId) => update({ ownerId })} placeholder={t('opportunities.fields.ownerId')} aria-label={t('opportunities.fields.ownerId')} style={{ width: 170 }} />
      <TeamSelect value={params.teamId} onChange={(teamId) => update({ teamId })} placeholder={t('opportunities.fields.teamId')} aria-label={t('opportunities.fields.teamId')} style={{ width: 200 }} />
      <MonthFilter value={params.closeMonth} onChange={(closeMonth) => update({ closeMonth })} placeholder={t('opportunities.closeMonth')} style={{ width: 160 }} />
      {hasFilters && (
        <Button type="link" onClick={clear}>
          {t('common.clearFilters')}
        </Button>
      )}
    </Flex>
  )
}
