import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Col, DatePicker, Descriptions, Flex, Form, Input, Row, Select, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { DayText } from '../../../components/DayText'
import { VersionConflictModal, type Conflict } from '../../../components/VersionConflictModal'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import { formatMoney } from '../../../lib/money'
import { useQuoteFieldDisplay } from '../hooks/useQuoteFieldDisplay'
import { useUpdateQuote } from '../hooks/useUpdateQuote'
import { linesChanged, quoteTotals, savedTotals, toDraft, toLineInputs, type QuoteLineDraft } from '../lines'
import { isEditable, QUOTE_LANGUAGES, quoteKeys, type Quote, type QuotePatch } from '../types'
import { QuoteLinesTable } from './QuoteLinesTable'
import { QuoteTotals } from './QuoteTotals'

type Changes = Omit<QuotePatch, 'version'>

/**
 * Lines and valid-until of one quote. A draft is saved in place; saving a sent quote makes the
 * server create the next revision, and the page moves to it. Saving checks the version (409 →
 * the conflict dialog).
 */
export function QuoteEditor({ quote: q }: { quote: Quote }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const notifyError = useNotifyError()
  const update = useUpdateQuote()
  const display = useQuoteFieldDisplay(q.currency)
  const editable = isEditable(q)
  const saved = useMemo(() => q.lines.map(toDraft), [q.lines])
  const [lines, setLines] = useState<QuoteLineDraft[]>(saved)
  const [validUntil, setValidUntil] = useState<Dayjs | null>(dayjs(q.validUntil))
  const [language, setLanguage] = useState(q.language)
  const [notes, setNotes] = useState(q.notes ?? '')
  const [conflict, setConflict] = useState<Conflict<Quote> | null>(null)
  useEffect(() => setLines(saved), [saved])
  const resetMeta = () => {
    setValidUntil(dayjs(q.validUntil))
    setLanguage(q.language)
    setNotes(q.notes ?? '')
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the saved values changed: show them
  useEffect(resetMeta, [q.validUntil, q.language, q.notes])

  const validUntilText = validUntil ? validUntil.format('YYYY-MM-DD') : null
  const notesChanged = notes.trim() !== (q.notes ?? '')
  const dirty = linesChanged(lines, saved) || validUntilText !== q.validUntil || language !== q.language || notesChanged
  const totals = dirty ? quoteTotals(lines, q.currency) : savedTotals(q)
  const complete = lines.length > 0 && lines.every((l) => l.description.trim()) && totals !== null

  const changes = (): Changes => ({
    ...(linesChanged(lines, saved) ? { lines: toLineInputs(lines) } : {}),
    ...(validUntilText && validUntilText !== q.validUntil ? { validUntil: validUntilText } : {}),
    ...(language !== q.language ? { language } : {}),
    ...(notesChanged ? { notes: notes.trim() || null } : {}),
  }) as Changes

  const save = (body: Changes, version: number) =>
    update.mutate(
      { id: q.id, patch: { ...body, version } as QuotePatch },
      {
        onSuccess: (next) => {
          setConflict(null)
          if (next.id !== q.id) {
            message.success(t('quotes.revised', { revision: next.revision }))
            navigate(`/quotes/${next.id}`)
          } else message.success(t('quotes.saved', { total: formatMoney(next.total, next.currency) }))
        },
        onError: (e) => {
          if (isApiError(e) && e.isConflict && e.current) setConflict({ mine: body, current: e.current as Quote })
          else notifyError(e)
        },
      },
    )

  const busy = update.isPending
  return (
    <>
      {editable && q.status === 'sent' && <Alert type="info" showIcon message={t('quotes.sentEditHint', { revision: q.revision + 1 })} style={{ marginBottom: 16 }} />}
      {editable ? (
      <Form layout="vertical" disabled={busy}>
          <Row gutter={16}>
            <Col xs={24} sm={8} lg={6}>
              <Form.Item label={t('quotes.fields.validUntil')} htmlFor="quote-valid-until">
                <DatePicker id="quote-valid-until" value={validUntil} onChange={setValidUntil} allowClear={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} lg={6}>
              <Form.Item label={t('quotes.fields.language')} htmlFor="quote-language" tooltip={t('quotes.languageHint')}>
                <Select id="quote-language" value={language} onChange={setLanguage} options={QUOTE_LANGUAGES.map((l) => ({ value: l, label: t(`quotes.languages.${l}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} lg={4}>
              <Form.Item label={t('quotes.fields.currency')}>
                <Typography.Text strong>{q.currency}</Typography.Text>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      ) : (
        <Descriptions
          size="small"
          colon={false}
          column={{ xs: 1, sm: 3 }}
          style={{ marginBottom: 16 }}
          styles={{ label: { color: 'rgba(0,0,0,0.5)' } }}
          items={[
            { key: 'validUntil', label: t('quotes.fields.validUntil'), children: <DayText value={q.validUntil} /> },
            { key: 'language', label: t('quotes.fields.language'), children: t(`quotes.languages.${q.language}`) },
            { key: 'currency', label: t('quotes.fields.currency'), children: q.currency },
          ]}
        />
      )}
      <QuoteLinesTable lines={lines} currency={q.currency} readOnly={!editable} disabled={busy} onChange={setLines} />
      <Flex justify="space-between" align="flex-start" gap={24} wrap style={{ marginTop: 16 }}>
        <div style={{ flex: '1 1 320px', maxWidth: 560 }}>
          <Typography.Text type="secondary">{t('quotes.fields.notes')}</Typography.Text>
          {!editable ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{q.notes || '—'}</Typography.Paragraph>
          ) : (
            <Input.TextArea
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              disabled={busy}
              aria-label={t('quotes.fields.notes')}
              placeholder={t('quotes.notesPlaceholder')}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={4000}
              style={{ marginTop: 4 }}
            />
          )}
        </div>
        <Flex vertical align="stretch" gap={12}>
          <QuoteTotals totals={totals} currency={q.currency} />
          {editable && (
            <Flex gap={8} justify="flex-end">
              <Button
                onClick={() => {
                  setLines(saved)
                  resetMeta()
                }}
                disabled={!dirty || busy}
              >
                {t('quotes.reset')}
              </Button>
              <Button type="primary" onClick={() => save(changes(), q.version)} disabled={!dirty || !complete} loading={busy} data-testid="quote-save">
                {q.status === 'sent' ? t('quotes.saveRevision') : t('common.save')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Flex>
      <VersionConflictModal<Quote>
        conflict={conflict}
        entityName={t('quotes.entity')}
        display={display}
        overwriting={busy}
        onCancel={() => setConflict(null)}
        onReload={() => {
          if (conflict) queryClient.setQueryData(quoteKeys.detail(conflict.current.id), conflict.current)
          setConflict(null)
          message.info(t('conflict.reloaded'))
        }}
        onOverwrite={() => conflict && save(conflict.mine as Changes, conflict.current.version)}
      />
    </>
  )
}
