// Everything the UI needs to speak 中文, as one chunk loaded only when 中文 is the language.
import antd from 'antd/locale/zh_CN'
import 'dayjs/locale/zh-cn'
import base from './zh-CN.json'
import { mergeMessages, type Messages } from './merge'

const features = import.meta.glob<Messages>('../features/*/i18n/zh-CN.json', { eager: true, import: 'default' })

export default { messages: mergeMessages(base, features), antd }
