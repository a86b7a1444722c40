import { DeleteOutlined, UploadOutlined } from '@ant-design/icons'
import { App, Button, Flex, Typography } from 'antd'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { readLogo } from '../readLogo'
import { MAX_LOGO_BYTES } from '../types'

interface Props {
  value?: string | null
  onChange?: (dataUrl: string | null) => void
  disabled?: boolean
}

/** Choose a PNG or JPEG logo and see it as the quote will show it; a form control (value = data URL). */
export function LogoPicker({ value, onChange, disabled }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const input = useRef<HTMLInputElement>(null)
  const pick = async (file: File | undefined) => {
    if (!file) return
    const result = await readLogo(file)
    if ('problem' in result) message.error(t(`company.logo.${result.problem}`, { kb: MAX_LOGO_BYTES / 1024 }))
    else onChange?.(result.dataUrl)
  }
  return (
    <Flex gap={16} align="center" wrap>
      <div
        style={{ width: 180, height: 72, border: '1px dashed rgba(0,0,0,0.2)', borderRadius: 8, display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#fafafa', overflow: 'hidden' }}
        data-testid="logo-preview"
      >
        {value ? (
          <img src={value} alt={t('company.logo.alt')} style={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' }} />
        ) : (
          <Typography.Text type="secondary">{t('company.logo.none')}</Typography.Text>
        )}
      </div>
      <Flex vertical gap={6}>
        <input ref={input} type="file" accept="image/png,image/jpeg" hidden aria-label={t('company.logo.choose')} onChange={(e) => void pick(e.target.files?.[0]).finally(() => (e.target.value = ''))} />
        <Flex gap={8}>
          <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} disabled={disabled}>
            {t('company.logo.choose')}
          </Button>
          {value && (
            <Button icon={<DeleteOutlined />} onClick={() => onChange?.(null)} disabled={disabled}>
              {t('company.logo.remove')}
            </Button>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('company.logo.hint', { kb: MAX_LOGO_BYTES / 1024 })}
        </Typography.Text>
      </Flex>
    </Flex>
  )
}
