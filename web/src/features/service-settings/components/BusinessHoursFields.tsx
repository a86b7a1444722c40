import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, DatePicker, Flex, Form, Select, Switch, TimePicker, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { WEEKDAYS } from '../types'
import { TimeZoneSelect } from './TimeZoneSelect'

const HHMM = 'HH:mm'
const time = {
  getValueProps: (v: string | undefined) => ({ value: v ? dayjs(v === '24:00' ? '23:59' : v, HHMM) : undefined }),
  normalize: (d: Dayjs | null) => (d ? d.format(HHMM) : undefined),
}
const dates = {
  getValueProps: (v: string[] | undefined) => ({ value: (v ?? []).map((d) => dayjs(d)) }),
  normalize: (ds: Dayjs[] | null) => (ds ?? []).map((d) => d.format('YYYY-MM-DD')),
}

/** Business hours: on/off, the zone they are in, the weekly opening intervals and the holidays. */
export function BusinessHoursFields() {
  const { t } = useTranslation()
  const form = Form.useFormInstance()
  const on = Form.useWatch('businessHoursOn', form) as boolean | undefined
  return (
    <>
      <Form.Item name="businessHoursOn" label={t('serviceSettings.hours.on')} valuePropName="checked" extra={t('serviceSettings.hours.onHint')}>
        <Switch />
      </Form.Item>
      {on && (
        <>
          <Form.Item name={['businessHours', 'timeZone']} label={t('serviceSettings.hours.timeZone')} rules={[{ required: true, message: t('validation.required') }]}>
            <TimeZoneSelect style={{ maxWidth: 360 }} aria-label={t('serviceSettings.hours.timeZone')} />
          </Form.Item>
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            {t('serviceSettings.hours.schedule')}
          </Typography.Text>
          <Form.List name={['businessHours', 'schedule']}>
            {(fields, { add, remove }) => (
              <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="business-hours">
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="flex-start" wrap>
                    <Form.Item name={[field.name, 'day']} noStyle>
                      <Select aria-label={t('serviceSettings.hours.day')} style={{ width: 120 }} options={WEEKDAYS.map((d) => ({ value: d, label: t(`serviceSettings.weekdays.${d}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'start']} {...time} style={{ marginBottom: 0 }} rules={[{ required: true, message: t('validation.required') }]}>
                      <TimePicker format={HHMM} minuteStep={15} needConfirm={false} allowClear={false} aria-label={t('serviceSettings.hours.start')} />
                    </Form.Item>
                    <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                      –
                    </Typography.Text>
                    <Form.Item name={[field.name, 'end']} {...time} style={{ marginBottom: 0 }} rules={[{ required: true, message: t('validation.required') }]}>
                      <TimePicker format={HHMM} minuteStep={15} needConfirm={false} allowClear={false} aria-label={t('serviceSettings.hours.end')} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} disabled={fields.length === 1} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ day: 6, start: '09:00', end: '12:00' })} style={{ alignSelf: 'flex-start' }}>
                  {t('serviceSettings.hours.add')}
                </Button>
              </Flex>
            )}
          </Form.List>
          <Form.Item name={['businessHours', 'holidays']} label={t('serviceSettings.hours.holidays')} extra={t('serviceSettings.hours.holidaysHint')} {...dates}>
            <DatePicker multiple maxTagCount="responsive" style={{ maxWidth: 480, width: '100%' }} />
          </Form.Item>
        </>
      )}
    </>
  )
}
