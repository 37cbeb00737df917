import type { ResponseLevel, TBilingual, TPlanBody } from '@muster/contracts';

/*
 * The demo district's plan for urban waterlogging and floods: 北碚区城市内涝（洪涝）灾害应急预案.
 * Modelled on the structure of district flood-control plans in Chongqing (防汛抗旱指挥部, its
 * office at the emergency bureau, working groups, tasks per response level); the numbers are
 * illustrative, not an official plan.
 */

const b = (zh: string, en: string): TBilingual => ({ zh, en });
const ALL: ResponseLevel[] = ['I', 'II', 'III', 'IV'];
const UP_TO_III: ResponseLevel[] = ['I', 'II', 'III'];
const UP_TO_II: ResponseLevel[] = ['I', 'II'];

/** Department ids as accounts carry them (`departmentId`); the demo water account is one. */
export const DEMO_DEPARTMENTS = {
  emergency: 'beibei-emergency-bureau',
  water: 'beibei-water-bureau',
  housing: 'beibei-housing-commission',
  transport: 'beibei-transport-bureau',
  police: 'beibei-public-security',
  health: 'beibei-health-commission',
  civil: 'beibei-civil-affairs',
  streets: 'beibei-subdistricts',
  urban: 'beibei-urban-management',
  weather: 'beibei-meteorological-bureau',
} as const;
const D = DEMO_DEPARTMENTS;

const departments: TPlanBody['departments'] = [
  {
    id: D.emergency,
    name: b('区应急管理局', 'District Emergency Management Bureau'),
    duties: b(
      '承担区防汛抗旱指挥部办公室日常工作，组织会商研判、调度救援力量、汇总报送信息',
      'Runs the headquarters office: situation meetings, rescue dispatch, information reports',
    ),
  },
  {
    id: D.water,
    name: b('区水利局', 'District Water Resources Bureau'),
    duties: b(
      '江河水情监测预报，水库、山坪塘调度和巡查',
      'River monitoring and forecasts; reservoir operation and patrols',
    ),
  },
  {
    id: D.housing,
    name: b('区住房城乡建委', 'District Housing and Urban-Rural Development Commission'),
    duties: b(
      '在建工地、深基坑、危旧房屋和地下空间的安全排查',
      'Safety of building sites, deep pits, old housing and underground spaces',
    ),
  },
  {
    id: D.transport,
    name: b('区交通局', 'District Transport Bureau'),
    duties: b(
      '道路、桥梁、下穿通道的封闭与抢通，转移车辆保障',
      'Closing and reopening roads, bridges and underpasses; evacuation vehicles',
    ),
  },
  {
    id: D.police,
    name: b('北碚区公安分局', 'Beibei Public Security Sub-bureau'),
    duties: b('交通管制、现场警戒、安置点治安', 'Traffic control, cordons, order at shelters'),
  },
  {
    id: D.health,
    name: b('区卫生健康委', 'District Health Commission'),
    duties: b(
      '医疗救治、卫生防疫和心理援助',
      'Medical care, disease prevention and psychological support',
    ),
  },
  {
    id: D.civil,
    name: b('区民政局', 'District Civil Affairs Bureau'),
    duties: b(
      '受灾群众临时安置和基本生活救助',
      'Temporary shelter and basic relief for the affected',
    ),
  },
  {
    id: D.streets,
    name: b('各街道办事处、镇人民政府', 'Subdistrict offices and town governments'),
    duties: b(
      '网格巡查、群众转移和属地先期处置',
      'Grid patrols, evacuation and first response on their ground',
    ),
  },
  {
    id: D.urban,
    name: b('区城市管理局', 'District Urban Management Bureau'),
    duties: b(
      '城市排水管网、泵站运行和积水抽排',
      'Drains, pumping stations and clearing standing water',
    ),
  },
  {
    id: D.weather,
    name: b('区气象局', 'District Meteorological Bureau'),
    duties: b('降雨监测和滚动预报', 'Rainfall monitoring and rolling forecasts'),
  },
];

type Task = TPlanBody['tasks'][number];
const t = (
  key: string,
  departmentId: string,
  levels: ResponseLevel[],
  zh: string,
  en: string,
  dueMinutes: number,
): Task => ({ key, departmentId, levels, title: b(zh, en), dueMinutes });

const tasks: Task[] = [
  t(
    'hq-convene',
    D.emergency,
    ALL,
    '启动防汛应急指挥部，组织会商研判',
    'Open the headquarters and hold a situation meeting',
    30,
  ),
  t(
    'report-up',
    D.emergency,
    ALL,
    '向区委区政府、市应急管理局报告险情灾情',
    'Report to the district leadership and the city emergency bureau',
    60,
  ),
  t(
    'dispatch-rescue',
    D.emergency,
    UP_TO_III,
    '调度综合救援队伍和社会应急力量前置备勤',
    'Dispatch rescue teams and social emergency forces to standby points',
    60,
  ),
  t(
    'city-support',
    D.emergency,
    UP_TO_II,
    '请求市级救援力量和物资支援',
    'Request rescue forces and supplies from the city',
    120,
  ),
  t(
    'river-watch',
    D.water,
    ALL,
    '加密嘉陵江及中小河流水情监测，每小时报告一次',
    'Watch the Jialing and small rivers closely; report hourly',
    60,
  ),
  t(
    'reservoirs',
    D.water,
    UP_TO_III,
    '水库、山坪塘24小时巡查和调度',
    'Patrol and operate reservoirs and ponds around the clock',
    120,
  ),
  t(
    'rain-forecast',
    D.weather,
    ALL,
    '滚动发布降雨实况和短临预报',
    'Publish rolling rainfall observations and nowcasts',
    60,
  ),
  t(
    'pump-stations',
    D.urban,
    ALL,
    '启动排水泵站，清掏雨水篦子和排水口',
    'Run the pumping stations; clear gratings and outfalls',
    60,
  ),
  t(
    'mobile-pumps',
    D.urban,
    UP_TO_III,
    '调派移动泵车到积水点抽排',
    'Send mobile pump trucks to flooded spots',
    120,
  ),
  t(
    'site-check',
    D.housing,
    ALL,
    '排查在建工地、深基坑和危旧房屋，必要时停工撤人',
    'Check building sites, deep pits and old housing; stop work and clear people if needed',
    180,
  ),
  t(
    'underground',
    D.housing,
    UP_TO_III,
    '地下车库、地下商场挡水封堵，劝离人员车辆',
    'Seal underground car parks and malls; move people and cars out',
    120,
  ),
  t(
    'close-roads',
    D.transport,
    UP_TO_III,
    '封闭积水路段和下穿通道，发布绕行信息',
    'Close flooded roads and underpasses; publish detours',
    60,
  ),
  t(
    'evac-vehicles',
    D.transport,
    UP_TO_II,
    '调派客车保障群众转移',
    'Provide buses for evacuation',
    120,
  ),
  t(
    'traffic-control',
    D.police,
    ALL,
    '对积水路段实施交通管制，维护现场秩序',
    'Control traffic at flooded roads; keep order on scene',
    60,
  ),
  t('shelter-security', D.police, UP_TO_III, '安置点治安巡逻', 'Patrol the shelters', 240),
  t(
    'medical-teams',
    D.health,
    UP_TO_III,
    '派出医疗救护队，开通伤员救治绿色通道',
    'Send medical teams; open a fast lane for the injured',
    60,
  ),
  t(
    'disease-control',
    D.health,
    UP_TO_II,
    '开展灾后卫生防疫和饮用水监测',
    'Disease prevention and drinking-water checks after the flood',
    1440,
  ),
  t(
    'shelters',
    D.civil,
    UP_TO_III,
    '开放应急避难场所，发放食品、饮用水和被褥',
    'Open shelters; hand out food, water and bedding',
    180,
  ),
  t(
    'relief',
    D.civil,
    UP_TO_II,
    '核查受灾困难群众并实施临时救助',
    'Identify hardship cases and give temporary relief',
    1440,
  ),
  t(
    'evacuate',
    D.streets,
    ALL,
    '组织低洼地带、地质灾害隐患点群众转移',
    'Evacuate low-lying areas and landslide-prone spots',
    60,
  ),
  t(
    'grid-patrol',
    D.streets,
    ALL,
    '网格员巡查积水和险情，随时报告',
    'Grid workers patrol for water and hazards and report at once',
    60,
  ),
];

type Resource = TPlanBody['resources'][number];
const r = (
  key: string,
  departmentId: string,
  levels: ResponseLevel[],
  name: TBilingual,
  quantity: number,
  unit: TBilingual,
): Resource => ({
  key,
  departmentId,
  levels,
  name,
  quantity,
  unit,
});

const resources: Resource[] = [
  r('pump-trucks', D.urban, UP_TO_III, b('移动泵车', 'Mobile pump trucks'), 12, b('台', 'units')),
  r('assault-boats', D.emergency, UP_TO_III, b('冲锋舟', 'Assault boats'), 10, b('艘', 'boats')),
  r('life-jackets', D.emergency, ALL, b('救生衣', 'Life jackets'), 500, b('件', 'pieces')),
  r('sandbags', D.streets, ALL, b('沙袋', 'Sandbags'), 20_000, b('个', 'bags')),
  r('tents', D.civil, UP_TO_II, b('帐篷', 'Tents'), 300, b('顶', 'tents')),
  r('quilts', D.civil, UP_TO_III, b('棉被', 'Quilts'), 2_000, b('床', 'quilts')),
  r('ambulances', D.health, UP_TO_III, b('救护车', 'Ambulances'), 8, b('辆', 'vehicles')),
];

/** The demo plan's fixed id, so seeding twice finds it. */
export const DEMO_PLAN_ID = '0190a5c0-0000-7000-8000-00000050010a';

export const DEMO_FLOOD_PLAN: TPlanBody = {
  name: b(
    '北碚区城市内涝（洪涝）灾害应急预案',
    'Beibei District plan for urban waterlogging and floods',
  ),
  category: 'natural_disaster',
  subtypes: ['urban_waterlogging', 'flood'],
  areaCodes: ['500109'],
  scope: b(
    '适用于北碚区行政区域内暴雨引发的城市内涝、江河洪水和山洪灾害的应对',
    'Urban waterlogging, river floods and flash floods caused by rainstorms in Beibei District',
  ),
  levelCriteria: [
    {
      level: 'I',
      grades: ['I'],
      criteria: b(
        '特别重大洪涝灾害：死亡（含失踪）30人以上，或紧急转移安置10万人以上，或嘉陵江北碚站超保证水位',
        'Extraordinary: 30+ dead or missing, or 100,000+ relocated, or the Jialing above its guaranteed level at Beibei',
      ),
    },
    {
      level: 'II',
      grades: ['II'],
      criteria: b(
        '重大洪涝灾害：死亡（含失踪）10人以上，或紧急转移安置1万人以上，或城市主干道中断24小时以上',
        'Major: 10+ dead or missing, or 10,000+ relocated, or trunk roads cut 24 h or more',
      ),
    },
    {
      level: 'III',
      grades: ['III'],
      criteria: b(
        '较大洪涝灾害：死亡（含失踪）3人以上，或紧急转移安置1000人以上，或多个街道严重内涝',
        'Serious: 3+ dead or missing, or 1,000+ relocated, or severe waterlogging in several subdistricts',
      ),
    },
    {
      level: 'IV',
      grades: ['IV'],
      criteria: b(
        '一般洪涝灾害：发布暴雨橙色以上预警，或局部内涝可能造成人员伤亡',
        'General: an orange or red rainstorm warning, or local waterlogging that may hurt people',
      ),
    },
  ],
  command: {
    headquarters: b(
      '北碚区防汛抗旱指挥部',
      'Beibei District Flood Control and Drought Relief Headquarters',
    ),
    commander: b('区政府分管副区长', 'The deputy district head in charge'),
    deputies: [
      b('区应急管理局局长', 'Director of the emergency bureau'),
      b('区水利局局长', 'Director of the water bureau'),
    ],
    office: b(
      '指挥部办公室设在区应急管理局',
      'The headquarters office sits in the emergency bureau',
    ),
    groups: [
      {
        key: 'rescue',
        name: b('抢险救援组', 'Rescue group'),
        leadDepartmentId: D.emergency,
        memberDepartmentIds: [D.streets, D.police],
        duties: b('人员搜救和险情处置', 'Search, rescue and hazard control'),
      },
      {
        key: 'drainage',
        name: b('排水排涝组', 'Drainage group'),
        leadDepartmentId: D.urban,
        memberDepartmentIds: [D.housing, D.water],
        duties: b('积水抽排和排水设施抢修', 'Pumping out water and repairing drains'),
      },
      {
        key: 'traffic',
        name: b('交通保障组', 'Transport group'),
        leadDepartmentId: D.transport,
        memberDepartmentIds: [D.police],
        duties: b('交通管制、道路抢通和运力保障', 'Traffic control, reopening roads, transport'),
      },
      {
        key: 'medical',
        name: b('医疗救治组', 'Medical group'),
        leadDepartmentId: D.health,
        memberDepartmentIds: [],
        duties: b('伤员救治和卫生防疫', 'Treating the injured and preventing disease'),
      },
      {
        key: 'relief',
        name: b('群众安置组', 'Relief group'),
        leadDepartmentId: D.civil,
        memberDepartmentIds: [D.streets],
        duties: b('转移安置和生活保障', 'Shelter and basic needs'),
      },
      {
        key: 'monitoring',
        name: b('监测预警组', 'Monitoring group'),
        leadDepartmentId: D.water,
        memberDepartmentIds: [D.weather],
        duties: b('雨情水情监测和预报预警', 'Rain and river monitoring and warnings'),
      },
    ],
  },
  departments,
  tasks,
  resources,
};
