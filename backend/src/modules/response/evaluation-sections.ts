import { LOSS_KIND_LABELS, type TEvaluation } from '@muster/contracts';
import { barChart, COLORS } from './charts.ts';
import { shortId } from './consumed-lines.ts';
import { beijing, both, duration, esc, h2, yuan } from './format.ts';

const secs = (a: string | null, b: string | null) =>
  a && b ? Math.round((Date.parse(b) - Date.parse(a)) / 1000) : null;

function callups(e: TEvaluation): string {
  const teams = e.callups.flatMap((c) =>
    c.teams.map((t) => ({ ...t, callupId: c.callupId, requestedAt: c.requestedAt })),
  );
  if (teams.length === 0)
    return `${h2('六、社会应急力量调用', 'Call-ups')}<p class="empty">未调用社会应急力量 No call-up</p>`;
  const rows = teams.map((t) => {
    const accept = secs(t.requestedAt, t.acceptedAt);
    const travel = secs(t.acceptedAt, t.checkedInAt);
    return {
      label: `队伍 ${shortId(t.teamId)}`,
      segments: [
        { value: (accept ?? 0) / 60, color: COLORS.late, title: '调用→接受 call-up → acceptance' },
        { value: (travel ?? 0) / 60, color: COLORS.info, title: '接受→到场 acceptance → on scene' },
      ],
      note: t.declinedAt
        ? '拒绝/超时'
        : t.checkedInAt
          ? duration(secs(t.requestedAt, t.checkedInAt)).zh
          : '未到场',
    };
  });
  const table = teams
    .map(
      (t) =>
        `<tr><td>${esc(shortId(t.teamId))}</td><td>${esc(beijing(t.requestedAt))}</td><td>${esc(beijing(t.acceptedAt))}</td><td>${esc(beijing(t.checkedInAt))}</td><td>${t.people ?? '—'}</td></tr>`,
    )
    .join('');
  return `${h2('六、社会应急力量调用', 'Call-ups')}<p>橙色：调用至接受；蓝色：接受至到场。<span class="en">Orange: call-up → acceptance; blue: acceptance → on scene.</span></p>${barChart(rows)}<table><tr><th>队伍 Team</th><th>调用 Called</th><th>接受 Accepted</th><th>到场 On scene</th><th>人数 People</th></tr>${table}</table>`;
}

function requisitions(e: TEvaluation): string {
  const r = e.requisitions;
  if (r.orders === 0 && r.claims === 0)
    return `${h2('七、征用与补偿', 'Requisitions and compensation')}<p class="empty">无征用 No requisition</p>`;
  return `${h2('七、征用与补偿', 'Requisitions and compensation')}<table>
<tr><th>征用令 Orders</th><td>${r.orders}</td><th>征用财产 Items</th><td>${r.items}</td></tr>
<tr><th>已返还 Returned</th><td>${r.returned}</td><th>毁损 Damaged</th><td>${r.damaged}</td></tr>
<tr><th>补偿申请 Claims</th><td>${r.claims}</td><th>核定 / 已付 Assessed / paid</th><td>${yuan(r.assessedFen)} / ${yuan(r.paidFen)} 元</td></tr></table>`;
}

function tasks(e: TEvaluation): string {
  const t = e.tasks;
  const rows = t.byDepartment.map((d) => ({
    label: d.name?.zh ?? d.departmentId,
    segments: [
      { value: d.done, color: COLORS.ok, title: '已完成 done' },
      { value: d.total - d.done - d.overdue, color: COLORS.pending, title: '未完成 open' },
      { value: d.overdue, color: COLORS.missed, title: '逾期 overdue' },
    ],
    note: `${d.done}/${d.total}`,
  }));
  return `${h2('八、部门任务（联防联控）', 'Department tasks')}<p>共 ${t.total} 项，完成 ${t.done} 项，逾期未完成 ${t.overdue} 项。<span class="en">${t.total} tasks, ${t.done} done, ${t.overdue} overdue.</span></p>${barChart(rows, { labelWidth: 220 })}`;
}

function loss(e: TEvaluation): string {
  const l = e.loss;
  if (!l)
    return `${h2('九、损失评估', 'Loss assessment')}<p class="empty">尚未评估 Not assessed yet</p>`;
  const items = l.items
    .map(
      (i) =>
        `<tr><td>${both(LOSS_KIND_LABELS[i.kind])}</td><td>${esc(i.description)}</td><td>${yuan(i.lossFen)}</td></tr>`,
    )
    .join('');
  return `${h2('九、损失评估', 'Loss assessment')}<p>评估时间 ${esc(beijing(l.assessedAt))}；直接经济损失 ${yuan(l.directLossFen)} 元；死亡 ${l.criteria.deaths}，失踪 ${l.criteria.missing}，重伤 ${l.criteria.injuries}，受影响 ${l.criteria.affected} 人。</p><table><tr><th>类别 Kind</th><th>说明 Description</th><th>损失（元）Loss (yuan)</th></tr>${items}</table>`;
}

function findings(e: TEvaluation): string {
  const f = e.findings;
  const part = (zh: string, en: string, text: string | undefined) =>
    `<tr><th>${zh} <span class="en">${en}</span></th><td class="pre">${text ? esc(text) : '<span class="empty">待填写 To be written</span>'}</td></tr>`;
  return `${h2('十、调查结论', 'Findings')}<table>${part('发生经过', 'Course of events', f?.course)}${part('原因分析', 'Causes', f?.causes)}${part('经验教训', 'Lessons', f?.lessons)}${part('改进措施', 'Improvements', f?.improvements)}</table>`;
}

function decisions(e: TEvaluation): string {
  const rows = e.decisions
    .map(
      (l) =>
        `<tr><td>${esc(beijing(l.at))}</td><td>${esc(l.summary.zh)}<br><span class="en">${esc(l.summary.en)}</span></td></tr>`,
    )
    .join('');
  return `${h2('十一、决策与处置记录', 'Decisions and actions')}<table><tr><th style="width:120px">时间 Time</th><th>记录 Record</th></tr>${rows}</table>`;
}

/** Sections six to eleven of the printable evaluation. */
export function detailSections(e: TEvaluation): string {
  return [callups(e), requisitions(e), tasks(e), loss(e), findings(e), decisions(e)].join('\n');
}
