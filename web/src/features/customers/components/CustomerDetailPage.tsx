import { DeleteOutlined, EditOutlined, MergeCellsOutlined } from '@ant-design/icons'
import { Button, Card, Col, Row, Skeleton, Space, Tabs, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { CustomerTimeline } from '../../activities/components/CustomerTimeline'
import { CustomerOpportunities } from '../../opportunities/components/CustomerOpportunities'
import { CustomerTickets } from '../../tickets/components/CustomerTickets'
import { CustomerOrders } from '../../orders/components/CustomerOrders'
import { PrivacyActions } from '../../privacy/components/PrivacyActions'
import { useConfirmDeleteCustomer } from '../hooks/useConfirmDeleteCustomer'
import { useCustomer } from '../hooks/useCustomer'
import { CustomerAvatar } from './CustomerAvatar'
import { CustomerContacts } from './CustomerContacts'
import { CustomerDetails } from './CustomerDetails'
import { CustomerFormDrawer } from './CustomerFormDrawer'
import { CustomerHistory } from './CustomerHistory'
import { MergeCustomerModal } from './MergeCustomerModal'
import { StatusTag } from './StatusTag'

export default function CustomerDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const { data: customer, error, isPending, refetch } = useCustomer(id)
  const confirmDelete = useConfirmDeleteCustomer()
  const [editing, setEditing] = useState(false)
  const [merging, setMerging] = useState(false)
  const [tab, setTab] = useState('timeline')

  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />

  return (
    <>
      <PageHeader
        backTo="/customers"
        title={
          <Space size={12} align="center">
            <CustomerAvatar name={customer.name} type={customer.type} size={40} />
            <span data-testid="customer-name">{customer.name}</span>
          </Space>
        }
        subtitle={
          <Space size={6} wrap>
            <StatusTag status={customer.status} />
            <Tag bordered={false}>{t(`customers.type.${customer.type}`)}</Tag>
            {customer.company && customer.company !== customer.name && <Tag bordered={false}>{customer.company}</Tag>}
          </Space>
        }
        actions={
          <>
            <Button icon={<EditOutlined />} type="primary" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
              {t('customers.merge.action')}
            </Button>
            {customer.type === 'person' && <PrivacyActions kind="customer" record={customer} />}
            <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(customer, () => navigate('/customers'))}>
              {t('common.delete')}
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xxl={7}>
          <Card title={t('customers.detailsTitle')}>
            <CustomerDetails customer={customer} />
          </Card>
        </Col>
        <Col xs={24} lg={15} xxl={17}>
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                { key: 'timeline', label: t('customers.tabs.timeline'), children: <CustomerTimeline customerId={customer.id} /> },
                { key: 'opportunities', label: t('customers.tabs.opportunities'), children: <CustomerOpportunities customer={customer} /> },
                { key: 'orders', label: t('orders.title'), children: <CustomerOrders customerId={customer.id} /> },
                { key: 'tickets', label: t('tickets.customerTab.title'), children: <CustomerTickets customer={customer} /> },
                { key: 'contacts', label: t('customers.tabs.contacts'), children: <CustomerContacts customerId={customer.id} /> },
                { key: 'history', label: t('customers.tabs.history'), children: <CustomerHistory customerId={customer.id} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <CustomerFormDrawer open={editing} customer={customer} onClose={() => setEditing(false)} />
      <MergeCustomerModal open={merging} target={customer} onClose={() => setMerging(false)} />
    </>
  )
}
