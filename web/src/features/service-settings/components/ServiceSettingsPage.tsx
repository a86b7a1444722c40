import { Col, Row } from 'antd'
import { useTranslation } from 'react-i18next'
import { PageHeader } from '../../../components/PageHeader'
import { AssignmentRulesCard } from './AssignmentRulesCard'
import { SlaSettingsCard } from './SlaSettingsCard'

/** Admin: service levels per priority, business hours, and who gets new tickets automatically. */
export default function ServiceSettingsPage() {
  const { t } = useTranslation()
  return (
    <>
      <PageHeader title={t('serviceSettings.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <SlaSettingsCard />
        </Col>
        <Col xs={24} xl={13}>
          <AssignmentRulesCard />
        </Col>
      </Row>
    </>
  )
}
