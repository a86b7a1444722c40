import type { Stage, StageCreate, StageUpdate } from '@server/modules/pipeline-stages/pipeline-stages.schema'

export type { Stage, StageCreate, StageUpdate }
export type StageKind = Stage['kind']

/** Colour per kind; its keys are also the list of kinds (checked complete by the type). */
export const KIND_COLORS = { open: 'blue', won: 'green', lost: 'red' } as const satisfies Record<StageKind, string>
export const STAGE_KINDS = Object.keys(KIND_COLORS) as StageKind[]

export const stageKeys = {
  all: ['pipeline-stages'] as const,
}
