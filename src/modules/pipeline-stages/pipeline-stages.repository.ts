import { sql, type Insertable, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import type { PipelineStagesTable } from './pipeline-stages.table'

const columns = ['id', 'key', 'name', 'nameEn', 'position', 'probability', 'kind', 'createdAt', 'updatedAt', 'createdBy', 'version', 'deletedAt'] as const

const live = (db: Executor) => db.selectFrom('pipelineStages').select(columns).where('deletedAt', 'is', null)

/** The live stages in board order. */
export const listStages = (db: Executor) => live(db).orderBy('position').orderBy('key').execute()

export const findStageByKey = (db: Executor, key: string) => live(db).where('key', '=', key).executeTakeFirst()

/**
 * A live stage, share-locked for the rest of the caller's transaction: an opportunity moving into
 * it and an admin deleting it (or changing its kind) cannot pass each other.
 */
export const findStageForShare = (db: Executor, key: string) => live(db).where('key', '=', key).forShare().executeTakeFirst()

/** Locks every live stage (in id order), so two admins changing the pipeline queue instead of both passing a check. */
export const lockStages = (db: Executor) => live(db).orderBy('id').forUpdate().execute()

export const insertStage = (db: Executor, row: Insertable<PipelineStagesTable>) =>
  db.insertInto('pipelineStages').values(row).returning('id').executeTakeFirstOrThrow()

export const updateStage = (db: Executor, id: string, patch: Updateable<PipelineStagesTable>) =>
  db
    .updateTable('pipelineStages')
    .set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .execute()

export type StageRow = NonNullable<Awaited<ReturnType<typeof findStageByKey>>>
