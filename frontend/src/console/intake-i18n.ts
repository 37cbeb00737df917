import { pickLanguage } from './i18n.ts';

/**
 * The console's two forms that open a record — 接报 (report a new incident) and 征用申请
 * (request a requisition) — Chinese first with English beside it; merged into the app's
 * catalogues (i18n/zh-CN.ts, i18n/en.ts) with one line each.
 */
const messages = {
  'console.sending': ['正在提交…', 'Sending…'],

  'console.incidents.new': ['接报新事件', 'Report a new incident'],
  'console.incidentForm.title': ['接报：新突发事件', 'Report a new incident'],
  'console.incidentForm.intro': [
    '记录值班室获悉的突发事件，初报时限自获悉时间起算。地点填经纬度，或至少一个行政区划代码。',
    'Record an incident the office has learnt of; the initial report falls due from the time of awareness. Give a point (longitude and latitude) or at least one area code.',
  ],
  'console.incidentForm.category': ['事件类别', 'Category'],
  'console.incidentForm.subtype': ['事件类型', 'Type'],
  'console.incidentForm.typesFailed': [
    '事件类型目录读取失败。',
    'The catalogue of incident types could not be loaded.',
  ],
  'console.incidentForm.headline': ['事件名称', 'Title'],
  'console.incidentForm.headlineHint': [
    '如：天生街道下穿通道积水',
    'e.g. Underpass flooded in Tiansheng subdistrict',
  ],
  'console.incidentForm.description': ['事件概况', 'What happened'],
  'console.incidentForm.source': ['信息来源', 'Source'],
  'console.incidentForm.warning': ['由哪条预警转化', 'The warning it grew out of'],
  'console.incidentForm.warningsFailed': [
    '预警列表读取失败。',
    'The warnings could not be loaded.',
  ],
  'console.incidentForm.noWarnings': ['没有生效中的预警。', 'No warning is in force.'],
  'console.incidentForm.sourceDetail': ['来源说明', 'Source details'],
  'console.incidentForm.sourceDetailHint': [
    '报送部门、监测设备或电话线路；不写个人姓名（见报告人）',
    'Which department, sensor or line; no personal names (see the reporter)',
  ],
  'console.incidentForm.awareAt': ['获悉时间', 'Known since'],
  'console.incidentForm.awareAtHint': [
    '初报时限由此起算，不能晚于现在',
    'The initial report falls due from this; not in the future',
  ],
  'console.incidentForm.location': ['事发地点', 'Where'],
  'console.incidentForm.lon': ['经度', 'Longitude'],
  'console.incidentForm.lat': ['纬度', 'Latitude'],
  'console.incidentForm.pointHint': [
    'WGS-84 坐标，如 106.437、29.825；不知道可留空',
    'WGS-84, e.g. 106.437 and 29.825; leave blank if unknown',
  ],
  'console.incidentForm.reporter': ['报告人（可选）', 'Reporter (optional)'],
  'console.incidentForm.reporterHint': [
    '个人信息，应急处置工作结束后销毁',
    'Personal information, destroyed when the response work ends',
  ],
  'console.incidentForm.reporterName': ['报告人姓名', 'Reporter’s name'],
  'console.incidentForm.reporterPhone': ['报告人电话', 'Reporter’s phone'],
  'console.incidentForm.criteria': [
    '伤亡和影响（可选，用于定级建议）',
    'Casualties and impact (optional; they suggest the grade)',
  ],
  'console.incidentForm.exercise': [
    '演练事件（不作为真实事件发布）',
    'Exercise incident (never published as real)',
  ],
  'console.incidentForm.submit': ['接报并开始计时', 'Report it'],

  'console.requisition.whereToRequest': [
    '征用申请在所服务事件的页面发起（突发事件 → 事件 → 申请征用）。',
    'Request a requisition from the page of the incident it serves (Incidents → the incident → Request a requisition).',
  ],
  'console.requisition.forIncident': ['本事件的征用', 'Requisitions for this incident'],
  'console.requisition.noneForIncident': ['本事件尚无征用。', 'No requisitions for this incident.'],
  'console.requisition.new': ['申请征用', 'Request a requisition'],
  'console.requisition.requested': [
    '征用申请已提交：须由您以外的另一名工作人员批准后出具凭证。',
    'The request is in: someone other than you must approve it before the certificate is issued.',
  ],
  'console.requisitionForm.title': ['征用申请', 'Requisition request'],
  'console.requisitionForm.intro': [
    '依第十二条、第七十六条申请征用单位或个人的财产；批准后出具征用凭证，使用完毕应当及时返还，毁损、灭失的给予补偿。',
    'Art. 12 and 76: ask to requisition property of a unit or a person; once approved a certificate is issued; the property goes back when done, and damage or loss is compensated.',
  ],
  /* Printed on the certificate, which is in Chinese: the same text in both languages. */
  'console.requisitionForm.defaultUnit': ['重庆市北碚区应急管理局', '重庆市北碚区应急管理局'],
  'console.requisitionForm.defaultBasis': [
    '《中华人民共和国突发事件应对法》第十二条、第七十六条',
    '《中华人民共和国突发事件应对法》第十二条、第七十六条',
  ],
  'console.requisitionForm.legalBasis': ['法律依据', 'Legal basis'],
  'console.requisitionForm.purpose': ['征用用途', 'Purpose'],
  'console.requisitionForm.purposeHint': [
    '如：转移嘉陵江沿岸被困群众',
    'e.g. ferrying people cut off along the Jialing',
  ],
  'console.requisitionForm.ownerKind': ['被征用人类型', 'The owner is'],
  'console.requisitionForm.ownerKind.unit': ['单位', 'A unit'],
  'console.requisitionForm.ownerKind.person': ['个人', 'A person'],
  'console.requisitionForm.unitName': ['单位名称', 'Unit name'],
  'console.requisitionForm.unitNameHint': [
    '如：北碚区澄江镇渔业专业合作社',
    'e.g. Chengjiang fishing cooperative',
  ],
  'console.requisitionForm.creditCode': [
    '统一社会信用代码（可选）',
    'Unified social credit code (optional)',
  ],
  'console.requisitionForm.contactName': ['联系人', 'Contact person'],
  'console.requisitionForm.personName': ['姓名', 'Name'],
  'console.requisitionForm.phone': ['联系电话', 'Phone'],
  'console.requisitionForm.phoneHint': [
    '手机号或带区号的固话',
    'A mobile, or a landline with its area code',
  ],
  'console.requisitionForm.idNumber': ['身份证号', 'ID number'],
  'console.requisitionForm.address': ['地址（可选）', 'Address (optional)'],
  'console.requisitionForm.items': ['征用财产', 'Property to requisition'],
  'console.requisitionForm.item': ['第 {n} 项', 'Item {n}'],
  'console.requisitionForm.item.kind': ['类别（第 {n} 项）', 'Kind (item {n})'],
  'console.requisitionForm.item.description': ['名称（第 {n} 项）', 'What (item {n})'],
  'console.requisitionForm.item.identification': [
    '号牌、船号或编号（第 {n} 项）',
    'Plate, hull or serial number (item {n})',
  ],
  'console.requisitionForm.item.quantity': ['数量（第 {n} 项）', 'Quantity (item {n})'],
  'console.requisitionForm.item.unit': ['计量单位（第 {n} 项）', 'Unit (item {n})'],
  'console.requisitionForm.item.unitHint': [
    '如：艘、台、吨；留空为“台”',
    'e.g. 艘, 台, 吨; blank: 台',
  ],
  'console.requisitionForm.item.condition': [
    '交付时状况（第 {n} 项）',
    'Condition at hand-over (item {n})',
  ],
  'console.requisitionForm.addItem': ['增加一项', 'Add an item'],
  'console.requisitionForm.removeItem': ['删除第 {n} 项', 'Remove item {n}'],
  'console.requisitionForm.place': ['使用地点', 'Place of use'],
  'console.requisitionForm.placeAddress': ['地点名称或地址', 'Place name or address'],
  'console.requisitionForm.lon': ['使用地点经度（可选）', 'Longitude of the place (optional)'],
  'console.requisitionForm.lat': ['使用地点纬度（可选）', 'Latitude of the place (optional)'],
  'console.requisitionForm.from': ['预计开始时间', 'Expected from'],
  'console.requisitionForm.until': ['预计归还时间', 'Expected back by'],
  'console.requisitionForm.submit': ['提交征用申请', 'Submit the request'],
} as const satisfies Record<string, readonly [string, string]>;

export const intakeZhCN = pickLanguage(messages, 0);
export const intakeEn = pickLanguage(messages, 1);
