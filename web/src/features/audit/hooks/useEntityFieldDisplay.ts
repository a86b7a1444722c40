import { useCallback } from 'react'
import { useGenericFieldDisplay } from '../../../hooks/useGenericFieldDisplay'
import type { FieldDisplay } from '../../../lib/fieldDisplay'
import { useContactFieldDisplay } from '../../contacts/hooks/useContactFieldDisplay'
import { useCustomerFieldDisplay } from '../../customers/hooks/useCustomerFieldDisplay'

/** The field display that fits an audit entry's entity. */
export function useEntityFieldDisplay(): (entity: string) => FieldDisplay {
  const customer = useCustomerFieldDisplay()
  const contact = useContactFieldDisplay()
  const generic = useGenericFieldDisplay()
  return useCallback((entity: string) => (entity === 'customer' ? customer : entity === 'contact' ? contact : generic), [customer, contact, generic])
}
