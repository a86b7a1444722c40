import type { Executor } from '../../db/database'
import { changedFields } from '../../lib/diff'
import { iso } from '../../lib/schema'
import type { RequestContext } from '../../server/context'
import { assertAccess } from '../../server/permissions'
import { recordAudit } from '../audit/audit.service'
import type { StageService } from '../pipeline-stages/pipeline-stages.service'
import * as repo from './opportunities.repository'
import { toOpportunity } from './opportunities.model'

interface Deps {
  stages: StageService
  visible(ctx: RequestContext, id: string, access: 'read' | 'write', trx?: Executor): Promise<repo.OpportunityRow>
}

/** What quotes need of a deal, inside their own transaction (on PGlite a query outside it would wait forever). */
export function createQuotingFunctions({ stages, visible }: Deps) {
  return {
    /** The deal with its lines if the caller may see (read) or change (write, row-locked) it. */
    async withLines(trx: Executor, ctx: RequestContext, id: string, access: 'read' | 'write') {
      const row = await visible(ctx, id, access, trx)
      return { opportunity: toOpportunity(row, await repo.linesOf(trx, [id])), stageKind: (await stages.lookup(trx, row.stage))?.kind ?? 'open' }
    },

    /**
     * Moves a deal into the won stage because its quote was accepted, audited like any stage
     * change. Winning changes the deal, so the caller must be allowed to change it (404/403) even
     * though the quote was already checked: the quote's rights are not the deal's. A deal in the
     * trash is left there (the order still stands).
     */
    async markWon(trx: Executor, ctx: RequestContext, id: string): Promise<void> {
      const row = await repo.lockOpportunity(trx, id)
      if (!row || row.deletedAt) return
      assertAccess(ctx.actor, row, 'write', 'OPPORTUNITY_NOT_FOUND')
      const key = (await stages.all(trx)).find((s) => s.kind === 'won')?.key
      const won = key === undefined ? undefined : await stages.lookup(trx, key)
      if (!won || row.stage === won.key) return
      const closedAt = new Date()
      await repo.updateOpportunity(trx, id, { stage: won.key, probability: won.probability, closedAt, lostReason: null, lostReasonId: null })
      const changes = changedFields(
        { stage: row.stage, probability: row.probability, closedAt: row.closedAt ? iso(row.closedAt) : null, lostReason: row.lostReason },
        { stage: won.key, probability: won.probability, closedAt: iso(closedAt), lostReason: null },
      )
      await recordAudit(trx, ctx, [{ action: 'update', entity: 'opportunity', entityId: id, changes }])
    },
  }
}
