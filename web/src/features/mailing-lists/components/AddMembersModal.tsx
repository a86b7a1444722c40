import { App, Modal, Segmented, Select, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { useListMemberChanges } from '../hooks/useListMemberChanges'
import { usePeopleSearch } from '../hooks/usePeopleSearch'
import type { MemberKind, MembersToAdd } from '../types'

interface Props {
  listId: string
  open: boolean
  onClose: () => void
}

const BODY_KEY: Record<MemberKind, keyof MembersToAdd> = { customer: 'customerIds', contact: 'contactIds', lead: 'leadIds' }

/** Find customers, contacts or leads by typing and add the chosen ones to a static list. */
export function AddMembersModal({ listId, open, onClose }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const notifyError = useNotifyError()
  const [kind, setKind] = useState<MemberKind>('contact')
  const [text, setText] = useState('')
  const [picked, setPicked] = useState<string[]>([])
  const q = useDebouncedValue(text.trim(), 250)
  const people = usePeopleSearch(kind, q)
  const { add } = useListMemberChanges(listId)

  const options = (people.data ?? []).map((p) => ({
    value: p.id,
    label: [p.name, p.company, p.email ?? t('mailingLists.noEmail')].filter(Boolean).join(' · '),
  }))
  const close = () => {
    setPicked([])
    setText('')
    onClose()
  }
  const submit = () =>
    add.mutate(
      { [BODY_KEY[kind]]: picked },
      {
        onSuccess: (r) => {
          const already = r.alreadyMembers > 0 ? ` ${t('mailingLists.alreadyMembers', { count: r.alreadyMembers })}` : ''
          message.success(t('mailingLists.added', { count: r.added }) + already)
          close()
        },
        onError: notifyError,
      },
    )

  return (
    <Modal
      open={open}
      title={t('mailingLists.addMembers')}
      okText={t('mailingLists.addAction', { count: picked.length })}
      okButtonProps={{ disabled: picked.length === 0, loading: add.isPending }}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={close}
      destroyOnHidden
    >
      <Segmented<MemberKind>
        block
        value={kind}
        onChange={(k) => {
          setKind(k)
          setPicked([])
        }}
        options={(['contact', 'customer', 'lead'] as const).map((k) => ({ value: k, label: t(`mailingLists.memberKindPlural.${k}`) }))}
        style={{ marginBottom: 12 }}
      />
      <Select<string[]>
        mode="multiple"
        aria-label={t('mailingLists.pickPeople')}
        placeholder={t('mailingLists.pickPeople')}
        style={{ width: '100%' }}
        value={picked}
        onChange={setPicked}
        filterOption={false}
        onSearch={setText}
        searchValue={text}
        autoClearSearchValue={false}
        loading={people.isFetching}
        options={options}
        notFoundContent={people.isFetching ? t('common.loading') : t('common.noMatches')}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('mailingLists.addHint')}
      </Typography.Paragraph>
    </Modal>
  )
}
