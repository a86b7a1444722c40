import { Alert, App, Button, Col, Flex, Form, Row } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { useListMembers } from '../../mailing-lists/hooks/useListMembers'
import { useCampaignPreview } from '../hooks/useCampaignPreview'
import { useUpdateCampaign } from '../hooks/useUpdateCampaign'
import { MERGE_FIELDS, renderDraft } from '../mergeFields'
import type { Campaign } from '../types'
import { EmailPreview } from './EmailPreview'
import { SendPanel } from './SendPanel'
import { TemplateEditor, type TemplateValues } from './TemplateEditor'

const valuesOf = (c: Campaign): TemplateValues => ({ emailSubject: c.emailSubject ?? '', fromName: c.fromName ?? '', emailBody: c.emailBody ?? '' })

/** The e-mail of a campaign: edit the template, preview it per recipient, test it, send it. */
export function CampaignEmailTab({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<TemplateValues>()
  const onError = useFormErrorHandler(form)
  const update = useUpdateCampaign()
  const saved = valuesOf(campaign)
  const subject = Form.useWatch('emailSubject', form) ?? saved.emailSubject
  const fromName = Form.useWatch('fromName', form) ?? saved.fromName
  const body = Form.useWatch('emailBody', form) ?? saved.emailBody
  const dirty = subject !== saved.emailSubject || fromName !== saved.fromName || body !== saved.emailBody
  const locked = campaign.sendStatus !== 'draft'

  const members = useListMembers(campaign.mailingListId ?? '', { limit: 50 }, Boolean(campaign.mailingListId))
  const [memberId, setMemberId] = useState<string>()
  const member = members.data?.items.find((m) => m.id === memberId)
  const preview = useCampaignPreview(campaign, memberId, !dirty)
  // Until a recipient is chosen the server previews the list's first member: show that one as chosen.
  useEffect(() => {
    if (!memberId && preview.data?.member) setMemberId(preview.data.member.id)
  }, [memberId, preview.data?.member])
  // After a save (new version) or a 409, the editor shows what the server has.
  useEffect(() => form.setFieldsValue(valuesOf(campaign)), [campaign.id, campaign.version]) // eslint-disable-line react-hooks/exhaustive-deps

  const save = (v: TemplateValues) =>
    update.mutate(
      { id: campaign.id, patch: { emailSubject: v.emailSubject, fromName: v.fromName, emailBody: v.emailBody, version: campaign.version } },
      {
        onSuccess: () => void message.success(t('campaigns.email.saved')),
        onError: (e) => {
          if (isApiError(e) && e.isConflict) return void message.warning(t('campaigns.conflict'))
          // The server names the unknown fields in English; say it in the user's language.
          if (isApiError(e)) {
            for (const x of e.errors) {
              const unknown = /^Unknown merge field (.+?);/.exec(x.message)
              if (unknown) x.message = t('campaigns.email.unknownMergeField', { fields: unknown[1], known: MERGE_FIELDS.map((m) => `{{${m}}}`).join(' ') })
            }
          }
          onError(e)
        },
      },
    )

  const draftRecipient = member ?? preview.data?.member ?? null
  const shown = dirty || !preview.data
    ? { subject: renderDraft(subject, draftRecipient, '#', false), html: renderDraft(body, draftRecipient, '#'), to: draftRecipient?.email ?? null }
    : { subject: preview.data.subject, html: preview.data.html, to: preview.data.to }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        {locked && <Alert type="info" showIcon message={t('campaigns.email.locked')} style={{ marginBottom: 16 }} />}
        <TemplateEditor form={form} initialValues={saved} onFinish={save} disabled={locked || update.isPending} />
        {!locked && (
          <Flex justify="flex-end" gap={8}>
            {dirty && <Button onClick={() => form.setFieldsValue(saved)}>{t('campaigns.email.discard')}</Button>}
            <Button type="primary" disabled={!dirty} loading={update.isPending} onClick={() => form.submit()}>
              {t('campaigns.email.save')}
            </Button>
          </Flex>
        )}
      </Col>
      <Col xs={24} xl={12}>
        <Flex vertical gap={16}>
          <EmailPreview
            members={members.data?.items ?? []}
            memberId={memberId}
            onMemberChange={setMemberId}
            subject={shown.subject}
            html={shown.html}
            to={shown.to}
            draft={dirty}
            error={dirty ? undefined : preview.error}
          />
          <SendPanel campaign={campaign} dirty={dirty} memberId={memberId} />
        </Flex>
      </Col>
    </Row>
  )
}
