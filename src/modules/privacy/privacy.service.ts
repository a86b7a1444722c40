import type { EncryptionService } from '../encryption/encryption.service'
import type { Readable } from 'node:stream'
import type { Db } from '../../db/database'
import type { RequestContext } from '../../server/context'
import { AppError, fieldError } from '../../server/errors'
import { assertRole } from '../../server/permissions'
import { recordAudit } from '../audit/audit.service'
import { eraseScope } from './privacy.erase'
import { exportArchive } from './privacy.export'
import type { PrivacyErasure, PrivacyKind } from './privacy.schema'
import { collectScope, loadSubject } from './privacy.scope'
import { SECTIONS } from './privacy.sections'

/**
 * Privacy requests (PIPL 个人信息保护法 arts. 45 and 47, GDPR arts. 15, 17 and 20): hand a person
 * everything Kith holds about him, or erase it. Admins only — both reach past every owner and
 * team — and each request is audited, without the person's values.
 */
export function createPrivacyService({ db, encryption, now = () => new Date() }: { db: Db; encryption: EncryptionService; now?: () => Date }) {
  return {
    async export(ctx: RequestContext, kind: PrivacyKind, id: string): Promise<{ filename: string; body: Readable }> {
      assertRole(ctx.actor, 'admin')
      const subject = await loadSubject(db, kind, id)
      const scope = await collectScope(db, subject, encryption.openStored)
      await recordAudit(db, ctx, [{ action: 'privacy_export', entity: kind, entityId: id, changes: { files: SECTIONS.map((s) => s.file) } }])
      const at = now()
      return { filename: `kith-personal-data-${kind}-${id}-${at.toISOString().slice(0, 10)}.zip`, body: exportArchive(db, subject, scope, at, encryption.openStored) }
    },

    async erase(ctx: RequestContext, kind: PrivacyKind, id: string, input: { version: number; confirm: string }): Promise<PrivacyErasure> {
      assertRole(ctx.actor, 'admin')
      return db.transaction().execute(async (trx) => {
        const subject = await loadSubject(trx, kind, id, true)
        if (subject.version !== input.version) {
          throw new AppError('VERSION_CONFLICT', 'This record was changed by someone else since you loaded it', { current: { id, version: subject.version, name: subject.name } })
        }
        if (input.confirm.trim() !== subject.name.trim()) throw fieldError('confirm', "Type the record's name exactly to confirm the erasure")
        const scope = await collectScope(trx, subject, encryption.openStored)
        const { rows, suppressedHashes } = await eraseScope(trx, ctx, subject, scope)
        // Counts only: the erasure's own record holds nothing of what it erased.
        await recordAudit(trx, ctx, [{ action: 'privacy_erase', entity: kind, entityId: id, changes: { rows, suppressedHashes } }])
        return { kind, id, rows, suppressedHashes }
      })
    },
  }
}

export type PrivacyService = ReturnType<typeof createPrivacyService>
