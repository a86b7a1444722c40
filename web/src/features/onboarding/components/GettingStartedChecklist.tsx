import { ApartmentOutlined, CheckCircleFilled, CloseOutlined, CloudUploadOutlined, ShopOutlined, UserAddOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Progress, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { OnboardingStep } from '../api'
import { useDismissOnboarding } from '../hooks/useDismissOnboarding'
import { useOnboarding } from '../hooks/useOnboarding'

const STEPS: Record<OnboardingStep, { to: string; icon: ReactNode }> = {
  companyProfile: { to: '/settings/company', icon: <ShopOutlined /> },
  inviteUsers: { to: '/users', icon: <UserAddOutlined /> },
  importData: { to: '/import', icon: <CloudUploadOutlined /> },
  pipeline: { to: '/pipeline-stages', icon: <ApartmentOutlined /> },
}

/**
 * A new installation's first steps, on an admin's home page: each ticks from what Kith holds
 * (the server checks), and the card goes away once all are done or the admin closes it.
 */
export function GettingStartedChecklist() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const onboarding = useOnboarding(true)
  const dismiss = useDismissOnboarding()
  const data = onboarding.data
  if (!data || data.complete || data.dismissedAt) return null
  const done = data.steps.filter((s) => s.done).length

  return (
    <Card
      data-testid="getting-started"
      style={{ marginBottom: 16 }}
      title={
        <Flex vertical gap={2} style={{ paddingBlock: 12 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('onboarding.title')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', whiteSpace: 'normal' }}>
            {t('onboarding.subtitle')}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Flex align="center" gap={16}>
          <Flex align="center" gap={8} style={{ minWidth: 160 }}>
            <Progress percent={Math.round((done / data.steps.length) * 100)} showInfo={false} size="small" style={{ width: 96, margin: 0 }} />
            <Typography.Text type="secondary" data-testid="getting-started-progress">
              {t('onboarding.progress', { done, total: data.steps.length })}
            </Typography.Text>
          </Flex>
          <Button type="text" icon={<CloseOutlined />} aria-label={t('onboarding.dismiss')} title={t('onboarding.dismiss')} onClick={() => dismiss.mutate()} />
        </Flex>
      }
    >
      <Flex vertical gap={4}>
        {data.steps.map((step) => (
          <Flex
            key={step.key}
            align="center"
            gap={16}
            wrap
            data-testid={`getting-started-${step.key}`}
            data-done={step.done}
            style={{ padding: '10px 12px', borderRadius: 8, background: step.done ? '#f6ffed' : '#fafafb' }}
          >
            <span aria-hidden style={{ fontSize: 20, color: step.done ? '#52c41a' : '#4f46e5', width: 24, display: 'inline-flex', justifyContent: 'center' }}>
              {step.done ? <CheckCircleFilled /> : STEPS[step.key].icon}
            </span>
            <Flex vertical style={{ flex: '1 1 280px', minWidth: 0 }}>
              <Typography.Text strong delete={step.done} type={step.done ? 'secondary' : undefined}>
                {t(`onboarding.steps.${step.key}.title`)}
              </Typography.Text>
              <Typography.Text type="secondary">{t(`onboarding.steps.${step.key}.description`)}</Typography.Text>
            </Flex>
            {step.done ? (
              <Typography.Text type="success">{t('onboarding.done')}</Typography.Text>
            ) : (
              <Button onClick={() => navigate(STEPS[step.key].to)}>{t(`onboarding.steps.${step.key}.action`)}</Button>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  )
}
