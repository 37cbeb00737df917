import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { ZIncident, ZReport, idNumberCheckChar, type TReport } from '@muster/contracts';
import { auditLog, destructionRecords } from '../../platform/access/tables.ts';
import { waitFor } from '../../testing/processes.ts';
import {
  buildActivation,
  buildIncident,
  startResponseWorld,
  type ResponseWorld,
} from '../../testing/response-world.ts';
import { DEMO_DEPARTMENTS } from './index.ts';
import { responsePeople } from './tables.ts';

const INCIDENTS = '/api/response/incidents';
/** A canary ID number with a valid GB 11643 check character. */
const CANARY_ID = `50010919900101123${idNumberCheckChar('50010919900101123')!}`;
const CONDITION = '金丝雀：右腿骨折，送区人民医院';
const PHONE = '13712340000';

type Cell = 'whole' | 'masked' | 'none';
const ROWS: {
  who: string;
  name: Cell;
  phone: Cell;
  idNumber: Cell;
  condition: Cell;
  audited: boolean;
}[] = [
  {
    who: 'admin',
    name: 'whole',
    phone: 'whole',
    idNumber: 'whole',
    condition: 'whole',
    audited: true,
  },
  {
    who: 'duty',
    name: 'whole',
    phone: 'whole',
    idNumber: 'masked',
    condition: 'none',
    audited: false,
  },
  {
    who: 'commanderA',
    name: 'whole',
    phone: 'whole',
    idNumber: 'none',
    condition: 'none',
    audited: false,
  },
  {
    who: 'commanderB',
    name: 'masked',
    phone: 'masked',
    idNumber: 'none',
    condition: 'none',
    audited: false,
  },
  {
    who: 'water',
    name: 'none',
    phone: 'none',
    idNumber: 'none',
    condition: 'none',
    audited: false,
  },
  {
    who: 'observer',
    name: 'none',
    phone: 'none',
    idNumber: 'none',
    condition: 'none',
    audited: false,
  },
];

describe('response: people named in reports, per viewer, sealed, destroyed at close', () => {
  let w: ResponseWorld;
  let incidentId: string;
  let report: TReport;

  beforeAll(async () => {
    w = await startResponseWorld({
      admin: { role: 'admin' },
      duty: { role: 'duty_officer' },
      commanderA: { role: 'commander' },
      commanderB: { role: 'commander' },
      water: { role: 'department', departmentId: DEMO_DEPARTMENTS.water },
      observer: { role: 'observer' },
      leader: { role: 'team_leader' },
    });
    const inc = ZIncident.parse(
      (
        await w.as(
          'duty',
          'POST',
          INCIDENTS,
          buildIncident({ reporter: { name: '周先生', phone: PHONE } }),
        )
      ).body,
    );
    incidentId = inc.id;
    const act = await w.as(
      'duty',
      'POST',
      `${INCIDENTS}/${incidentId}/activate`,
      buildActivation(w.ids.get('commanderA')!),
    );
    expect(act.status).toBe(200);
    // The commander's grant is read at sign-in of each request: commander A now commands it.
    const filed = await w.as('commanderA', 'POST', `${INCIDENTS}/${incidentId}/reports`, {
      kind: 'initial',
      summary: '下穿通道一辆轿车被困，1 人受伤',
      criteria: { injuries: 1 },
      recipients: ['北碚区委区政府总值班室'],
      people: [
        {
          role: 'casualty',
          name: '李伤员',
          phone: PHONE,
          idNumber: CANARY_ID,
          condition: CONDITION,
        },
        { role: 'contact', name: '赵联络', phone: '13800001111', organisation: '天生街道办事处' },
      ],
      submit: true,
    });
    expect(filed.status).toBe(201);
    report = ZReport.parse(filed.body);
  });
  afterAll(async () => {
    await w?.stop();
  });

  const views = (who: string) =>
    w.m.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'personal.viewed'), eq(auditLog.actor, w.ids.get(who)!)));

  it.each(ROWS.map((r) => [r.who, r] as const))('%s', async (who, r) => {
    const before = (await views(who)).length;
    const res = await w.as(who, 'GET', `/api/response/reports/${report.id}`);
    expect(res.status).toBe(200);
    const [casualty, contact] = ZReport.parse(res.body).people;
    const expectCell = (v: string | undefined, cell: Cell, whole: string, masked: string) =>
      expect(v).toBe(cell === 'whole' ? whole : cell === 'masked' ? masked : undefined);
    expectCell(casualty?.name, r.name, '李伤员', '李**');
    expectCell(casualty?.phone, r.phone, PHONE, '137****0000');
    expectCell(
      casualty?.idNumber,
      r.idNumber,
      CANARY_ID,
      `500${'*'.repeat(11)}${CANARY_ID.slice(-4)}`,
    );
    expectCell(casualty?.condition, r.condition, CONDITION, '');
    expect(contact?.organisation).toBe('天生街道办事处');
    const text = JSON.stringify(res.body);
    if (r.idNumber !== 'whole') expect(text).not.toContain(CANARY_ID);
    if (r.condition !== 'whole') expect(text).not.toContain('金丝雀');
    const audited = (await views(who))
      .slice(before)
      .map((v) => v.field)
      .sort();
    expect(audited).toEqual(r.audited ? ['people[].condition', 'people[].idNumber'] : []);
    const list = ZReport.array().parse(
      ((await w.as(who, 'GET', `${INCIDENTS}/${incidentId}/reports`)).body as { items: unknown })
        .items,
    );
    expect(list[0]?.people).toEqual(ZReport.parse(res.body).people);
  });

  it('teams and the public read no reports; the reporter is projected on the incident too', async () => {
    expect((await w.as('leader', 'GET', `/api/response/reports/${report.id}`)).status).toBe(403);
    expect((await w.as('public', 'GET', `/api/response/reports/${report.id}`)).status).toBe(401);
    const a = ZIncident.parse((await w.as('commanderA', 'GET', `${INCIDENTS}/${incidentId}`)).body);
    const b = ZIncident.parse((await w.as('commanderB', 'GET', `${INCIDENTS}/${incidentId}`)).body);
    expect(a.reporter).toEqual({ name: '周先生', phone: PHONE });
    expect(b.reporter).toEqual({ name: '周**', phone: '137****0000' });
    // Commander B does not command it, so files no report for it.
    const other = await w.as('commanderB', 'POST', `${INCIDENTS}/${incidentId}/reports`, {
      kind: 'follow_up',
      summary: 'x',
      criteria: {},
      recipients: ['x'],
    });
    expect(other.status).toBe(403);
  });

  it('keeps ID numbers and conditions sealed at rest', async () => {
    const rows = await w.m.database.db.execute<{ r: string }>(
      sql`select row_to_json(p)::text as r from response_people p where incident_id = ${incidentId}`,
    );
    const raw = rows.map((x) => x.r).join('\n');
    expect(raw).toContain('李伤员');
    expect(raw).not.toContain(CANARY_ID);
    expect(raw).not.toContain('金丝雀');
    const events = JSON.stringify(await w.eventsOf(incidentId));
    for (const s of ['李伤员', '赵联络', '周先生', PHONE, CANARY_ID])
      expect(events).not.toContain(s);
  });

  it('destroys them when the incident closes, leaving the counts and a record', async () => {
    await w.as('duty', 'POST', `${INCIDENTS}/${incidentId}/terminate`, { reason: '险情解除' });
    const final = await w.as('duty', 'POST', `${INCIDENTS}/${incidentId}/reports`, {
      kind: 'final',
      summary: '终报：1 人受伤，已出院',
      criteria: { injuries: 1 },
      recipients: ['北碚区委区政府总值班室'],
      people: [{ role: 'contact', name: '钱核报', phone: '13800002222' }],
      submit: true,
    });
    expect(final.status).toBe(201);
    expect((await w.as('duty', 'POST', `${INCIDENTS}/${incidentId}/close`)).status).toBe(200);
    await waitFor('people destroyed', async () => {
      await w.m.destruction.runDue();
      const left = await w.m.database.db
        .select()
        .from(responsePeople)
        .where(eq(responsePeople.incidentId, incidentId));
      return left.length === 0;
    });
    const after = ZReport.parse(
      (await w.as('admin', 'GET', `/api/response/reports/${report.id}`)).body,
    );
    expect(after).toMatchObject({ people: [], peopleCount: 2, summary: report.summary });
    const records = await w.m.database.db
      .select()
      .from(destructionRecords)
      .where(
        and(
          eq(destructionRecords.incidentId, incidentId),
          eq(destructionRecords.holder, 'response.people'),
        ),
      );
    expect(Object.fromEntries(records.map((r) => [r.category, r.destroyed]))).toEqual({
      reporter: 1,
      casualty: 1,
      contact: 2,
    });
    const inc = ZIncident.parse((await w.as('admin', 'GET', `${INCIDENTS}/${incidentId}`)).body);
    expect(inc.reporter).toBeNull();
  });
});
