import { useMutation, useQueryClient } from '@tanstack/react-query'
import { productsApi } from '../api'
import { productKeys, type ProductInput, type ProductPatch } from '../types'

/** Create (no id) or update (id + patch with version) a product; lists refresh either way. */
export function useSaveProduct() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (v: { id?: undefined; input: ProductInput } | { id: string; patch: ProductPatch }) =>
      v.id === undefined ? productsApi.create(v.input) : productsApi.update(v.id, v.patch),
    onSuccess: (p) => {
      queryClient.setQueryData(productKeys.detail(p.id), p)
      void queryClient.invalidateQueries({ queryKey: productKeys.lists() })
    },
  })
}
