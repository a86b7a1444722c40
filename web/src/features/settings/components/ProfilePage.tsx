import { Card, Col, Row } from 'antd'
import { useTranslation } from 'react-i18next'
import { PageHeader } from '../../../components/PageHeader'
import { useAuth } from '../../auth/hooks/useAuth'
import { RoleTag } from '../../users/components/RoleTag'
import { PasswordForm } from './PasswordForm'
import { ProfileForm } from './ProfileForm'
import { SessionsCard } from '../../security/components/SessionsCard'
import { TwoFactorCard } from '../../two-factor/components/TwoFactorCard'

export default function ProfilePage() {
  const { t } = useTranslation()
  const { user } = useAuth()
  return (
    <>
      <PageHeader title={t('settings.profileTitle')} subtitle={<RoleTag role={user.role} />} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('settings.profile')}>
            <ProfileForm />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('settings.password')}>
            <PasswordForm />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <TwoFactorCard />
        </Col>
        <Col span={24}>
          <SessionsCard />
        </Col>
      </Row>
    </>
  )
}
