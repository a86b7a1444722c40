import { useMutation } from '@tanstack/react-query'
import { authApi } from '../api'

/**
 * Signs out, then loads the sign-in page afresh: nothing of the last user (cached records, the
 * CSRF token, pages still mounted and fetching) survives into the signed-out page. The assets
 * come from the browser cache (hashed names, cached for good), so the reload costs one small request.
 */
export function useLogout() {
  return useMutation({
    mutationFn: authApi.logout,
    onSettled: () => window.location.assign('/login'),
  })
}
