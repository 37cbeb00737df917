import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt } from 'drizzle-orm';
import type { TMember, TTeam } from '@muster/contracts';
import { auditLog } from '../../platform/access/tables.ts';
import { errorCode } from '../../testing/http.ts';
import { movableClock } from '../../testing/clock.ts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import { buildFiling, buildIdNumber } from '../../testing/forces.ts';
import { TEAMS, approvedTeam } from '../../testing/forces-registry.ts';

type Cell = 'whole' | 'masked' | 'none';
interface Row {
  name: string;
  leaderPhone: Cell;
  /** Whose rows of team A's hours the viewer gets. */
  hoursRows: 'all' | 'own' | 'none';
  hoursNames: Cell;
  /** Team A's roll in CSV: the ID number column for member 1 (the linked member). */
  idNumber: Cell;
  audited: boolean;
}
const ROWS: Row[] = [
  {
    name: 'admin',
    leaderPhone: 'whole',
    hoursRows: 'all',
    hoursNames: 'whole',
    idNumber: 'whole',
    audited: true,
  },
  {
    name: 'duty',
    leaderPhone: 'whole',
    hoursRows: 'all',
    hoursNames: 'whole',
    idNumber: 'masked',
    audited: false,
  },
  {
    name: 'commander',
    leaderPhone: 'masked',
    hoursRows: 'all',
    hoursNames: 'masked',
    idNumber: 'none',
    audited: false,
  },
  {
    name: 'leaderA',
    leaderPhone: 'whole',
    hoursRows: 'all',
    hoursNames: 'whole',
    idNumber: 'whole',
    audited: true,
  },
  {
    name: 'leaderB',
    leaderPhone: 'none',
    hoursRows: 'none',
    hoursNames: 'none',
    idNumber: 'none',
    audited: false,
  },
  {
    name: 'member',
    leaderPhone: 'whole',
    hoursRows: 'own',
    hoursNames: 'whole',
    idNumber: 'whole',
    audited: true,
  },
  {
    name: 'department',
    leaderPhone: 'none',
    hoursRows: 'none',
    hoursNames: 'none',
    idNumber: 'none',
    audited: false,
  },
  {
    name: 'observer',
    leaderPhone: 'none',
    hoursRows: 'none',
    hoursNames: 'none',
    idNumber: 'none',
    audited: false,
  },
  {
    name: 'public',
    leaderPhone: 'none',
    hoursRows: 'none',
    hoursNames: 'none',
    idNumber: 'none',
    audited: false,
  },
];

const masked = (v: string) => `${v.slice(0, 3)}****${v.slice(-4)}`;
/** CSV rows as arrays of cells (the exports quote nothing these tests need unquoted). */
const parseCsv = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));

describe('forces registry: search, hours and exports projected for every role', () => {
  const clock = movableClock(new Date('2026-06-30T02:00:00Z'));
  let w: ForcesWorld;
  let teamA: TTeam;
  let members: TMember[];
  const filingA = buildFiling({ capabilities: ['hazmat', 'drones'] });
  const ID1 = buildIdNumber('19880808');

  beforeAll(async () => {
    w = await startForcesWorld(
      {
        leaderA: { role: 'team_leader' },
        leaderB: { role: 'team_leader' },
        admin: { role: 'admin' },
        duty: { role: 'duty_officer' },
        commander: { role: 'commander' },
        department: { role: 'department' },
        observer: { role: 'observer' },
      },
      { clock },
    );
    const made = await approvedTeam(w, 'leaderA', {
      filing: filingA,
      members: [{ name: '王一', idNumber: ID1 }, { name: '王二' }],
    });
    teamA = made.team;
    members = made.members;
    await w.as('leaderB', 'POST', TEAMS, buildFiling({ capabilities: ['hazmat'] }));
    await w.addAccount('member', { role: 'team_member', teamId: teamA.id });
    const m1 = members[0]!;
    const link = (accountId: string) =>
      w.as('leaderA', 'PUT', `${TEAMS}/${teamA.id}/members/${m1.id}`, {
        name: '王一',
        phone: '13900000001',
        emergencyContact: { name: '王家属', phone: '13900000002' },
        skills: [],
        certificates: [{ name: '救护员证', number: 'RC-77', expiresOn: '2030-01-01' }],
        accountId,
      });
    expect(errorCode(await link(w.ids.get('leaderB')!))).toBe('forces.account_not_linkable');
    expect((await link(w.ids.get('member')!)).status).toBe(200);
    const s = (
      await w.as('leaderA', 'POST', `${TEAMS}/${teamA.id}/training`, {
        heldOn: '2026-06-01',
        kind: 'training',
        subject: '危化品识别',
        hours: 3,
      })
    ).body as { id: string };
    await w.as('leaderA', 'PUT', `/api/forces/training/${s.id}/attendance`, {
      attendance: members.map((m) => ({ memberId: m.id })),
    });
  });
  afterAll(async () => {
    await w?.stop();
  });

  const viewsSince = async (name: string, seq: number) =>
    w.m.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'personal.viewed'),
          eq(auditLog.actor, w.ids.get(name) ?? 'public'),
          gt(auditLog.seq, seq),
        ),
      );
  const lastSeq = async () =>
    (await w.m.database.db.select({ seq: auditLog.seq }).from(auditLog)).reduce(
      (n, r) => Math.max(n, r.seq),
      0,
    );

  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (name, r) => {
    const phone = filingA.leader.phone;
    const expectPhone = (v: string | undefined, cell: Cell) =>
      expect(v).toBe(
        cell === 'whole'
          ? phone
          : cell === 'masked'
            ? masked(phone)
            : cell === 'none'
              ? undefined
              : v,
      );

    // Search (JSON): the team as the viewer may see it, with callable and its reasons for all.
    const found = await w.as(name, 'POST', `${TEAMS}/search`, {
      capabilities: ['hazmat', 'drones'],
    });
    expect(found.status).toBe(200);
    const items = (found.body as { items: TTeam[] }).items;
    expect(items.map((t) => t.id)).toEqual([teamA.id]);
    expectPhone(items[0]!.leader.phone, r.leaderPhone);
    expect(items[0]).toMatchObject({ callable: true, readiness: 'C' });
    const detail = (await w.as(name, 'GET', `${TEAMS}/${teamA.id}`)).body as TTeam;
    expect(detail.callability.map((c) => c.ok)).toEqual([true, true, true]);

    // Search (CSV): the same projection, cell by cell; the export is audited.
    const csv = await w.as(name, 'POST', `${TEAMS}/search/export`, { capabilities: ['hazmat'] });
    if (name === 'public') {
      expect(csv.status).toBe(401);
    } else {
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const [head, ...rows] = parseCsv(csv.body as string);
      const col = head!.findIndex((h) => h.startsWith('队长电话'));
      const rowA = rows.find((x) => x[0] === teamA.id)!;
      expectPhone(rowA[col] || undefined, r.leaderPhone);
      const exported = await w.m.database.db
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.action, 'forces.teams.exported'), eq(auditLog.actor, w.ids.get(name)!)),
        );
      expect(exported.at(-1)?.detail).toMatchObject({ rows: rows.length, capabilities: 1 });
    }

    // Hours (JSON and CSV): whose rows, and names per the policy.
    const hours = await w.as(name, 'GET', `${TEAMS}/${teamA.id}/hours`);
    const hoursCsv = await w.as(name, 'GET', `${TEAMS}/${teamA.id}/hours/export`);
    if (name === 'public') {
      expect(hours.status).toBe(401);
      expect(hoursCsv.status).toBe(401);
    } else {
      const h = hours.body as {
        totals: { training: number };
        members: { memberId: string; name?: string }[];
      };
      expect(h.totals.training).toBe(6);
      const want =
        r.hoursRows === 'all'
          ? members.map((m) => m.id).sort()
          : r.hoursRows === 'own'
            ? [members[0]!.id]
            : [];
      expect(h.members.map((m) => m.memberId).sort()).toEqual(want);
      const one = h.members.find((m) => m.memberId === members[0]!.id);
      if (one) expect(one.name).toBe(r.hoursNames === 'whole' ? '王一' : '王*');
      const csvRows = parseCsv(hoursCsv.body as string).slice(1);
      expect(csvRows.map((x) => x[0])).toEqual([...h.members.map((m) => m.memberId), teamA.id]);
    }

    // The roll as CSV: the ID number column per the policy; whole views audited like REST.
    const before = await lastSeq();
    const roll = await w.as(name, 'GET', `${TEAMS}/${teamA.id}/members/export`);
    if (name === 'public') {
      expect(roll.status).toBe(401);
      return;
    }
    expect(roll.status).toBe(200);
    const [head, ...rows] = parseCsv(roll.body as string);
    const idCol = head!.findIndex((h) => h.startsWith('身份证号'));
    const m1 = rows.find((x) => x[0] === members[0]!.id)!;
    expect(m1[idCol] || undefined).toBe(
      r.idNumber === 'whole'
        ? ID1
        : r.idNumber === 'masked'
          ? `500${'*'.repeat(11)}${ID1.slice(-4)}`
          : undefined,
    );
    if (r.idNumber !== 'whole') expect(roll.body as string).not.toContain(ID1);
    const views = await viewsSince(name, before);
    if (r.audited) expect(views.map((v) => v.field)).toContain('idNumber');
    else expect(views).toEqual([]);
  });

  it('a member sees their own hours entry by entry; an unlinked account is told to ask its leader', async () => {
    const own = await w.as('member', 'GET', '/api/forces/me/hours');
    expect(own.body).toMatchObject({
      totals: { training: 3, total: 3 },
      items: [{ kind: 'training', hours: 3 }],
    });
    await w.addAccount('loner', { role: 'team_member', teamId: teamA.id });
    expect(errorCode(await w.as('loner', 'GET', '/api/forces/me/hours'))).toBe(
      'forces.member_not_linked',
    );
  });

  it('statistics are for the office and partners, reminders for the office and the team leader', async () => {
    const stats = await w.as('observer', 'GET', '/api/forces/statistics');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      teamsByStatus: { approved: 1, draft: 1 },
      members: { total: 2, onApprovedTeams: 2 },
      approvedCallable: { approved: 1, callable: 1 },
    });
    const hazmat = (
      stats.body as { teamsByCapability: { capability: string; byStatus: object }[] }
    ).teamsByCapability.find((c) => c.capability === 'hazmat');
    expect(hazmat?.byStatus).toMatchObject({ approved: 1, draft: 1 });
    expect(JSON.stringify(stats.body)).not.toContain(filingA.leader.phone);
    expect((await w.as('leaderA', 'GET', '/api/forces/statistics')).status).toBe(403);
    expect((await w.as('public', 'GET', '/api/forces/statistics')).status).toBe(401);
    expect((await w.as('member', 'GET', '/api/forces/reminders')).status).toBe(403);
    expect(
      errorCode(await w.as('leaderB', 'GET', `/api/forces/reminders?teamId=${teamA.id}`)),
    ).toBe('forces.not_your_team');
  });
});
