/*
 * Strings of the live call-up board beside the command map, merged into the main catalogues
 * with one line each (zh-CN.ts, en.ts).
 */
export const boardZhCN = {
  'board.title': '调用看板',
  'board.caption': '各队伍对调用令的应答与出动状态，实时更新',
  'board.team': '队伍',
  'board.state': '状态',
  'board.people': '{n} 人',
  'board.status.alerted': '待应答',
  'board.status.accepted': '已接受',
  'board.status.declined': '已拒绝',
  'board.status.timed_out': '应答超时',
  'board.status.withdrawn': '已撤回',
  'board.status.stood_down': '已撤离',
  'board.deployment.en_route': '赶赴途中',
  'board.deployment.on_scene': '到达现场',
  'board.deployment.working': '现场处置',
  'board.deployment.returning': '返回途中',
} satisfies Record<string, string>;

export const boardEn: Record<keyof typeof boardZhCN, string> = {
  'board.title': 'Call-up board',
  'board.caption': 'How each team answered its call-up and where its deployment stands, live',
  'board.team': 'Team',
  'board.state': 'State',
  'board.people': '{n} people',
  'board.status.alerted': 'Alerted, awaiting answer',
  'board.status.accepted': 'Accepted',
  'board.status.declined': 'Declined',
  'board.status.timed_out': 'No answer in time',
  'board.status.withdrawn': 'Alert withdrawn',
  'board.status.stood_down': 'Stood down',
  'board.deployment.en_route': 'En route',
  'board.deployment.on_scene': 'On scene',
  'board.deployment.working': 'Working',
  'board.deployment.returning': 'Returning',
};
