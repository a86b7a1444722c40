import { AppError } from '../../server/errors'
import { fileError } from './file-error'
import type { ImportLang } from './messages'

/**
 * What the user is told when the workbook reader fails on a damaged .xlsx, in his language. The
 * reader's own message ("Cannot read properties of undefined", "1:73: disallowed character…")
 * says nothing to him and tells an attacker about our internals, so it is never shown.
 */
export function unreadableWorkbook(err: unknown, lang: ImportLang): AppError {
  if (err instanceof AppError && err.code === 'IMPORT_FILE_INVALID') return err
  const zh = lang === 'zh-CN'
  const message = (err as Error | undefined)?.message ?? ''
  // saxes reports "line:column: what"; zlib errors carry a Z_ code.
  if (/^\d+:\d+: /.test(message)) {
    return fileError(zh ? '工作簿已损坏：其中的表格内容不是有效的 XML。请在 Excel 中打开并重新另存为 .xlsx，或另存为 CSV。' : 'The workbook is damaged: part of it is not valid XML. Open it in Excel and save it again as .xlsx, or save it as CSV.')
  }
  if (typeof (err as { code?: unknown })?.code === 'string' && /^Z_/.test((err as { code: string }).code)) {
    return fileError(zh ? '工作簿已损坏：其中一部分无法解压。请重新另存为 .xlsx，或另存为 CSV。' : 'The workbook is damaged: part of it cannot be decompressed. Save it again as .xlsx, or save it as CSV.')
  }
  return fileError(zh ? '无法读取该工作簿：文件已损坏或不是 Excel 保存的 .xlsx。请在 Excel 中重新另存为 .xlsx，或另存为 CSV。' : 'The workbook cannot be read: it is damaged or was not saved as .xlsx by a spreadsheet program. Save it again from Excel as .xlsx, or as CSV.')
}
