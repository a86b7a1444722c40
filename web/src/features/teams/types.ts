import type { Team, TeamCreate, TeamUpdate } from '@server/modules/teams/teams.schema'

export type { Team, TeamCreate, TeamUpdate }

export const teamKeys = {
  all: ['teams'] as const,
}
