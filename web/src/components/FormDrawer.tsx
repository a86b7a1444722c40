import { Button, Drawer, Grid, Space } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface Props {
  open: boolean
  onClose: () => void
  title: ReactNode
  /** Width on medium screens and up; full width below. */
  width: number
  /** Saving: the Save button spins. */
  busy: boolean
  /** Save was clicked (typically `form.submit()`). */
  onSave: () => void
  children: ReactNode
}

/** The create-or-edit drawer around a record's form: Cancel and Save at the top right. */
export function FormDrawer({ open, onClose, title, width, busy, onSave, children }: Props) {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={screens.md ? width : '100%'}
      title={title}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={onSave}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {children}
    </Drawer>
  )
}
