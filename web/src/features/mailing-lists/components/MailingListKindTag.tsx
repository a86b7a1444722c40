import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ListKind } from '../types'

export function MailingListKindTag({ kind }: { kind: ListKind }) {
  const { t } = useTranslation()
  return <Tag color={kind === 'dynamic' ? 'purple' : 'blue'}>{t(`mailingLists.kind.${kind}`)}</Tag>
}
