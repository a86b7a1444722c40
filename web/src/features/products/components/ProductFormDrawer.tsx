import { App, Form } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { FormDrawer } from '../../../components/FormDrawer'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { newProductValues, toChanges, toFormValues, toInput, type ProductFormValues } from '../form'
import { useSaveProduct } from '../hooks/useSaveProduct'
import type { Product, ProductPatch } from '../types'
import { ProductForm } from './ProductForm'
import { useCompanyLocale } from '../../company/hooks/useCompanyLocale'

interface Props {
  open: boolean
  /** The product to edit; absent = a new one. */
  product?: Product
  onClose: () => void
}

export function ProductFormDrawer({ open, product, onClose }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<ProductFormValues>()
  const { currency } = useCompanyLocale()
  const onFormError = useFormErrorHandler(form)
  // A taken SKU belongs under the SKU field, in the user's language.
  const onError = (e: unknown) =>
    isApiError(e) && e.code === 'SKU_TAKEN' ? form.setFields([{ name: 'sku', errors: [t('quotes.errors.SKU_TAKEN')] }]) : onFormError(e)
  const save = useSaveProduct()

  useEffect(() => {
    if (open) form.resetFields()
  }, [open, product?.id, product?.version, form])

  const submit = (values: ProductFormValues) => {
    const done = (text: string) => () => {
      message.success(text)
      onClose()
    }
    if (!product) {
      save.mutate({ input: toInput(values) }, { onSuccess: done(t('products.created')), onError })
      return
    }
    const changes = toChanges(product, values)
    if (Object.keys(changes).length === 0) return onClose()
    save.mutate(
      { id: product.id, patch: { ...changes, version: product.version } as ProductPatch },
      {
        onSuccess: done(t('products.saved')),
        onError: (e) => {
          // Someone else saved it meanwhile: the list shows theirs, the user edits again from there.
          if (isApiError(e) && e.isConflict) {
            message.warning(t('products.conflict'))
            onClose()
          } else onError(e)
        },
      },
    )
  }

  const title = product ? t('products.editTitle', { name: product.name }) : t('products.new')
  return (
    <FormDrawer open={open} onClose={onClose} width={560} title={title} busy={save.isPending} onSave={() => form.submit()}>
      <ProductForm form={form} initialValues={product ? toFormValues(product) : newProductValues(currency)} onFinish={submit} disabled={save.isPending} />
    </FormDrawer>
  )
}
