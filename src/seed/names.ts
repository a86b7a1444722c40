/**
 * Word pools for generated data, shared by the demo seed and the bulk generator. Parallel arrays
 * (a Chinese word and its pinyin) let e-mail addresses and domains match the names they belong to.
 * Plain words only: the bulk generator inlines them into SQL literals.
 */

export interface City {
  zh: string
  pinyin: string
  region: string
  areaCode: string
  postal: string
  /** Digits of a local landline number (8, or 7 in Xiamen). */
  localDigits?: number
}

export const CITIES: City[] = [
  { zh: '上海', pinyin: 'shanghai', region: '上海市', areaCode: '21', postal: '200000' },
  { zh: '北京', pinyin: 'beijing', region: '北京市', areaCode: '10', postal: '100000' },
  { zh: '深圳', pinyin: 'shenzhen', region: '广东省', areaCode: '755', postal: '518000' },
  { zh: '广州', pinyin: 'guangzhou', region: '广东省', areaCode: '20', postal: '510000' },
  { zh: '杭州', pinyin: 'hangzhou', region: '浙江省', areaCode: '571', postal: '310000' },
  { zh: '南京', pinyin: 'nanjing', region: '江苏省', areaCode: '25', postal: '210000' },
  { zh: '苏州', pinyin: 'suzhou', region: '江苏省', areaCode: '512', postal: '215000' },
  { zh: '成都', pinyin: 'chengdu', region: '四川省', areaCode: '28', postal: '610000' },
  { zh: '武汉', pinyin: 'wuhan', region: '湖北省', areaCode: '27', postal: '430000' },
  { zh: '西安', pinyin: 'xian', region: '陕西省', areaCode: '29', postal: '710000' },
  { zh: '重庆', pinyin: 'chongqing', region: '重庆市', areaCode: '23', postal: '400000' },
  { zh: '天津', pinyin: 'tianjin', region: '天津市', areaCode: '22', postal: '300000' },
  { zh: '青岛', pinyin: 'qingdao', region: '山东省', areaCode: '532', postal: '266000' },
  { zh: '厦门', pinyin: 'xiamen', region: '福建省', areaCode: '592', postal: '361000', localDigits: 7 },
  { zh: '宁波', pinyin: 'ningbo', region: '浙江省', areaCode: '574', postal: '315000' },
  { zh: '长沙', pinyin: 'changsha', region: '湖南省', areaCode: '731', postal: '410000' },
  { zh: '郑州', pinyin: 'zhengzhou', region: '河南省', areaCode: '371', postal: '450000' },
  { zh: '合肥', pinyin: 'hefei', region: '安徽省', areaCode: '551', postal: '230000' },
  { zh: '无锡', pinyin: 'wuxi', region: '江苏省', areaCode: '510', postal: '214000' },
  { zh: '佛山', pinyin: 'foshan', region: '广东省', areaCode: '757', postal: '528000' },
]

export const STREETS_ZH = ['人民路', '中山路', '解放路', '建设路', '南京路', '淮海路', '科技园路', '滨江大道', '长安街', '世纪大道', '创业路', '新华路', '和平路', '高新大道', '文化路', '东方路']

/** Industry (stored value), the word a Chinese company name uses, and the English word. */
export const INDUSTRIES: { zh: string; word: string; en: string; domain: string }[] = [
  { zh: '制造业', word: '机械制造', en: 'Manufacturing', domain: 'mfg' },
  { zh: '零售', word: '商贸', en: 'Retail', domain: 'retail' },
  { zh: '金融', word: '投资管理', en: 'Capital', domain: 'capital' },
  { zh: '教育', word: '教育科技', en: 'Education', domain: 'edu' },
  { zh: '医疗', word: '医疗器械', en: 'Medical', domain: 'med' },
  { zh: '物流', word: '物流', en: 'Logistics', domain: 'logistics' },
  { zh: '互联网', word: '网络科技', en: 'Technologies', domain: 'tech' },
  { zh: '房地产', word: '置业', en: 'Properties', domain: 'realty' },
  { zh: '能源', word: '新能源', en: 'Energy', domain: 'energy' },
  { zh: '餐饮', word: '餐饮管理', en: 'Foods', domain: 'foods' },
  { zh: '汽车', word: '汽车零部件', en: 'Automotive', domain: 'auto' },
  { zh: '化工', word: '化工', en: 'Chemicals', domain: 'chem' },
  { zh: '农业', word: '农业科技', en: 'Agritech', domain: 'agri' },
  { zh: '传媒', word: '文化传媒', en: 'Media', domain: 'media' },
  { zh: '咨询', word: '管理咨询', en: 'Consulting', domain: 'consulting' },
]

export const COMPANY_SUFFIXES_ZH = ['有限公司', '有限公司', '股份有限公司', '集团有限公司', '有限责任公司']
export const COMPANY_SUFFIXES_EN = ['Inc.', 'LLC', 'Ltd.', 'Group', 'Co.', 'Corp.']

/** Characters that make two-character trade names (华信, 恒达…), with pinyin for domains. */
export const BRAND_CHARS: [string, string][] = [
  ['华', 'hua'], ['信', 'xin'], ['恒', 'heng'], ['达', 'da'], ['金', 'jin'], ['桥', 'qiao'], ['宏', 'hong'], ['远', 'yuan'],
  ['东', 'dong'], ['方', 'fang'], ['瑞', 'rui'], ['丰', 'feng'], ['天', 'tian'], ['成', 'cheng'], ['博', 'bo'], ['雅', 'ya'],
  ['航', 'hang'], ['鼎', 'ding'], ['盛', 'sheng'], ['中', 'zhong'], ['科', 'ke'], ['汇', 'hui'], ['通', 'tong'], ['永', 'yong'],
  ['安', 'an'], ['嘉', 'jia'], ['禾', 'he'], ['海', 'hai'], ['川', 'chuan'], ['星', 'xing'], ['辰', 'chen'], ['世', 'shi'],
  ['卓', 'zhuo'], ['越', 'yue'], ['凯', 'kai'], ['银', 'yin'], ['河', 'he'], ['明', 'ming'], ['德', 'de'], ['泰', 'tai'],
  ['同', 'tong'], ['创', 'chuang'], ['正', 'zheng'], ['联', 'lian'], ['弘', 'hong'], ['毅', 'yi'], ['九', 'jiu'], ['州', 'zhou'],
  ['广', 'guang'], ['立', 'li'], ['润', 'run'], ['启', 'qi'], ['万', 'wan'], ['象', 'xiang'], ['彩', 'cai'], ['锦', 'jin'],
  ['程', 'cheng'], ['光', 'guang'], ['宝', 'bao'], ['智', 'zhi'], ['云', 'yun'], ['帆', 'fan'], ['新', 'xin'], ['源', 'yuan'],
]

/** Surnames, common ones repeated so they come up as often as in life; compound surnames are rare. */
export const SURNAMES: [string, string][] = [
  ['王', 'wang'], ['王', 'wang'], ['王', 'wang'], ['李', 'li'], ['李', 'li'], ['李', 'li'], ['张', 'zhang'], ['张', 'zhang'],
  ['张', 'zhang'], ['刘', 'liu'], ['刘', 'liu'], ['陈', 'chen'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'],
  ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'],
  ['何', 'he'], ['高', 'gao'], ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'], ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'],
  ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'],
  ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'], ['袁', 'yuan'], ['潘', 'pan'], ['于', 'yu'], ['蒋', 'jiang'], ['蔡', 'cai'],
  ['余', 'yu'], ['杜', 'du'], ['叶', 'ye'], ['程', 'cheng'], ['苏', 'su'], ['魏', 'wei'], ['吕', 'lv'], ['丁', 'ding'],
  ['任', 'ren'], ['沈', 'shen'], ['姚', 'yao'], ['卢', 'lu'], ['姜', 'jiang'], ['崔', 'cui'], ['钟', 'zhong'], ['谭', 'tan'],
  ['陆', 'lu'], ['汪', 'wang'], ['范', 'fan'], ['金', 'jin'], ['石', 'shi'], ['廖', 'liao'], ['贾', 'jia'], ['夏', 'xia'],
  ['韦', 'wei'], ['付', 'fu'], ['方', 'fang'], ['白', 'bai'], ['邹', 'zou'], ['孟', 'meng'], ['熊', 'xiong'], ['秦', 'qin'],
  ['邱', 'qiu'], ['江', 'jiang'], ['尹', 'yin'], ['薛', 'xue'], ['闫', 'yan'], ['段', 'duan'], ['雷', 'lei'], ['侯', 'hou'],
  ['龙', 'long'], ['史', 'shi'], ['陶', 'tao'], ['黎', 'li'], ['贺', 'he'], ['顾', 'gu'], ['毛', 'mao'], ['郝', 'hao'],
  ['欧阳', 'ouyang'], ['司马', 'sima'], ['上官', 'shangguan'], ['诸葛', 'zhuge'],
]

export const GIVEN_NAMES: [string, string][] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['秀英', 'xiuying'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'],
  ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'], ['涛', 'tao'],
  ['明', 'ming'], ['超', 'chao'], ['秀兰', 'xiulan'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['桂英', 'guiying'], ['建华', 'jianhua'],
  ['志强', 'zhiqiang'], ['晓明', 'xiaoming'], ['海燕', 'haiyan'], ['婷婷', 'tingting'], ['雪', 'xue'], ['浩然', 'haoran'], ['子涵', 'zihan'], ['欣怡', 'xinyi'],
  ['宇轩', 'yuxuan'], ['思远', 'siyuan'], ['梓萱', 'zixuan'], ['俊杰', 'junjie'], ['佳怡', 'jiayi'], ['文博', 'wenbo'], ['雨桐', 'yutong'], ['嘉豪', 'jiahao'],
  ['一鸣', 'yiming'], ['天宇', 'tianyu'], ['诗涵', 'shihan'], ['博文', 'bowen'], ['晨曦', 'chenxi'], ['志明', 'zhiming'], ['丽华', 'lihua'], ['建国', 'jianguo'],
  ['国强', 'guoqiang'], ['春梅', 'chunmei'], ['红梅', 'hongmei'], ['玉兰', 'yulan'], ['立新', 'lixin'], ['振华', 'zhenhua'], ['晓东', 'xiaodong'], ['文静', 'wenjing'],
  ['凯', 'kai'], ['琳', 'lin'], ['鑫', 'xin'], ['倩', 'qian'], ['斌', 'bin'], ['颖', 'ying'], ['宁', 'ning'], ['睿', 'rui'],
]

export const FIRST_NAMES_EN = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara',
  'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Nancy', 'Daniel', 'Lisa',
  'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra', 'Steven', 'Ashley', 'Andrew', 'Emily', 'Kevin', 'Michelle',
  'Brian', 'Amanda', 'George', 'Melissa', 'Edward', 'Rebecca', 'Jonathan', 'Laura', 'Olivia', 'Ethan', 'Sophia', 'Lucas',
]

export const LAST_NAMES_EN = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez',
  'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark',
  'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson',
  'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Parker', 'Collins', 'Edwards', 'Stewart',
]

/** First words of English company names (Apex Harbor Logistics Inc.). */
export const BRANDS_EN = [
  'Apex', 'Atlas', 'Beacon', 'Blue', 'Bright', 'Cedar', 'Clearwater', 'Crescent', 'Eagle', 'Evergreen', 'Falcon', 'Golden',
  'Granite', 'Harbor', 'Highland', 'Horizon', 'Ironwood', 'Keystone', 'Lakeside', 'Liberty', 'Maple', 'Meridian', 'Northstar', 'Northwind',
  'Nova', 'Oakridge', 'Oceanic', 'Orion', 'Pacific', 'Pinnacle', 'Pioneer', 'Prairie', 'Quantum', 'Redwood', 'Riverside', 'Rockwell',
  'Sapphire', 'Silverline', 'Skyline', 'Sterling', 'Stonebridge', 'Summit', 'Sunrise', 'Titan', 'Trident', 'Unity', 'Vertex', 'Zenith',
]

export interface UsCity {
  city: string
  state: string
  areaCode: string
  zip: string
}

export const US_CITIES: UsCity[] = [
  { city: 'New York', state: 'NY', areaCode: '212', zip: '10001' },
  { city: 'San Francisco', state: 'CA', areaCode: '415', zip: '94105' },
  { city: 'Los Angeles', state: 'CA', areaCode: '310', zip: '90012' },
  { city: 'Seattle', state: 'WA', areaCode: '206', zip: '98101' },
  { city: 'Chicago', state: 'IL', areaCode: '312', zip: '60601' },
  { city: 'Boston', state: 'MA', areaCode: '617', zip: '02108' },
  { city: 'Austin', state: 'TX', areaCode: '512', zip: '73301' },
  { city: 'Denver', state: 'CO', areaCode: '303', zip: '80202' },
  { city: 'Atlanta', state: 'GA', areaCode: '404', zip: '30303' },
  { city: 'Miami', state: 'FL', areaCode: '305', zip: '33101' },
]

export const STREETS_EN = ['Main St', 'Market St', 'Oak Ave', 'Park Ave', 'Broadway', 'Pine St', 'Maple Ave', 'Washington Blvd', 'Lake Dr', 'Hill Rd', '2nd Ave', 'Elm St']

/** China mobile prefixes that libphonenumber accepts (13x, 15x, 17x, 18x, 19x). */
export const CN_MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '166', '176', '177', '180', '181', '182', '185', '186', '187', '188', '189', '198', '199']

export const TITLES_ZH = ['总经理', '副总经理', '采购经理', '销售总监', '财务总监', '技术总监', '市场经理', '行政主管', '项目经理', '董事长', '运营总监', '人事经理', '采购专员', 'IT经理', '首席执行官', '总裁助理']
export const TITLES_EN = ['CEO', 'CTO', 'CFO', 'COO', 'VP Sales', 'Purchasing Manager', 'Procurement Lead', 'IT Director', 'Marketing Manager', 'Operations Manager', 'Office Manager', 'Head of Engineering', 'Account Manager', 'Founder', 'General Counsel', 'Buyer']

export const TAGS = ['重点客户', 'VIP', '老客户', '新客户', '渠道', '战略合作', '待跟进', '高潜力', '政府', '外企', 'key-account', 'partner', 'reseller', 'enterprise', 'smb']
export const SOURCES = ['官网', '展会', '客户推荐', '电话营销', '线上广告', '合作伙伴', 'website', 'referral', 'trade show', 'cold call']
export const PERSONAL_DOMAINS_CN = ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com']
export const PERSONAL_DOMAINS_EN = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com']
