#!/usr/bin/env node
// The `kith` command runs the built CLI (dist/server/cli.mjs), built first when the sources are newer.
import { buildServerIfStale } from '../scripts/build-if-stale.mjs'

await buildServerIfStale()
await import('../dist/server/cli.mjs')
