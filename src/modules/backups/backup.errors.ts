/**
 * Why a backup file cannot be restored (or a target must not be overwritten). Each is found before
 * the target is changed, and its message is for the person at the terminal: what is wrong and what to do.
 */
export type BackupProblem =
  | 'foreign'
  | 'damaged'
  | 'truncated'
  | 'wrong-key'
  | 'needs-key'
  | 'newer-schema'
  | 'target-not-empty'

const lead: Record<BackupProblem, string> = {
  foreign: 'This is not a Kith backup file',
  damaged: 'The backup file is damaged',
  truncated: 'The backup file is incomplete (cut off)',
  'wrong-key': 'The backup file is encrypted and cannot be opened with this key',
  'needs-key': 'The backup file is encrypted',
  'newer-schema': 'The backup comes from a newer Kith',
  'target-not-empty': 'The target database already holds data',
}

export class BackupFileError extends Error {
  constructor(
    readonly problem: BackupProblem,
    detail: string,
  ) {
    super(`${lead[problem]}: ${detail}. Nothing was changed.`)
    this.name = 'BackupFileError'
  }
}
