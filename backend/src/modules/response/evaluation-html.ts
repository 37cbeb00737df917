import {
  DEADLINE_STATUS_LABELS,
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_GRADE_LABELS,
  INCIDENT_STATUS_LABELS,
  INCIDENT_SUBTYPES,
  REPORT_KIND_LABELS,
  RESPONSE_LEVEL_LABELS,
  WARNING_LEVEL_LABELS,
  type TEvaluation,
  type TKeyDurations,
} from '@muster/contracts';
import { barChart, COLORS, levelChart } from './charts.ts';
import { beijing, both, duration, esc, h2, yuan } from './format.ts';
import { detailSections } from './evaluation-sections.ts';

const DURATION_LABELS: Record<keyof TKeyDurations, [string, string]> = {
  awarenessToFirstReport: ['获悉至首次报告', 'Awareness → first report'],
  awarenessToActivation: ['获悉至启动响应', 'Awareness → activation'],
  warningToActivation: ['预警至启动响应', 'Warning → activation'],
  activationToTermination: ['响应持续时间', 'Activation → termination'],
  callupToFirstAcceptance: ['调用至首支队伍接受', 'Call-up → first acceptance'],
  firstAcceptanceToOnScene: ['首支接受至首支到场', 'First acceptance → first on scene'],
  acceptanceToOnSceneMedian: ['接受至到场（中位数）', 'Acceptance → on scene (median)'],
};

const CSS = `
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif; color: #222; font-size: 12px; line-height: 1.5; margin: 0 auto; max-width: 760px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; border-bottom: 2px solid #c0392b; padding-bottom: 2px; margin: 18px 0 8px; page-break-after: avoid; }
.en { color: #666; font-weight: normal; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; } th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; } th { background: #f4f4f4; }
tr { page-break-inside: avoid; } .chart { display: block; margin: 6px 0; } .empty { color: #888; }
.drill { background: #fff3cd; border: 2px solid #e0a800; color: #7a5a00; padding: 6px 10px; font-weight: bold; margin-bottom: 10px; }
.meta { color: #555; margin-bottom: 10px; } .pre { white-space: pre-wrap; }
`;

function overview(e: TEvaluation): string {
  const i = e.incident;
  const sub = INCIDENT_SUBTYPES[i.category].find((s) => s.code === i.subtype);
  const rows: [string, string][] = [
    [
      '事件类型 Type',
      `${both(INCIDENT_CATEGORY_LABELS[i.category])} · ${sub ? both(sub) : esc(i.subtype)}`,
    ],
    ['事件分级 Grade', i.grade ? both(INCIDENT_GRADE_LABELS[i.grade]) : '未定级 not graded'],
    ['状态 Status', both(INCIDENT_STATUS_LABELS[i.status])],
    ['获悉时间 Aware at', esc(beijing(i.awareAt))],
    [
      '启动 / 解除响应 Activated / terminated',
      `${esc(beijing(i.activatedAt))} / ${esc(beijing(i.terminatedAt))}`,
    ],
    ['关闭 Closed', esc(beijing(i.closedAt))],
    ['行政区划 Areas', esc(i.areaCodes.join(', ') || '—')],
    [
      '伤亡与损失 Casualties and loss',
      `死亡 ${i.criteria.deaths}，失踪 ${i.criteria.missing}，重伤 ${i.criteria.injuries}，受影响 ${i.criteria.affected} 人；直接经济损失 ${yuan(i.criteria.directLossFen)} 元`,
    ],
  ];
  return `${h2('一、基本情况', 'Overview')}<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>`;
}

function durations(e: TEvaluation): string {
  const keys = Object.keys(DURATION_LABELS) as (keyof TKeyDurations)[];
  const rows = keys.map((k) => {
    const s = e.durations[k];
    const [zh, en] = DURATION_LABELS[k];
    return {
      label: zh,
      segments: [{ value: (s ?? 0) / 60, color: COLORS.info, title: en }],
      note: duration(s).zh,
    };
  });
  const table = keys
    .map(
      (k) =>
        `<tr><td>${both({ zh: DURATION_LABELS[k][0], en: DURATION_LABELS[k][1] })}</td><td>${esc(duration(e.durations[k]).zh)} <span class="en">${esc(duration(e.durations[k]).en)}</span></td></tr>`,
    )
    .join('');
  return `${h2('二、关键时间节点', 'Key durations')}${barChart(rows)}<table><tr><th>节点 Interval</th><th>用时 Time</th></tr>${table}</table>`;
}

function levels(e: TEvaluation): string {
  const points = e.levelHistory.map((s) => ({ at: s.at, level: s.to }));
  const end = e.incident.closedAt ?? e.incident.terminatedAt ?? e.generatedAt;
  const action = {
    activated: '启动 Activated',
    adjusted: '调整 Adjusted',
    terminated: '解除 Terminated',
  };
  const rows = e.levelHistory
    .map(
      (s) =>
        `<tr><td>${esc(beijing(s.at))}</td><td>${action[s.action]}</td><td>${s.from ? esc(RESPONSE_LEVEL_LABELS[s.from].zh) : '—'} → ${s.to ? esc(RESPONSE_LEVEL_LABELS[s.to].zh) : '—'}</td><td class="pre">${esc(s.matters ?? s.reason ?? '')}${s.measures.length ? `\n措施 Measures: ${esc(s.measures.join('；'))}` : ''}</td></tr>`,
    )
    .join('');
  return `${h2('三、响应级别变化', 'Response levels')}${levelChart(points, e.incident.awareAt, end)}${
    rows
      ? `<table><tr><th>时间 Time</th><th>动作 Action</th><th>级别 Level</th><th>事项、理由与措施 Matters, reasons, measures</th></tr>${rows}</table>`
      : ''
  }`;
}

function reports(e: TEvaluation): string {
  const r = e.reports;
  const color = {
    met: COLORS.ok,
    met_late: COLORS.late,
    overdue: COLORS.missed,
    pending: COLORS.pending,
    cancelled: COLORS.pending,
  };
  const rows = r.deadlines.map((d) => ({
    label: `${REPORT_KIND_LABELS[d.kind].zh}${d.kind === 'follow_up' ? ` #${d.sequence}` : ''}`,
    segments: [{ value: Math.max((d.lateSeconds ?? 0) / 60, 0.5), color: color[d.status] }],
    note:
      d.status === 'met' || d.lateSeconds === null
        ? `${DEADLINE_STATUS_LABELS[d.status].zh} ${DEADLINE_STATUS_LABELS[d.status].en}`
        : `超时 ${duration(d.lateSeconds).zh}`,
  }));
  const summary = `报送 ${r.submitted} 份（更正 ${r.corrections}，越级上报 ${r.skipLevel}）；按时 ${r.onTime}，迟报 ${r.late}，漏报 ${r.missed}。<span class="en">${r.submitted} submitted (${r.corrections} corrections, ${r.skipLevel} skip-level); ${r.onTime} on time, ${r.late} late, ${r.missed} missed.</span>`;
  const table = r.deadlines
    .map(
      (d) =>
        `<tr><td>${esc(REPORT_KIND_LABELS[d.kind].zh)}${d.kind === 'follow_up' ? ` #${d.sequence}` : ''}</td><td>${esc(beijing(d.dueAt))}</td><td>${esc(beijing(d.satisfiedAt))}</td><td>${both(DEADLINE_STATUS_LABELS[d.status])}</td></tr>`,
    )
    .join('');
  return `${h2('四、信息报告及时性', 'Report punctuality')}<p>${summary}</p>${barChart(rows)}<table><tr><th>报告 Report</th><th>时限 Due</th><th>报送 Submitted</th><th>状态 Status</th></tr>${table}</table>`;
}

/** The whole printable page: self-contained (inline CSS and SVG), no script, no remote resource. */
export function evaluationHtml(e: TEvaluation): string {
  const title = `${e.incident.title} 调查评估报告`;
  const warningsLine = e.warnings
    .map(
      (w) =>
        `${esc(WARNING_LEVEL_LABELS[w.level].zh)}预警“${esc(w.headline)}”（${esc(beijing(w.issuedAt))}）${w.linked ? '［转化为本事件］' : ''}`,
    )
    .join('；');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>
${e.incident.exercise ? '<div class="drill">演练 EXERCISE — 本报告记录的是演练，不是真实事件。This report records a drill, not a real incident.</div>' : ''}
<h1>${esc(title)}</h1><div class="en">Investigation and evaluation report (Emergency Response Law art. 92)</div>
<div class="meta">生成时间 Generated ${esc(beijing(e.generatedAt))}（北京时间 Beijing time）· 事件编号 Incident ${esc(e.incident.id)}</div>
${overview(e)}${durations(e)}${levels(e)}${reports(e)}
${h2('五、预警', 'Warnings')}<p>${warningsLine || '<span class="empty">无相关预警 No related warning</span>'}</p>
${detailSections(e)}
</body></html>`;
}
