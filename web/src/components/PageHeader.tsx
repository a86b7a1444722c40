import { ArrowLeftOutlined } from '@ant-design/icons'
import { Button, Flex, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'

interface Props {
  title: ReactNode
  /** Tags or a short line under the title. */
  subtitle?: ReactNode
  /** Buttons on the right; the primary action last. */
  actions?: ReactNode
  /** Where the back arrow leads; no arrow when absent. */
  backTo?: string
}

export function PageHeader({ title, subtitle, actions, backTo }: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 20 }}>
      <Flex align="flex-start" gap={8} style={{ minWidth: 0, flex: '1 1 260px' }}>
        {backTo && <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(backTo)} style={{ marginTop: 2 }} />}
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-word' }}>
            {title}
          </Typography.Title>
          {subtitle && <div style={{ marginTop: 6 }}>{subtitle}</div>}
        </div>
      </Flex>
      {actions && (
        <Flex gap={8} wrap>
          {actions}
        </Flex>
      )}
    </Flex>
  )
}
