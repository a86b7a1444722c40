import { CloseCircleOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Dropdown, Flex, Steps, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import { useStageLabels } from '../../pipeline-stages/hooks/useStageLabels'
import { useUpdateOpportunity } from '../hooks/useUpdateOpportunity'
import { opportunityKeys, type Opportunity } from '../types'
import { LostReasonText } from '../../lost-reasons/components/LostReasonText'
import { LostReasonModal, type LostChoice } from './LostReasonModal'

/**
 * The pipeline as steps with the deal's stage marked; click a step to move the deal there.
 * Lost stages are off the path: a button closes the deal as lost (asking why).
 */
export function StageSteps({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const notifyError = useNotifyError()
  const { stages, byKey, name } = useStageLabels()
  const update = useUpdateOpportunity()
  const [losing, setLosing] = useState<string | null>(null)

  // The open stages in order, then the won one: the road a deal travels.
  const path = [...stages.filter((s) => s.kind === 'open'), ...stages.filter((s) => s.kind === 'won')]
  const lost = stages.filter((s) => s.kind === 'lost')
  const current = byKey.get(o.stage)
  const isLost = current?.kind === 'lost'
  const index = path.findIndex((s) => s.key === o.stage)

  const change = (stage: string, lost?: LostChoice) =>
    update.mutate(
      { id: o.id, patch: { stage, version: o.version, ...lost } },
      {
        onSuccess: (next) => {
          setLosing(null)
          void message.success(t('opportunities.stageChanged', { stage: name(next.stage) }))
        },
        onError: (e) => {
          setLosing(null)
          if (isApiError(e) && e.isConflict) {
            void message.warning(t('opportunities.conflictReloaded'))
            void queryClient.invalidateQueries({ queryKey: opportunityKeys.detail(o.id) })
          } else notifyError(e)
        },
      },
    )
  const request = (stage: string) => {
    if (stage === o.stage || update.isPending) return
    if (byKey.get(stage)?.kind === 'lost') setLosing(stage)
    else change(stage)
  }

  return (
    <Flex gap={16} align="center" wrap data-testid="stage-steps">
      <div style={{ flex: '1 1 520px', minWidth: 0, overflowX: 'auto' }}>
        <Steps
          size="small"
          current={isLost ? -1 : index}
          status={current?.kind === 'won' ? 'finish' : 'process'}
          onChange={(i) => path[i] && request(path[i].key)}
          items={path.map((s) => ({ title: name(s.key), description: `${s.probability}%`, disabled: update.isPending }))}
        />
      </div>
      {isLost ? (
        <Typography.Text type="danger">
          <CloseCircleOutlined /> {name(o.stage)}
          {(o.lostReasonId || o.lostNote) && (
            <Typography.Text type="secondary">
              {' · '}
              <LostReasonText reasonId={o.lostReasonId} note={o.lostNote} />
            </Typography.Text>
          )}
        </Typography.Text>
      ) : (
        lost.length > 0 &&
        (lost.length === 1 ? (
          <Button danger icon={<CloseCircleOutlined />} onClick={() => request(lost[0]!.key)} disabled={update.isPending}>
            {t('opportunities.markLost', { stage: name(lost[0]!.key) })}
          </Button>
        ) : (
          <Dropdown menu={{ items: lost.map((s) => ({ key: s.key, label: name(s.key), danger: true })), onClick: ({ key }) => request(key) }}>
            <Button danger icon={<CloseCircleOutlined />}>{t('opportunities.markLostMenu')}</Button>
          </Dropdown>
        ))
      )}
      <LostReasonModal
        dealName={losing ? o.name : null}
        stageName={losing ? name(losing) : ''}
        loading={update.isPending}
        onCancel={() => setLosing(null)}
        onConfirm={(lost) => losing && change(losing, lost)}
      />
    </Flex>
  )
}
