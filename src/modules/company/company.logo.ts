import { logoInfo } from './company.schema'

/**
 * The image inside a data URL, decoded, when it really is a PNG or JPEG (checked by its magic
 * bytes, not its label). Server-only (Node's Buffer, as pdfkit takes it): the schema stays free of
 * Node globals because the web app imports its types.
 */
export function decodeLogo(dataUrl: string): { type: 'png' | 'jpeg'; bytes: Buffer } | null {
  const info = logoInfo(dataUrl)
  return info ? { type: info.type, bytes: Buffer.from(info.base64, 'base64') } : null
}
