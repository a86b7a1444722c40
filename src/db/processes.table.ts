import type { Generated } from 'kysely'

/** A process that works the job queue, beating while it lives (see server/job-recovery.ts). */
export interface KithProcessesTable {
  id: string
  host: string
  pid: number
  startedAt: Generated<Date>
  heartbeatAt: Generated<Date>
}

/** A pg-boss job running in a process (processId), or requeued after its process died and not started yet (null). */
export interface JobOwnersTable {
  jobId: string
  queue: string
  processId: string | null
  /** How often this job's chain was requeued because its process died: a job that kills its process each time stops being requeued at once. */
  recoveries: Generated<number>
  startedAt: Generated<Date>
}
