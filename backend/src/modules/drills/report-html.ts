import type { TAfterActionReport, TDrillMeasure } from '@muster/contracts';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const cell = (m: TDrillMeasure) =>
  `<td>${m.minutes ?? '—'}</td><td>${m.targetMin ?? '—'}</td><td class="${
    m.met === false ? 'miss' : m.met ? 'met' : ''
  }">${m.met === null ? '—' : m.met ? '达标 met' : '未达标 missed'}</td>`;

/** The timeline chart: one mark per step on a line of simulated minutes (inline SVG). */
function chart(r: TAfterActionReport): string {
  const end = Math.max(1, ...r.timeline.map((s) => s.offsetMin));
  const w = 720;
  const x = (m: number) => 20 + (m / end) * (w - 40);
  const marks = r.timeline
    .map(
      (s, i) =>
        `<g><circle cx="${x(s.offsetMin)}" cy="${40 + (i % 4) * 14}" r="4" fill="${
          s.ok ? '#2563eb' : s.interrupted ? '#d97706' : '#dc2626'
        }"/><title>${s.offsetMin} min ${esc(s.kind)}: ${esc(s.label)}</title></g>`,
    )
    .join('');
  return `<svg width="${w}" height="110" role="img" aria-label="timeline"><line x1="20" y1="100" x2="${
    w - 20
  }" y2="100" stroke="#555"/><text x="20" y="20" font-size="11">0</text><text x="${
    w - 40
  }" y="20" font-size="11">${end} min</text>${marks}</svg>`;
}

/** The after-action report as a printable page (and, printed, the PDF), with the 演练 banner. */
export function reportHtml(r: TAfterActionReport): string {
  const teams = r.teams
    .map(
      (t) =>
        `<tr><td>${esc(t.name)}${t.simulated ? '（模拟）' : ''}</td><td>${t.answer}</td>${cell(
          t.acceptance,
        )}${cell(t.onScene)}</tr>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>演练评估 ${esc(r.name)}</title>
<style>body{font-family:sans-serif;margin:24px}.banner{background:#b91c1c;color:#fff;padding:6px 12px;font-weight:bold}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #999;padding:4px 8px}.miss{color:#b91c1c}.met{color:#15803d}</style></head>
<body><div class="banner">演练 EXERCISE — 非真实事件 not a real incident</div>
<h1>演练评估报告 After-action report</h1><h2>${esc(r.name)}</h2>
<p>模拟时间 Simulated ${esc(r.simStart)} → ${esc(r.simEnd)} · ${esc(r.status)}</p>
<table><tr><th>环节 Step</th><th>用时(分) min</th><th>目标 target</th><th>结果 result</th></tr>
<tr><td>超阈值→发布预警 Crossing → warning</td>${cell(r.warning)}</tr>
<tr><td>预警→启动响应 Warning → activation</td>${cell(r.activation)}</tr></table>
<h3>队伍 Teams</h3><table><tr><th>队伍 Team</th><th>应答 Answer</th><th>响应(分)</th><th>目标</th><th></th><th>到场(分)</th><th>目标</th><th></th></tr>${teams}</table>
<h3>信息报送 Reports</h3><p>应报 due ${r.reports.due} · 按时 on time ${r.reports.onTime} · 迟报 late ${r.reports.late}</p>
<h3>时间线 Timeline</h3>${chart(r)}
<h3>发现 Findings</h3><ul>${r.findings.map((f) => `<li>${esc(f.zh)} / ${esc(f.en)}</li>`).join('') || '<li>各项指标达标 all targets met</li>'}</ul>
${r.planRevision ? `<p>已形成预案修订记录 Plan revision recorded: v${r.planRevision.version}</p>` : ''}
</body></html>`;
}
