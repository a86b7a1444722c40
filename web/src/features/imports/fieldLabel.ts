import type { TFunction } from 'i18next'

/** A target field's name: `address.city` is looked up as `address_city` (a dot would nest the key). */
export const fieldLabel = (t: TFunction, key: string) => t(`imports.fields.${key.replaceAll('.', '_')}`, { defaultValue: key })
