import { DeleteRowOutlined, DownloadOutlined, SafetyOutlined } from '@ant-design/icons'
import { App, Button, Dropdown } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { useAuth } from '../../auth/hooks/useAuth'
import { privacyApi, type PrivacyKind } from '../api'
import { useErasePerson } from '../hooks/useErasePerson'
import { ErasePersonModal } from './ErasePersonModal'

interface Props {
  kind: PrivacyKind
  record: { id: string; name: string; version: number }
}

/** Privacy requests about one person (admins only): download his data, or erase him. */
export function PrivacyActions({ kind, record }: Props) {
  const { t } = useTranslation()
  const { hasRole } = useAuth()
  const { message } = App.useApp()
  const notifyError = useNotifyError()
  const erase = useErasePerson(kind)
  const [erasing, setErasing] = useState(false)
  if (!hasRole('admin')) return null

  const confirm = (typed: string) =>
    erase.mutate({ id: record.id, version: record.version, confirm: typed }, {
      onSuccess: () => {
        setErasing(false)
        void message.success(t('privacy.erase.done'))
      },
      onError: notifyError,
    })

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'export',
              icon: <DownloadOutlined />,
              label: <a href={privacyApi.exportHref(kind, record.id)} download data-testid="privacy-export">{t('privacy.export.action')}</a>,
            },
            { key: 'erase', icon: <DeleteRowOutlined />, danger: true, label: <span data-testid="privacy-erase">{t('privacy.erase.action')}</span>, onClick: () => setErasing(true) },
          ],
        }}
      >
        <Button icon={<SafetyOutlined />} data-testid="privacy-menu">{t('privacy.menu')}</Button>
      </Dropdown>
      <ErasePersonModal open={erasing} name={record.name} loading={erase.isPending} onConfirm={confirm} onCancel={() => setErasing(false)} />
    </>
  )
}
