// Everything the UI needs to speak English, as one chunk loaded only when English is the language.
import antd from 'antd/locale/en_US'
import 'dayjs/locale/en'
import base from './en.json'
import { mergeMessages, type Messages } from './merge'

const features = import.meta.glob<Messages>('../features/*/i18n/en.json', { eager: true, import: 'default' })

export default { messages: mergeMessages(base, features), antd }
