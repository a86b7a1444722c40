import type { Executor } from '../../db/database'
import { fieldError } from '../../server/errors'

/** Whether a lead or deal may name this campaign: it exists and is not deleted. */
export async function isLiveCampaign(db: Executor, id: string): Promise<boolean> {
  const row = await db.selectFrom('campaigns').select('id').where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst()
  return row !== undefined
}

/** A campaign given on a write must be a live one: a 400 on the field, not a foreign-key 500. */
export async function assertCampaign(db: Executor, id: string | null | undefined): Promise<void> {
  if (id && !(await isLiveCampaign(db, id))) throw fieldError('campaignId', 'Unknown campaign')
}
