import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { Kysely, CamelCasePlugin } from 'kysely'
import { migrateToLatest } from './db/migrate'
let t0 = Date.now()
const p1 = await PGlite.create({ extensions: { pg_trgm } })
console.log('plain create', Date.now() - t0)
t0 = Date.now()
await migrateToLatest(new Kysely<any>({ dialect: new PGliteDialect(p1), plugins: [new CamelCasePlugin()] }))
console.log('migrate', Date.now() - t0)
t0 = Date.now()
const blob = await p1.dumpDataDir('none')
console.log('dump', Date.now() - t0, blob.size)
for (let i = 0; i < 3; i++) {
t0 = Date.now()
const p2 = await PGlite.create({ extensions: { pg_trgm }, loadDataDir: blob })
console.log('load', Date.now() - t0)
console.log((await p2.query('select count(*) from kith_migrations')).rows, (await p2.query("select similarity('abc','abd')")).rows)
}
const g = await p1.dumpDataDir('gzip')
console.log('gz', g.size)
