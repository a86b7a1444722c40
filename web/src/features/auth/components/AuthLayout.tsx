import { Card, Flex, Typography } from 'antd'
import type { ReactNode } from 'react'
import { LanguageSwitch } from '../../../components/LanguageSwitch'
import { Logo } from '../../../components/Logo'

interface Props {
  title: string
  subtitle?: string
  children: ReactNode
}

/** The centred card that the sign-in and first-run pages share. */
export function AuthLayout({ title, subtitle, children }: Props) {
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100%', padding: '48px 16px', background: 'linear-gradient(160deg, #eef2ff 0%, #f5f6fa 45%, #f8fafc 100%)' }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch />
      </div>
      <div style={{ marginBottom: 24 }}>
        <Logo size={40} />
      </div>
      <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 24px rgba(15, 23, 42, 0.06)' }} styles={{ body: { padding: 32 } }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: subtitle ? 4 : 24 }}>
          {title}
        </Typography.Title>
        {subtitle && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {subtitle}
          </Typography.Paragraph>
        )}
        {children}
      </Card>
    </Flex>
  )
}
