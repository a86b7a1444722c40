import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { MemberKind } from '../types'

const COLORS: Record<MemberKind, string> = { customer: 'blue', contact: 'cyan', lead: 'gold' }

export function MemberKindTag({ kind }: { kind: MemberKind }) {
  const { t } = useTranslation()
  return <Tag color={COLORS[kind]}>{t(`mailingLists.memberKind.${kind}`)}</Tag>
}
