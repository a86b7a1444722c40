import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { SearchService } from './search.service'
import { searchQuerySchema, searchResultSchema } from './search.schema'

export function searchRoutes(app: App, { search }: { search: SearchService }) {
  app.get('/search', {
    schema: { tags: ['search'], summary: 'Global search across the records you may see', querystring: searchQuerySchema, response: { 200: searchResultSchema } },
  }, (req) => search.search(ctxOf(req), req.query.q, req.query.limit))
}
