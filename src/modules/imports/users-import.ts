import type { Executor } from '../../db/database'
import { newId } from '../../lib/ids'
import type { Role } from '../../server/context'
import { recordAuditBatch, type AuditEvent } from '../audit/audit.service'
import type { BatchEnv, RowResult } from './batch'
import * as repo from './imports.repository'
import type { PreparedRow } from './prepare'
import { findTeams, findUsers } from './users-import.repository'

/**
 * A users import (admins only): a team's people in one file instead of a POST /users and a
 * POST /teams each. Users are created inactive and with no password that can sign in: an admin
 * activates each by PATCH /users/{id} {active: true, password} when the person starts (the first
 * password is the admin's to set, as on POST /users). Teams named in the file are created when
 * missing; a manager column puts the user in his manager's team.
 */
export const NO_PASSWORD = '!imported-without-password'

interface Person {
  id: string
  email: string
  name: string
  role: Role
  teamId: string | null
  /** A person of this batch: his team may be one the batch creates. */
  teamName?: string
}

interface Planned extends RowResult {
  user?: Person
}

const lower = (v: unknown) => String(v).trim().toLowerCase()

export async function processUsers(env: BatchEnv, rows: PreparedRow[]): Promise<RowResult[]> {
  const { exec } = env
  const valid = rows.filter((r) => r.errors.length === 0)
  const emails = [...new Set(valid.flatMap((r) => (r.values.email ? [lower(r.values.email)] : [])))]
  const managerKeys = [...new Set(valid.flatMap((r) => (r.values.manager ? [lower(r.values.manager)] : [])))]
  const known = await findUsers(exec, [...new Set([...emails, ...managerKeys])])
  const teams = new Map((await findTeams(exec, [...new Set(valid.flatMap((r) => (r.values.team ? [lower(r.values.team)] : [])))])).map((t) => [t.name.toLowerCase(), t.id]))
  const newTeams = new Map<string, { id: string; name: string; row: number }>()
  const teamOf = (name: string, row: number) => {
    const key = name.toLowerCase()
    const id = teams.get(key) ?? newTeams.get(key)?.id
    if (id) return id
    const created = { id: newId(), name, row }
    newTeams.set(key, created)
    return created.id
  }

  // People of this batch first, so a manager may be named by a row below or above his team's.
  const batchPeople = new Map<string, Person>()
  const planned: Planned[] = rows.map((r) => {
    const errors = [...r.errors]
    const result: Planned = { row: r.row, cells: r.cells, outcome: 'invalid', errors, record: {} }
    if (errors.length) return result
    const email = r.values.email ? lower(r.values.email) : undefined
    const name = String(r.values.name ?? '').trim()
    if (!email) errors.push({ path: 'email', message: 'Required' })
    if (!name) errors.push({ path: 'name', message: 'Required' })
    if (errors.length) return result
    const existing = known.find((u) => u.email.toLowerCase() === email)
    if (existing || batchPeople.has(email!)) {
      if (env.options.mode === 'skip-duplicates') result.outcome = 'skip'
      else errors.push({ path: 'email', message: existing?.deletedAt ? `A deleted user has the e-mail ${email}` : `A user with the e-mail ${email} exists${existing ? '' : ' earlier in the file'}: choose skip duplicates` })
      return result
    }
    const teamName = r.values.team ? String(r.values.team).trim() : undefined
    const person: Person = { id: newId(), email: email!, name, role: (r.values.role as Role | undefined) ?? 'sales', teamId: teamName ? teamOf(teamName, r.row) : null, teamName }
    batchPeople.set(email!, person)
    result.user = person
    result.outcome = 'create'
    return result
  })
  for (const p of planned) if (p.user) placeUnderManager(p, rows.find((r) => r.row === p.row)!, known, batchPeople)
  // Teams only for rows that stayed valid: a team named by a rejected row alone is not created.
  const used = new Set(planned.flatMap((p) => (p.outcome === 'create' && p.user!.teamId ? [p.user!.teamId] : [])))
  for (const [key, t] of newTeams) if (!used.has(t.id)) newTeams.delete(key)
  for (const p of planned) {
    if (p.outcome !== 'create') continue
    const u = p.user!
    p.record = { email: u.email, name: u.name, role: u.role, teamId: u.teamId, team: u.teamName ?? null, active: false }
  }
  if (env.write) await write(env, planned, [...newTeams.values()])
  return planned
}

/** The manager column: the user joins his manager's team (who must be a manager or an admin). */
function placeUnderManager(p: Planned, r: PreparedRow, known: Awaited<ReturnType<typeof findUsers>>, batch: Map<string, Person>) {
  if (r.values.manager === undefined) return
  const key = lower(r.values.manager)
  const inFile = [...batch.values()].filter((u) => u.email === key || u.name.toLowerCase() === key)
  const stored = known.filter((u) => !u.deletedAt && (u.email.toLowerCase() === key || u.name.toLowerCase() === key))
  const byEmail = [...inFile, ...stored].filter((u) => u.email.toLowerCase() === key)
  const hits = byEmail.length ? byEmail : [...inFile, ...stored]
  const fail = (message: string) => {
    p.errors.push({ path: 'manager', message })
    p.outcome = 'invalid'
  }
  if (hits.length === 0) return fail(`No user "${String(r.values.manager)}" (use the manager's e-mail or name)`)
  if (hits.length > 1) return fail(`${hits.length} users are named "${String(r.values.manager)}": use the e-mail`)
  const m = hits[0]!
  if (m.role !== 'manager' && m.role !== 'admin') return fail(`${m.name} is not a manager (role ${m.role})`)
  if (m.email === p.user!.email) return fail('A user cannot be his own manager')
  if (!m.teamId) return fail(`${m.name} has no team to manage: give the team`)
  if (p.user!.teamId && p.user!.teamId !== m.teamId) return fail(`${m.name} manages another team than ${p.user!.teamName ?? 'the one given'}`)
  p.user!.teamId = m.teamId
}

async function write(env: BatchEnv, planned: Planned[], teams: { id: string; name: string; row: number }[]) {
  const { exec, ctx, importId } = env
  const created = planned.filter((p) => p.outcome === 'create')
  await repo.insertSet(exec, 'teams', teams.map((t) => ({ id: t.id, name: t.name, createdBy: ctx.actor.userId })))
  await repo.insertSet(exec, 'users', created.map((p) => {
    const u = p.user!
    p.entityId = u.id
    return { id: u.id, email: u.email, name: u.name, role: u.role, teamId: u.teamId, active: false, passwordHash: NO_PASSWORD, createdBy: ctx.actor.userId }
  }))
  const stamp = { importId: { before: null, after: importId } }
  const audits: AuditEvent[] = [
    ...teams.map((t) => ({ action: 'create', entity: 'team', entityId: t.id, changes: { name: { before: null, after: t.name }, ...stamp } })),
    ...created.map((p) => ({
      action: 'create', entity: 'user', entityId: p.entityId!,
      changes: { email: { before: null, after: p.user!.email }, name: { before: null, after: p.user!.name }, role: { before: null, after: p.user!.role }, teamId: { before: null, after: p.user!.teamId }, active: { before: null, after: false }, ...stamp },
    })),
  ]
  await recordAuditBatch(exec, ctx, audits)
  const none = { before: null, cells: null, errors: null }
  await repo.insertJournalSet(exec, [
    // A created team is journalled under its own entity and the negated row that named it first, as references.ts does for customers.
    ...teams.map((t) => ({ importId, rowNumber: -t.row, outcome: 'created', entity: 'teams', entityId: t.id, afterVersion: 1, ...none })),
    ...created.map((p) => ({ importId, rowNumber: p.row, outcome: 'created', entity: null, entityId: p.entityId, afterVersion: 1, ...none })),
    ...planned.filter((p) => p.outcome === 'invalid').map((p) => ({ importId, rowNumber: p.row, outcome: 'invalid', entity: null, entityId: null, afterVersion: null, before: null, cells: p.cells, errors: p.errors })),
  ])
}
