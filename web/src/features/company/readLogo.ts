import { LOGO_TYPES, MAX_LOGO_BYTES } from './types'

export type LogoProblem = 'type' | 'size'

/** A chosen image file as a data URL, or why it cannot be the logo. */
export function readLogo(file: File): Promise<{ dataUrl: string } | { problem: LogoProblem }> {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return Promise.resolve({ problem: 'type' })
  if (file.size > MAX_LOGO_BYTES) return Promise.resolve({ problem: 'size' })
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve({ dataUrl: String(reader.result) })
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(file)
  })
}
