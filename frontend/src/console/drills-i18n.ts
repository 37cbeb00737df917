import { pickLanguage } from './i18n.ts';

/**
 * The console's drills page (演练), Chinese first with English beside it; merged into the app's
 * catalogues (i18n/zh-CN.ts, i18n/en.ts) with one line each.
 */
const messages = {
  'console.nav.drills': ['演练', 'Drills'],
  'console.drills.title': ['演练', 'Drills'],
  'console.drills.intro': [
    '按演练脚本开展演练：以倍速推进模拟时钟，可暂停、继续、结束；演练产生的一切均标为演练，不作为真实信息发布。结束后查看评估报告。',
    'Run a drill from a scenario: its simulated clock runs at a speed factor and can be paused, resumed or stopped; everything it causes is marked as an exercise and never published as real. Read the after-action report at the end.',
  ],
  'console.drills.scenarios': ['演练脚本', 'Scenarios'],
  'console.drills.scenarios.empty': ['尚无可用的演练脚本。', 'No scenarios ready to run.'],
  'console.drills.scenario.injects': ['{n} 个步骤', '{n} steps'],
  'console.drills.scenario.length': ['时长 {min} 分钟（模拟）', '{min} simulated minutes'],
  'console.drills.start': ['开始演练：{name}', 'Start a drill: {name}'],
  'console.drills.startShort': ['开始演练', 'Start the drill'],
  'console.drills.speed': ['倍速', 'Speed factor'],
  'console.drills.speed.hint': [
    '模拟时间相对真实时间的倍数，最大 {max} 倍。',
    'Simulated time per real second, at most ×{max}.',
  ],
  'console.drills.started': ['演练已开始。', 'The drill has started.'],
  'console.drills.runs': ['演练记录', 'Runs'],
  'console.drills.runs.empty': ['尚未开展演练。', 'No drills run yet.'],
  'console.drills.status.running': ['进行中', 'Running'],
  'console.drills.status.paused': ['已暂停', 'Paused'],
  'console.drills.status.completed': ['已完成', 'Completed'],
  'console.drills.status.stopped': ['已结束', 'Stopped'],
  'console.drills.removed': ['数据已清除', 'Data removed'],
  'console.drills.speedOf': ['×{speed}', '×{speed}'],
  'console.drills.simNow': ['模拟时间', 'Simulated time'],
  'console.drills.simStart': ['模拟开始', 'Simulated start'],
  'console.drills.progress': ['进度', 'Progress'],
  'console.drills.progressOf': [
    '已执行 {done}/{total} 步，失败 {failed} 步',
    '{done} of {total} steps done, {failed} failed',
  ],
  'console.drills.progressInterrupted': [
    '，{n} 步因运行进程中止而未执行',
    '; {n} not done (the process playing the run stopped)',
  ],
  'console.drills.startedBy': ['发起人', 'Started by'],
  'console.drills.startedAt': ['开始时间', 'Started at'],
  'console.drills.finishedAt': ['结束时间', 'Finished at'],
  'console.drills.unknownStarter': ['—', '—'],
  'console.drills.pause': ['暂停', 'Pause'],
  'console.drills.resume': ['继续', 'Resume'],
  'console.drills.stop': ['结束演练', 'Stop the drill'],
  'console.drills.stopNamed': ['结束演练：{name}', 'Stop the drill: {name}'],
  'console.drills.report': ['评估报告', 'After-action report'],
  'console.drills.reportPdf': ['评估报告（PDF）', 'After-action report (PDF)'],
  'console.drills.remove': ['清除演练数据', 'Remove the drill’s data'],
  'console.drills.remove.confirm': [
    '将删除本次演练产生的全部记录（事件、预警、调用、模拟队伍等），评估报告保留。此操作不可撤销。',
    'Every record this drill made (incident, warnings, call-ups, simulated teams…) will be deleted; the report stays. This cannot be undone.',
  ],
  'console.drills.remove.yes': ['确认清除', 'Yes, remove it'],
  'console.drills.removedDone': ['演练数据已清除。', 'The drill’s data has been removed.'],
} as const satisfies Record<string, readonly [string, string]>;

export const drillsZhCN = pickLanguage(messages, 0);
export const drillsEn = pickLanguage(messages, 1);
