import { Button, Descriptions, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ImportAnalysis } from '../types'

interface Props {
  analysis: ImportAnalysis
  onSheetChange: (sheet: string) => void
  onChangeFile: () => void
  busy: boolean
}

const fileSize = (bytes: number, locale: string) =>
  bytes < 1024 * 1024
    ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024)} KB`
    : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1048576)} MB`

/** What Kith detected in the file: the user sees the encoding and delimiter it read the file with. */
export function FileSummary({ analysis, onSheetChange, onChangeFile, busy }: Props) {
  const { t, i18n } = useTranslation()
  const delimiter = (d: string | null) =>
    d === '\t' ? t('imports.file.tab') : d === ',' ? t('imports.file.comma') : d === ';' ? t('imports.file.semicolon') : d
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 4 }}
      extra={<Button size="small" onClick={onChangeFile}>{t('imports.file.changeFile')}</Button>}
      items={[
        { key: 'name', label: t('imports.file.name'), children: <span data-testid="import-file-name">{analysis.fileName}</span> },
        { key: 'size', label: t('imports.file.size'), children: fileSize(analysis.size, i18n.language) },
        ...(analysis.format === 'vcard'
          ? [
              { key: 'format', label: t('imports.file.format'), children: t('imports.file.vcard') },
              { key: 'encoding', label: t('imports.file.encoding'), children: <span data-testid="import-encoding">{analysis.encoding?.toUpperCase()}</span> },
            ]
          : analysis.format === 'csv'
          ? [
              { key: 'encoding', label: t('imports.file.encoding'), children: <span data-testid="import-encoding">{analysis.encoding?.toUpperCase()}</span> },
              { key: 'delimiter', label: t('imports.file.delimiter'), children: delimiter(analysis.delimiter) },
            ]
          : [
              {
                key: 'sheet',
                label: t('imports.file.sheet'),
                children: (
                  <Select
                    size="small"
                    style={{ minWidth: 160 }}
                    value={analysis.sheet ?? undefined}
                    disabled={busy}
                    onChange={onSheetChange}
                    options={analysis.sheets.map((s) => ({ value: s, label: s }))}
                  />
                ),
              },
            ]),
        // A vCard has no header row of its own: one row a card.
        ...(analysis.format === 'vcard' ? [] : [{ key: 'header', label: t('imports.file.headerRow'), children: analysis.headerRow }]),
      ]}
    />
  )
}
