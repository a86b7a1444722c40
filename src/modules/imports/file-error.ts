import { AppError } from '../../server/errors'

/** Why a whole file cannot be imported; the message is shown to the user as it is. */
export const fileError = (message: string) => new AppError('IMPORT_FILE_INVALID', message, { errors: [{ path: 'file', message }] })

/** The Chinese of the fixed file refusals (the workbook reader's own are written in both: workbook-error.ts). */
const ZH: Record<string, string> = {
  'The file is empty.': '文件是空的。',
  'The file has no rows.': '文件中没有任何行。',
  'The file has a header row but no data rows.': '文件只有表头，没有数据行。',
  'The file is not a CSV text file or an .xlsx workbook.': '该文件既不是 CSV 文本文件，也不是 .xlsx 工作簿。',
  'Old Excel .xls files are not supported: save the sheet as .xlsx or CSV.': '不支持旧版 Excel .xls 文件：请另存为 .xlsx 或 CSV。',
  'The workbook has no sheets.': '工作簿中没有工作表。',
  'The sheet has more rows than Excel allows.': '工作表的行数超过了 Excel 的上限。',
  'The file is not a valid .xlsx workbook (it is not a zip archive). Save it again from Excel as .xlsx, or as CSV.': '该文件不是有效的 .xlsx 工作簿（不是 ZIP 压缩包，可能已损坏或不完整）。请在 Excel 中重新另存为 .xlsx，或另存为 CSV。',
  'The zip archive is not an Excel workbook (no xl/workbook.xml). Save it as .xlsx or CSV.': '该压缩包不是 Excel 工作簿（缺少 xl/workbook.xml）。请另存为 .xlsx 或 CSV。',
  'The workbook is damaged (bad zip entry).': '工作簿已损坏（压缩条目无效）。',
  'The workbook is damaged (a part cannot be inflated).': '工作簿已损坏（其中一部分无法解压）。',
  'The workbook index is too large.': '工作簿的索引过大。',
  'The workbook is too large (ZIP64 archives are not supported); split it or save it as CSV.': '工作簿过大（不支持 ZIP64 压缩包）；请拆分文件或另存为 CSV。',
  'The workbook’s shared text table is too large to read safely; save the sheet as CSV instead.': '工作簿的共享文本表过大，无法安全读取；请另存为 CSV。',
}

/** A file refusal in the user's language; one not translated (yet) stays as it is. */
export function localizeFileError(err: unknown, lang: 'zh-CN' | 'en'): unknown {
  if (lang !== 'zh-CN' || !(err instanceof AppError) || err.code !== 'IMPORT_FILE_INVALID') return err
  const zh = ZH[err.message]
  return zh ? fileError(zh) : err
}
