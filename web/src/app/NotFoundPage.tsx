import { ErrorResult } from '../components/ErrorResult'
import { ApiError } from '../lib/ApiError'

export default function NotFoundPage() {
  return <ErrorResult error={new ApiError({ status: 404, code: 'NOT_FOUND' })} />
}
