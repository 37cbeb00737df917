import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { idNumberCheckChar, type TMember, type TTeam } from '@muster/contracts';
import { auditLog } from '../../platform/access/tables.ts';
import { startForcesWorld, type ForcesWorld } from '../../testing/forces-world.ts';
import { buildFiling, buildMember } from '../../testing/forces.ts';

/** Canary values: an ID number ending in X (to try the index's normalisation) and health notes. */
function canaryId(): string {
  for (let n = 0; ; n++) {
    const s = `50010919850615${String(n).padStart(3, '0')}`;
    if (idNumberCheckChar(s) === 'X') return `${s}X`;
  }
}
const CANARY_ID = canaryId();
const CANARY_HEALTH = '金丝雀哮喘病史';
const CANARY_PHONE = '13700001111';

type Cell = 'whole' | 'masked' | 'none';
interface Row {
  name: string;
  members: Cell | 'unauthenticated';
  idNumber: Cell;
  health: Cell;
  leaderPhone: Cell;
  audited: boolean;
}

const ROWS: Row[] = [
  {
    name: 'admin',
    members: 'whole',
    idNumber: 'whole',
    health: 'whole',
    leaderPhone: 'whole',
    audited: true,
  },
  {
    name: 'duty',
    members: 'whole',
    idNumber: 'masked',
    health: 'none',
    leaderPhone: 'whole',
    audited: false,
  },
  {
    name: 'leaderA',
    members: 'whole',
    idNumber: 'whole',
    health: 'whole',
    leaderPhone: 'whole',
    audited: true,
  },
  {
    name: 'leaderB',
    members: 'none',
    idNumber: 'none',
    health: 'none',
    leaderPhone: 'none',
    audited: false,
  },
  {
    name: 'commander',
    members: 'masked',
    idNumber: 'none',
    health: 'none',
    leaderPhone: 'masked',
    audited: false,
  },
  {
    name: 'observer',
    members: 'none',
    idNumber: 'none',
    health: 'none',
    leaderPhone: 'none',
    audited: false,
  },
  {
    name: 'department',
    members: 'none',
    idNumber: 'none',
    health: 'none',
    leaderPhone: 'none',
    audited: false,
  },
  {
    name: 'public',
    members: 'unauthenticated',
    idNumber: 'none',
    health: 'none',
    leaderPhone: 'none',
    audited: false,
  },
];

describe('forces registry: lists and details projected per viewer', () => {
  let w: ForcesWorld;
  let teamA: TTeam;
  let member: TMember;
  const filingA = buildFiling();

  beforeAll(async () => {
    w = await startForcesWorld({
      leaderA: { role: 'team_leader' },
      leaderB: { role: 'team_leader' },
      admin: { role: 'admin' },
      duty: { role: 'duty_officer' },
      commander: { role: 'commander' },
      observer: { role: 'observer' },
      department: { role: 'department' },
    });
    teamA = (await w.as('leaderA', 'POST', '/api/forces/teams', filingA)).body as TTeam;
    const added = await w.as('leaderA', 'POST', `/api/forces/teams/${teamA.id}/members`, {
      ...buildMember(),
      idNumber: CANARY_ID.toLowerCase(),
      phone: CANARY_PHONE,
      healthNotes: CANARY_HEALTH,
    });
    expect(added.status).toBe(201);
    member = added.body as TMember;
    expect(member.idNumber).toBe(CANARY_ID);
    await w.as('leaderA', 'POST', `/api/forces/teams/${teamA.id}/submit`);
    expect((await w.as('duty', 'POST', `/api/forces/teams/${teamA.id}/approve`)).status).toBe(200);
    expect((await w.as('leaderB', 'POST', '/api/forces/teams', buildFiling())).status).toBe(201);
  });
  afterAll(async () => {
    await w?.stop();
  });

  const viewsBy = async (name: string) =>
    w.m.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'personal.viewed'),
          eq(auditLog.actor, w.ids.get(name) ?? 'public'),
          eq(auditLog.subjectId, member.id),
        ),
      );

  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (name, r) => {
    const before = (await viewsBy(name)).length;
    const detail = await w.as(name, 'GET', `/api/forces/teams/${teamA.id}`);
    expect(detail.status).toBe(200);
    const t = detail.body as TTeam;
    const phone = filingA.leader.phone;
    if (r.leaderPhone === 'whole') expect(t.leader.phone).toBe(phone);
    else if (r.leaderPhone === 'masked')
      expect(t.leader.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    else expect(t.leader.phone).toBeUndefined();

    const list = await w.as(name, 'GET', '/api/forces/teams?capability=water_rescue&limit=200');
    expect(list.status).toBe(200);
    const listed = (list.body as { items: TTeam[] }).items.find((x) => x.id === teamA.id);
    expect(listed?.leader).toEqual(t.leader);

    const res = await w.as(name, 'GET', `/api/forces/teams/${teamA.id}/members`);
    const text = JSON.stringify(res.body);
    if (r.members === 'unauthenticated') {
      expect(res.status).toBe(401);
    } else {
      expect(res.status).toBe(200);
      const [m] = (res.body as { items: TMember[] }).items;
      expect(m?.id).toBe(member.id);
      expect(m?.phone).toBe(
        r.members === 'whole' ? CANARY_PHONE : r.members === 'masked' ? '137****1111' : undefined,
      );
      expect(m?.idNumber).toBe(
        r.idNumber === 'whole'
          ? CANARY_ID
          : r.idNumber === 'masked'
            ? `500${'*'.repeat(11)}${CANARY_ID.slice(-4)}`
            : undefined,
      );
      expect(m?.healthNotes).toBe(r.health === 'whole' ? CANARY_HEALTH : undefined);
      // A certificate number is identity-classed like the ID number: masked or dropped alike.
      const cert = m?.certificates[0]?.number;
      if (r.idNumber === 'none') expect(cert).toBeUndefined();
      if (r.idNumber === 'masked') expect(cert).toMatch(/^RC-\*+\d{4}$/);
      expect(m?.skills).toEqual(['swimming']);
    }
    if (r.idNumber !== 'whole') expect(text).not.toContain(CANARY_ID);
    if (r.health !== 'whole') expect(text).not.toContain(CANARY_HEALTH);

    const views = (await viewsBy(name)).slice(before);
    if (r.audited)
      expect(views.map((v) => v.field).sort()).toEqual([
        'certificates[].number',
        'healthNotes',
        'idNumber',
      ]);
    else expect(views).toEqual([]);
  });

  it('the public and other leaders see approved teams and their own only; the office sees all', async () => {
    const statuses = async (name: string) =>
      new Set(
        (
          (await w.as(name, 'GET', '/api/forces/teams?limit=200')).body as { items: TTeam[] }
        ).items.map((t) => t.status),
      );
    expect(await statuses('public')).toEqual(new Set(['approved']));
    expect(await statuses('observer')).toEqual(new Set(['approved']));
    expect(await statuses('leaderB')).toEqual(new Set(['approved', 'draft']));
    expect(await statuses('duty')).toEqual(new Set(['approved', 'draft']));
    const drafts = (await w.as('duty', 'GET', '/api/forces/teams?status=draft')).body as {
      items: TTeam[];
    };
    const draft = drafts.items[0]!;
    expect((await w.as('observer', 'GET', `/api/forces/teams/${draft.id}`)).status).toBe(404);
    expect((await w.as('observer', 'GET', `/api/forces/teams/${draft.id}/members`)).status).toBe(
      404,
    );
  });

  it('pages through teams with a cursor', async () => {
    const first = (await w.as('admin', 'GET', '/api/forces/teams?limit=1')).body as {
      items: TTeam[];
      nextCursor: string | null;
    };
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBe(first.items[0]!.id);
    const second = (
      await w.as('admin', 'GET', `/api/forces/teams?limit=1&cursor=${first.nextCursor}`)
    ).body as { items: TTeam[]; nextCursor: string | null };
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.id > first.items[0]!.id).toBe(true);
    expect(second.nextCursor).toBeNull();
  });

  it('stores the ID number and health notes sealed, and finds the ID number by its HMAC index', async () => {
    const rows = await w.m.database.db.execute<{ r: string }>(
      sql`select row_to_json(m)::text as r from forces_members m where id = ${member.id}`,
    );
    const raw = rows[0]!.r;
    expect(raw).not.toContain(CANARY_ID);
    expect(raw).not.toContain(CANARY_ID.slice(0, 17));
    expect(raw).not.toContain(CANARY_HEALTH);
    const certs = await w.m.database.db.execute<{ r: string }>(
      sql`select row_to_json(c)::text as r from forces_certificates c where member_id = ${member.id}`,
    );
    expect(certs[0]!.r).not.toContain(member.certificates[0]!.number!);

    // Found by exact value, typed with a lower-case x and spaces; the duty officer sees it masked.
    const found = await w.as('duty', 'POST', '/api/forces/members/lookup', {
      idNumber: ` ${CANARY_ID.toLowerCase()} `,
    });
    expect(found.status).toBe(200);
    const items = (found.body as { items: TMember[] }).items;
    expect(items.map((m) => m.id)).toEqual([member.id]);
    expect(JSON.stringify(found.body)).not.toContain(CANARY_ID);
    const near = `${CANARY_ID.slice(0, 14)}${String((Number(CANARY_ID.slice(14, 17)) + 1) % 1000).padStart(3, '0')}`;
    const other = await w.as('duty', 'POST', '/api/forces/members/lookup', {
      idNumber: near + idNumberCheckChar(near)!,
    });
    expect((other.body as { items: TMember[] }).items).toEqual([]);
    expect(
      (await w.as('leaderA', 'POST', '/api/forces/members/lookup', { idNumber: CANARY_ID })).status,
    ).toBe(403);
    // The same person cannot be on one roll twice.
    const again = await w.as('leaderA', 'POST', `/api/forces/teams/${teamA.id}/members`, {
      ...buildMember(),
      idNumber: CANARY_ID,
    });
    expect(again.status).toBe(409);
  });
});
