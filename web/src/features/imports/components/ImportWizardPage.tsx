import { HistoryOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Checkbox, Divider, Flex, Spin, Steps, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { PageHeader } from '../../../components/PageHeader'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { useAuth } from '../../auth/hooks/useAuth'
import { useAnalyzeImport } from '../hooks/useAnalyzeImport'
import { useImportStatus } from '../hooks/useImportStatus'
import { usePreviewImport } from '../hooks/usePreviewImport'
import { useStartImport } from '../hooks/useStartImport'
import { IMPORT_ENTITY_LIST, LIST_MEMBERS, USERS, type ImportAnalysis, type ImportEntity, type ImportOptionsInput, type Mapping, type ValueMapping } from '../types'
import { DuplicateOptions, type DuplicateSettings } from './DuplicateOptions'
import { FileSummary } from './FileSummary'
import { ImportCounts } from './ImportCounts'
import { ImportProgress } from './ImportProgress'
import { MappingTable, mappingProblems } from './MappingTable'
import { PreviewTable } from './PreviewTable'
import { RowErrorsTable } from './RowErrorsTable'
import { UploadStep } from './UploadStep'
import { ValueMappingCard } from './ValueMappingCard'
import { BlankDatesCard } from './BlankDatesCard'

const DEFAULTS: DuplicateSettings = { mode: 'skip-duplicates', dedupeBy: 'email', skipInvalid: false, createMissing: false, dayFirst: true, dropInvalidPhone: false }

/** 数据导入: upload → map columns and values → preview and dry run → import with a progress bar. */
export default function ImportWizardPage() {
  const { t } = useTranslation()
  const notifyError = useNotifyError()
  const [search] = useSearchParams()
  const auth = useAuth()
  const { defaultRegion } = auth
  const managesLists = auth.hasRole('admin', 'marketing')
  const initial = search.get('entity') as ImportEntity | null
  const allowed = (e: ImportEntity) => (e !== LIST_MEMBERS || managesLists) && (e !== USERS || auth.hasRole('admin'))
  const [entity, setEntity] = useState<ImportEntity>(initial && IMPORT_ENTITY_LIST.includes(initial) && allowed(initial) ? initial : 'customers')
  const [listId, setListId] = useState<string | undefined>(search.get('listId') ?? undefined)
  const members = entity === LIST_MEMBERS
  const [file, setFile] = useState<File | null>(null)
  const [analysis, setAnalysis] = useState<ImportAnalysis | null>(null)
  const [mapping, setMapping] = useState<Mapping>({})
  const [valueMapping, setValueMapping] = useState<ValueMapping>({})
  const [blankDates, setBlankDates] = useState<Record<string, string>>({})
  const [settings, setSettings] = useState<DuplicateSettings>(DEFAULTS)
  const [step, setStep] = useState(0)
  const [checkId, setCheckId] = useState<string | null>(null)
  const [runId, setRunId] = useState<string | null>(null)

  const analyze = useAnalyzeImport()
  const preview = usePreviewImport()
  const start = useStartImport()
  const check = useImportStatus(checkId, step === 2)
  const run = useImportStatus(runId, step === 3)

  const read = (f: File, sheet?: string) => {
    setFile(f)
    // A vCard address book holds people: it imports as contacts, whatever was chosen before.
    const target = /\.vcf$/i.test(f.name) ? 'contacts' : entity
    if (target !== entity) setEntity(target)
    analyze.mutate({ file: f, entity: target, sheet, ...(target === LIST_MEMBERS ? { listId } : {}) }, {
      onSuccess: (a) => {
        setAnalysis(a)
        setMapping(a.proposedMapping)
        setValueMapping(a.proposedValueMapping)
        setStep(1)
      },
      onError: notifyError,
    })
  }

  const reset = () => {
    setAnalysis(null)
    setFile(null)
    setCheckId(null)
    setRunId(null)
    setBlankDates({})
    setSettings(DEFAULTS)
    setStep(0)
  }

  const options = (dryRun: boolean): ImportOptionsInput => ({
    entity,
    ...(analysis?.sheet ? { sheet: analysis.sheet } : {}),
    mapping,
    // Only fields a column still feeds: the server refuses a value mapping it could not apply.
    valueMapping: Object.fromEntries(Object.entries(valueMapping).filter(([key]) => Object.values(mapping).includes(key))),
    // Members are added or, when already in the list, skipped: there is no duplicate mode to choose.
    ...(members ? { mode: 'create' as const, listId } : { mode: settings.mode, ...(settings.mode === 'create' ? {} : { dedupeBy: settings.dedupeBy }) }),
    // Only fields a column still feeds, as for value mapping.
    blankDates: Object.fromEntries(Object.entries(blankDates).filter(([key]) => Object.values(mapping).includes(key))),
    dryRun,
    skipInvalid: settings.skipInvalid,
    createMissing: settings.createMissing,
    dayFirst: settings.dayFirst,
    ...(settings.timeZone ? { timeZone: settings.timeZone } : {}),
    ...(settings.region ? { region: settings.region } : {}),
    invalidPhone: settings.dropInvalidPhone ? ('drop-phone' as const) : ('reject-row' as const),
  })

  const toCheck = () => {
    if (!analysis) return
    setCheckId(null)
    setStep(2)
    preview.mutate({ id: analysis.id, options: options(true) }, { onError: notifyError })
    start.mutate({ id: analysis.id, options: options(true) }, { onSuccess: ({ id }) => setCheckId(id), onError: notifyError })
  }

  const toRun = () => {
    if (!analysis) return
    start.mutate({ id: analysis.id, options: options(false) }, {
      onSuccess: ({ id }) => {
        setRunId(id)
        setStep(3)
      },
      onError: notifyError,
    })
  }

  const problems = analysis ? mappingProblems(analysis, mapping) : { missing: [], twice: [] }
  const checked = check.data?.status === 'dry_run_done' ? check.data : null
  const blocked = !!checked && checked.counts.invalid > 0 && !settings.skipInvalid
  const writable = checked ? checked.counts.created + checked.counts.updated : 0

  return (
    <>
      <PageHeader
        title={t('imports.title')}
        actions={<Link to="/imports"><Button icon={<HistoryOutlined />}>{t('imports.history')}</Button></Link>}
      />
      <Card>
        <Steps
          current={step}
          size="small"
          style={{ marginBottom: 24 }}
          items={[{ title: t('imports.steps.upload') }, { title: t('imports.steps.mapping') }, { title: t('imports.steps.check') }, { title: t('imports.steps.run') }]}
        />
        {analysis && step > 0 && (
          <>
            <FileSummary analysis={analysis} busy={analyze.isPending || step > 1} onChangeFile={reset} onSheetChange={(sheet) => file && read(file, sheet)} />
            <Divider style={{ margin: '12px 0 20px' }} />
          </>
        )}

        {step === 0 && (
          <UploadStep entity={entity} onEntityChange={setEntity} listId={listId} onListChange={setListId} onFile={(f) => read(f)} busy={analyze.isPending} />
        )}

        {step === 1 && analysis && (
          <>
            <MappingTable analysis={analysis} mapping={mapping} onChange={setMapping} />
            <Divider />
            <ValueMappingCard analysis={analysis} mapping={mapping} valueMapping={valueMapping} onChange={setValueMapping} />
            <DuplicateOptions
              value={settings}
              onChange={setSettings}
              hasReferences={analysis.fields.some((f) => f.kind === 'ref' && f.ref === 'customer')}
              hasTimestamps={entity === 'opportunities'}
              listMembers={members}
              hasPhone={Object.values(mapping).includes('phone')}
              defaultRegion={defaultRegion}
              byEmailOnly={entity === USERS}
            />
            <Flex justify="space-between" style={{ marginTop: 24 }}>
              <Button onClick={reset}>{t('imports.back')}</Button>
              <Button type="primary" data-testid="import-check" disabled={problems.missing.length > 0 || problems.twice.length > 0} onClick={toCheck}>
                {t('imports.toCheck')}
              </Button>
            </Flex>
          </>
        )}

        {step === 2 && (
          <>
            {preview.data && analysis && <PreviewTable preview={preview.data} analysis={analysis} mapping={mapping} />}
            <Typography.Title level={5} style={{ marginTop: 24 }}>{t('imports.dryRun.title')}</Typography.Title>
            {!checked && check.data?.status !== 'failed' && <Spin tip={t('imports.dryRun.running')}><div style={{ height: 80 }} /></Spin>}
            {check.data?.status === 'failed' && <Alert type="error" showIcon message={check.data.error} />}
            {checked && (
              <div data-testid="import-dry-run">
                <ImportCounts counts={checked.counts} />
                {Object.keys(checked.blankDates).length > 0 && (
                  <BlankDatesCard counts={checked.blankDates} value={blankDates} onChange={setBlankDates} onRecheck={toCheck} />
                )}
                {checked.counts.invalid === 0 ? (
                  <Alert type="success" showIcon style={{ marginTop: 16 }} message={t('imports.dryRun.clean')} />
                ) : (
                  <>
                    <Alert
                      type={blocked ? 'warning' : 'info'}
                      showIcon
                      style={{ margin: '16px 0' }}
                      message={t('imports.dryRun.blocked', { count: checked.counts.invalid })}
                      description={
                        <Checkbox checked={settings.skipInvalid} onChange={(e) => setSettings({ ...settings, skipInvalid: e.target.checked })} data-testid="import-skip-invalid-2">
                          {t('imports.dedupe.skipInvalid')}
                        </Checkbox>
                      }
                    />
                    <Typography.Title level={5}>{t('imports.dryRun.invalidRows')}</Typography.Title>
                    <RowErrorsTable rows={checked.rowErrors} />
                    {checked.rowErrors.length < checked.counts.invalid && (
                      <Typography.Text type="secondary">{t('imports.dryRun.more', { count: checked.rowErrors.length })}</Typography.Text>
                    )}
                  </>
                )}
              </div>
            )}
            <Flex justify="space-between" style={{ marginTop: 24 }}>
              <Button onClick={() => setStep(1)}>{t('imports.back')}</Button>
              <Button type="primary" data-testid="import-run" disabled={!checked || blocked || writable === 0} loading={start.isPending} onClick={toRun}>
                {checked ? t(members ? 'imports.mailingList.startCount' : 'imports.run.startCount', { count: writable }) : t('imports.run.start')}
              </Button>
            </Flex>
          </>
        )}

        {step === 3 && (run.data ? <ImportProgress status={run.data} onAnother={reset} /> : <Spin />)}
      </Card>
    </>
  )
}
