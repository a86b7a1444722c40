export type Messages = Record<string, unknown>

/**
 * The app's strings of one language: the shared file plus each feature's own file
 * (features/<name>/i18n/{en,zh-CN}.json, under a top-level key named for the feature), so modules
 * own their texts and do not all edit one file.
 */
export function mergeMessages(base: Messages, features: Record<string, Messages>): Messages {
  const merged: Messages = { ...base }
  for (const [path, messages] of Object.entries(features)) {
    for (const [key, value] of Object.entries(messages)) {
      if (key in merged) throw new Error(`i18n key "${key}" in ${path} is already defined`)
      merged[key] = value
    }
  }
  return merged
}
