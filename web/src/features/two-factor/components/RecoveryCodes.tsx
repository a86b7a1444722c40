import { CopyOutlined, DownloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

/** The recovery codes, shown once, with copy and download (a plain text file, one code a line). */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone?: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const text = codes.join('\n') + '\n'
  const copy = async () => {
    await navigator.clipboard.writeText(text)
    message.success(t('twoFactor.copied'))
  }
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }))
    const a = document.createElement('a')
    a.href = url
    a.download = 'kith-recovery-codes.txt'
    a.click()
    URL.revokeObjectURL(url)
  }
  return (
    <div data-testid="recovery-codes">
      <Typography.Title level={5}>{t('twoFactor.recoveryTitle')}</Typography.Title>
      <Alert type="warning" showIcon message={t('twoFactor.recoveryHelp')} style={{ marginBottom: 12 }} />
      <ul style={{ columns: 2, listStyle: 'none', padding: 0, fontFamily: 'monospace', fontSize: 15 }}>
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <Space wrap>
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>{t('twoFactor.copy')}</Button>
        <Button icon={<DownloadOutlined />} onClick={download}>{t('twoFactor.download')}</Button>
        {onDone && <Button type="primary" onClick={onDone}>{t('twoFactor.done')}</Button>}
      </Space>
    </div>
  )
}
