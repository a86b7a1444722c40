import { DeleteOutlined, EditOutlined } from '@ant-design/icons'
import { Button, Divider, Drawer, Grid, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { FullPageSpin } from '../../../components/FullPageSpin'
import { ActivityFeed } from '../../activities/components/ActivityFeed'
import { PrivacyActions } from '../../privacy/components/PrivacyActions'
import { useConfirmDeleteContact } from '../hooks/useConfirmDeleteContact'
import { useContact } from '../hooks/useContact'
import { ContactDetails } from './ContactDetails'
import { ContactFormModal } from './ContactFormModal'

/** One contact, opened from the list or from the global search (/contacts/:id). */
export function ContactDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const { data: contact, error, isPending } = useContact(id)
  const confirmDelete = useConfirmDeleteContact()
  const [editing, setEditing] = useState(false)

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      width={screens.md ? 480 : '100%'}
      title={contact?.name ?? t('contacts.entity')}
      extra={
        contact && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <PrivacyActions kind="contact" record={contact} />
            <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(contact, onClose)} aria-label={t('common.delete')} />
          </Space>
        )
      }
    >
      {isPending && Boolean(id) ? (
        <FullPageSpin />
      ) : error ? (
        <ErrorResult error={error} />
      ) : (
        contact && (
          <>
            <ContactDetails contact={contact} />
            <Divider orientation="left" plain>
              <Typography.Text strong>{t('contacts.activities')}</Typography.Text>
            </Divider>
            <ActivityFeed filter={{ contactId: contact.id }} links={{ contactId: contact.id, customerId: contact.customerId }} />
          </>
        )
      )}
      <ContactFormModal open={editing} contact={contact} onClose={() => setEditing(false)} />
    </Drawer>
  )
}
