import { DeleteOutlined, EditOutlined, StarFilled } from '@ant-design/icons'
import { Button, Space, Table, Tooltip, Typography } from 'antd'
import type { TableProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PhoneText } from '../../../components/PhoneText'
import type { Contact } from '../types'

interface Props {
  items: Contact[]
  loading: boolean
  empty: ReactNode
  /** Hide the customer column (inside a customer's page). */
  hideCustomer?: boolean
  onOpen?: (c: Contact) => void
  onEdit?: (c: Contact) => void
  onDelete?: (c: Contact) => void
}

export function ContactTable({ items, loading, empty, hideCustomer, onOpen, onEdit, onDelete }: Props) {
  const { t } = useTranslation()
  const columns: TableProps<Contact>['columns'] = [
    {
      key: 'name',
      title: t('contacts.fields.name'),
      width: 160,
      render: (_, c) => (
        <Space size={6}>
          <Typography.Text strong>{c.name}</Typography.Text>
          {c.isPrimary && (
            <Tooltip title={t('contacts.fields.isPrimary')}>
              <StarFilled style={{ color: '#f59e0b' }} aria-label={t('contacts.fields.isPrimary')} />
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: 'title', title: t('contacts.fields.title'), dataIndex: 'title', width: 130, ellipsis: true },
    ...(hideCustomer
      ? []
      : [
          {
            key: 'customer',
            title: t('contacts.fields.customerId'),
            width: 220,
            ellipsis: true,
            render: (_: unknown, c: Contact) => (
              <Link to={`/customers/${c.customerId}`} onClick={(e) => e.stopPropagation()}>
                {c.customerName}
              </Link>
            ),
          },
        ]),
    { key: 'email', title: t('contacts.fields.email'), dataIndex: 'email', ellipsis: true },
    { key: 'phone', title: t('contacts.fields.phone'), width: 150, render: (_, c) => <PhoneText value={c.phone} link /> },
  ]
  if (onEdit || onDelete) {
    columns.push({
      key: 'actions',
      title: '',
      width: 84,
      fixed: 'right',
      render: (_, c) => (
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          {onEdit && <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => onEdit(c)} />}
          {onDelete && <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => onDelete(c)} />}
        </Space>
      ),
    })
  }
  return (
    <Table<Contact>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: hideCustomer ? 640 : 900 }}
      locale={{ emptyText: empty }}
      onRow={(c) => (onOpen ? { onClick: () => onOpen(c), style: { cursor: 'pointer' } } : {})}
    />
  )
}
