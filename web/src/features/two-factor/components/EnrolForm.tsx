import { Button, Form, Image, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { TwoFactorEnrolment } from '../api'
import { CodeInput } from './CodeInput'

interface Props {
  enrolment: TwoFactorEnrolment
  pending: boolean
  onConfirm: (code: string) => void
  form: ReturnType<typeof Form.useForm<{ code: string }>>[0]
}

/** Scan the QR code (or type the key), then prove it with the first code. */
export function EnrolForm({ enrolment, pending, onConfirm, form }: Props) {
  const { t } = useTranslation()
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => onConfirm(v.code)}>
      <Typography.Paragraph>{t('twoFactor.scan')}</Typography.Paragraph>
      <div style={{ textAlign: 'center', marginBottom: 12 }}>
        <Image src={enrolment.qrCode} alt="QR" width={200} height={200} preview={false} data-testid="two-factor-qr" />
      </div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t('twoFactor.manual')}</Typography.Paragraph>
      <Typography.Paragraph copyable code data-testid="two-factor-secret" style={{ wordBreak: 'break-all' }}>
        {enrolment.secret}
      </Typography.Paragraph>
      <Form.Item name="code" label={t('twoFactor.enterCode')} rules={[{ required: true, message: t('validation.required') }]}>
        <CodeInput autoFocus />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending} block>
        {t('twoFactor.confirm')}
      </Button>
    </Form>
  )
}
