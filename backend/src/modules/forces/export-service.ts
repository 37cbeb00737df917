import {
  CAPABILITY_LABELS,
  TEAM_KIND_LABELS,
  TEAM_STATUS_LABELS,
  type TTeam,
  type TTeamSearchFilter,
} from '@muster/contracts';
import { toCsv } from '../../platform/csv.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { ForcesDeps } from './deps.ts';
import { chinaDay } from './calendar.ts';
import { teamHours } from './hours-service.ts';
import { listMembers } from './read-service.ts';
import { searchAll } from './search-service.ts';

/*
 * CSV exports. Each goes through the same projection as the JSON it mirrors (so a field the
 * viewer may not see is blank, a masked one masked, and whole sensitive views audited), and each
 * export is itself an audit entry: who took which list out, and how many rows.
 */

const yes = (b: boolean) => (b ? '是 yes' : '否 no');

export async function exportSearch(
  d: ForcesDeps,
  viewer: Viewer,
  q: TTeamSearchFilter,
): Promise<string> {
  const teams = await searchAll(d, viewer, q);
  const lastCover = (t: TTeam) =>
    t.insurance
      .map((p) => p.validTo)
      .sort()
      .at(-1) ?? '';
  return toCsv(
    [
      '队伍编号 Team id',
      '名称 Name',
      '类型 Kind',
      '备案状态 Status',
      '战备等级 Readiness',
      '可调用 Callable',
      '能力 Capabilities',
      '驻地经度 Base lon',
      '驻地纬度 Base lat',
      '驻地地址 Base address',
      '服务区域 Service area',
      '队长 Leader',
      '队长电话 Leader phone',
      '队员人数 Members',
      '保险至 Insured until',
      '备案有效至 Approved until',
      '距离 km Distance km',
    ],
    teams.map((t) => [
      t.id,
      t.name,
      TEAM_KIND_LABELS[t.kind].zh,
      TEAM_STATUS_LABELS[t.status].zh,
      t.readiness,
      yes(t.callable),
      t.capabilities.map((c) => CAPABILITY_LABELS[c].zh).join('、'),
      t.base.lon,
      t.base.lat,
      t.base.address,
      t.serviceArea.join(' '),
      t.leader.name,
      t.leader.phone,
      t.memberCount,
      lastCover(t),
      t.approvalExpiresAt ? chinaDay(new Date(t.approvalExpiresAt)) : '',
      t.distanceKm,
    ]),
  );
}

/** The roll of a team (e.g. for its insurer), projected per viewer; sensitive whole views audited. */
export async function exportMembers(
  d: ForcesDeps,
  viewer: Viewer,
  teamId: string,
): Promise<string> {
  const { items } = await listMembers(d, viewer, teamId);
  await d.audit.append({
    actor: viewer.accountId,
    action: 'forces.members.exported',
    subjectType: 'team',
    subjectId: teamId,
    detail: { rows: items.length },
  });
  return toCsv(
    [
      '队员编号 Member id',
      '姓名 Name',
      '身份证号 ID number',
      '电话 Phone',
      '紧急联系人 Emergency contact',
      '紧急联系电话 Emergency phone',
      '技能 Skills',
      '证书 Certificates',
    ],
    items.map((m) => [
      m.id,
      m.name,
      m.idNumber,
      m.phone,
      m.emergencyContact?.name,
      m.emergencyContact?.phone,
      m.skills.join('、'),
      m.certificates
        .map((c) => `${c.name}${c.number ? ` ${c.number}` : ''} 至 ${c.expiresOn}`)
        .join('; '),
    ]),
  );
}

export async function exportHours(
  d: ForcesDeps,
  viewer: Viewer,
  teamId: string,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<string> {
  const h = await teamHours(d, viewer, teamId, q);
  await d.audit.append({
    actor: viewer.accountId,
    action: 'forces.hours.exported',
    subjectType: 'team',
    subjectId: teamId,
    detail: { rows: h.members.length, from: q.from ?? null, to: q.to ?? null },
  });
  const row = (id: string, name: string | undefined, onRoll: string, t: typeof h.totals) => [
    id,
    name,
    onRoll,
    t.training,
    t.drill,
    t.deployment,
    t.total,
  ];
  return toCsv(
    [
      '队员编号 Member id',
      '姓名 Name',
      '在册 On roll',
      '训练 Training h',
      '联训联演 Drill h',
      '调用 Deployment h',
      '合计 Total h',
    ],
    [
      ...h.members.map((m) => row(m.memberId, m.name, yes(!m.left), m.totals)),
      row(teamId, '全队合计 Team total', '', h.totals),
    ],
  );
}
