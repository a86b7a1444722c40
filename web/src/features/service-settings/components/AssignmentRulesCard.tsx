import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Flex, Form, Skeleton } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { newRule, toRuleForm, toRuleInput, type RuleFormValue } from '../form'
import { useAssignmentRules } from '../hooks/useAssignmentRules'
import { useSaveAssignmentRules } from '../hooks/useSaveAssignmentRules'
import { RuleFields } from './RuleFields'

interface RulesForm {
  items: RuleFormValue[]
}

/** The ordered automatic-assignment rules: the first active one that matches a new ticket deals it. */
export function AssignmentRulesCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const rules = useAssignmentRules()
  const save = useSaveAssignmentRules()
  const [form] = Form.useForm<RulesForm>()
  const onError = useFormErrorHandler(form)

  useEffect(() => {
    if (rules.data) form.setFieldsValue({ items: rules.data.map(toRuleForm) })
  }, [rules.data, form])

  return (
    <Card title={t('serviceSettings.rules.title')} data-testid="assignment-rules">
      {rules.isPending ? (
        <Skeleton active />
      ) : rules.error ? (
        <ErrorResult error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <Form<RulesForm>
          form={form}
          layout="vertical"
          initialValues={{ items: rules.data.map(toRuleForm) }}
          disabled={save.isPending}
          onFinish={(v) => save.mutate((v.items ?? []).map(toRuleInput), { onSuccess: () => void message.success(t('serviceSettings.rules.saved')), onError })}
        >
          <Alert type="info" showIcon message={t('serviceSettings.rules.explain')} style={{ marginBottom: 16 }} />
          <Form.List name="items">
            {(fields, { add, remove, move }) => (
              <Flex vertical gap={12} style={{ marginBottom: 16 }}>
                {fields.length === 0 && <EmptyState title={t('serviceSettings.rules.emptyTitle')} description={t('serviceSettings.rules.empty')} />}
                {fields.map((field, index) => (
                  <RuleFields key={field.key} name={field.name} index={index} count={fields.length} onMove={move} onRemove={() => remove(field.name)} />
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newRule(t('serviceSettings.rules.newName', { n: fields.length + 1 })))} block>
                  {t('serviceSettings.rules.add')}
                </Button>
              </Flex>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  )
}
