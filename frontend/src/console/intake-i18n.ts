import { pickLanguage } from './i18n.ts';

/**
 * The console's forms that open a record — 接报 (report a new incident) — Chinese first with
 * English beside it; merged into the app's catalogues (i18n/zh-CN.ts, i18n/en.ts) with one line
 * each.
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
} as const satisfies Record<string, readonly [string, string]>;

export const intakeZhCN = pickLanguage(messages, 0);
export const intakeEn = pickLanguage(messages, 1);
