import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  PERSONAL_CLASSES,
  ROLES,
  personal,
  type Disclosure,
  type PersonalClass,
  type Role,
} from '@muster/contracts';
import { decide, mask, project, type Subject } from './policy.ts';
import { PUBLIC_VIEWER, type Viewer } from './viewer.ts';

const TEAM_A = '0193a000-0000-7000-8000-00000000000a';
const TEAM_B = '0193a000-0000-7000-8000-00000000000b';
const INC = '0193a000-0000-7000-8000-0000000000e1';
const OTHER_INC = '0193a000-0000-7000-8000-0000000000e2';
const ME = '0193a000-0000-7000-8000-000000000001';

function viewer(role: Role, extra: Partial<Viewer> = {}): Viewer {
  return {
    kind: 'account',
    accountId: ME,
    role,
    teamId: null,
    departmentId: null,
    commands: new Set(),
    deployments: new Set(),
    sessionId: 's',
    ...extra,
  };
}

const memberOfA: Subject = { type: 'member', id: 'm1', teamId: TEAM_A, deployedTo: new Set([INC]) };
const leaderOfA: Subject = { type: 'member', id: 'm0', teamId: TEAM_A, isLeader: true };
const teamAPosition: Subject = {
  type: 'team',
  id: TEAM_A,
  teamId: TEAM_A,
  deployedTo: new Set([INC]),
};
const self: Subject = { type: 'member', id: 'm9', accountId: ME, teamId: TEAM_A };

describe('decide', () => {
  it('shows the public nothing, whatever the class', () => {
    for (const cls of PERSONAL_CLASSES)
      expect(decide(PUBLIC_VIEWER, cls, memberOfA)).toBe('dropped');
  });

  it('shows the admin everything', () => {
    for (const cls of PERSONAL_CLASSES)
      expect(decide(viewer('admin'), cls, memberOfA)).toBe('whole');
  });

  it('shows a commander contacts and positions only of teams deployed to an incident they command', () => {
    const commanding = viewer('commander', { commands: new Set([INC]) });
    const elsewhere = viewer('commander', { commands: new Set([OTHER_INC]) });
    expect(decide(commanding, 'contact', memberOfA)).toBe('whole');
    expect(decide(commanding, 'location', teamAPosition)).toBe('whole');
    expect(decide(commanding, 'location', teamAPosition, { incidentId: OTHER_INC })).toBe('masked');
    expect(decide(commanding, 'identity', memberOfA)).toBe('dropped');
    expect(decide(commanding, 'health', memberOfA)).toBe('dropped');
    expect(decide(elsewhere, 'contact', memberOfA)).toBe('masked');
    expect(decide(elsewhere, 'location', teamAPosition)).toBe('masked');
    // The deployment ended: the purpose is gone.
    expect(decide(commanding, 'location', { ...teamAPosition, deployedTo: new Set() })).toBe(
      'masked',
    );
  });

  it('shows a team leader their own members whole and no one else', () => {
    const leader = viewer('team_leader', { teamId: TEAM_A });
    for (const cls of PERSONAL_CLASSES) expect(decide(leader, cls, memberOfA)).toBe('whole');
    const otherLeader = viewer('team_leader', { teamId: TEAM_B });
    for (const cls of PERSONAL_CLASSES) expect(decide(otherLeader, cls, memberOfA)).toBe('dropped');
  });

  it('shows a member themselves and their leader’s contact only', () => {
    const member = viewer('team_member', { teamId: TEAM_A });
    for (const cls of PERSONAL_CLASSES) expect(decide(member, cls, self)).toBe('whole');
    expect(decide(member, 'contact', leaderOfA)).toBe('whole');
    expect(decide(member, 'identity', leaderOfA)).toBe('dropped');
    expect(decide(member, 'contact', memberOfA)).toBe('dropped');
    expect(decide(viewer('team_member', { teamId: TEAM_B }), 'contact', leaderOfA)).toBe('dropped');
  });

  it('shows departments and observers no person, and team positions only coarse', () => {
    for (const role of ['department', 'observer'] as const) {
      for (const cls of PERSONAL_CLASSES)
        expect(decide(viewer(role), cls, memberOfA)).toBe('dropped');
      expect(decide(viewer(role), 'location', teamAPosition)).toBe('masked');
    }
  });

  it('lets a duty officer see contacts, a masked ID, never health, exact positions only for a named incident', () => {
    const duty = viewer('duty_officer');
    expect(decide(duty, 'contact', memberOfA)).toBe('whole');
    expect(decide(duty, 'identity', memberOfA)).toBe('masked');
    expect(decide(duty, 'health', memberOfA)).toBe('dropped');
    expect(decide(duty, 'location', teamAPosition)).toBe('masked');
    expect(decide(duty, 'location', teamAPosition, { incidentId: INC })).toBe('whole');
  });

  it('decides something for every role and class (no gap falls through to whole)', () => {
    const seen = new Set<Disclosure>();
    for (const role of ROLES)
      for (const cls of PERSONAL_CLASSES)
        seen.add(decide(viewer(role), cls, { type: 'member', id: 'x' }));
    expect(seen.has('whole')).toBe(true); // the admin
    const stranger = { type: 'member', id: 'x' } satisfies Subject;
    const wholeFor = ROLES.filter((r) =>
      PERSONAL_CLASSES.some((c: PersonalClass) => decide(viewer(r), c, stranger) === 'whole'),
    );
    expect(wholeFor).toEqual(['admin', 'duty_officer']);
  });
});

describe('mask', () => {
  it('keeps the ends of phones and ID numbers and the first character of names', () => {
    expect(mask('contact', '13812345678')).toBe('138****5678');
    expect(mask('identity', '11010519491231002X')).toBe('110***********002X');
    expect(mask('contact', '张三丰')).toBe('张**');
  });
  it('rounds positions to about a kilometre and drops their precision hints', () => {
    expect(mask('location', 106.43219)).toBe(106.43);
    expect(mask('location', { lon: 106.43219, lat: 29.82571, accuracyM: 5 })).toEqual({
      lon: 106.43,
      lat: 29.83,
    });
  });
  it('has no masked form for health', () => {
    expect(mask('health', 'asthma')).toBeUndefined();
  });
});

describe('project', () => {
  const ZMember = z.object({
    id: z.string(),
    teamId: z.string(),
    name: personal(z.string(), 'contact').optional(),
    phone: personal(z.string(), 'contact').optional(),
    idNumber: personal(z.string(), 'identity').optional(),
    healthNotes: personal(z.string(), 'health').optional(),
    skills: z.array(z.string()),
  });
  const ZTeam = z.object({ id: z.string(), name: z.string(), members: z.array(ZMember) });
  const team = {
    id: TEAM_A,
    name: '北碚蓝天救援队',
    members: [
      {
        id: 'm1',
        teamId: TEAM_A,
        name: '李四',
        phone: '13812345678',
        idNumber: '11010519491231002X',
        healthNotes: 'asthma',
        skills: ['boat'],
      },
    ],
  };
  const subjectOf = (obj: Record<string, unknown>) =>
    typeof obj.teamId === 'string'
      ? { type: 'member', id: String(obj.id), teamId: obj.teamId }
      : undefined;

  it('drops, masks and keeps per field, audits each whole sensitive view, and leaves the input untouched', () => {
    const duty = project(ZTeam, team, { viewer: viewer('duty_officer'), subjectOf });
    expect(duty.value.members[0]).toEqual({
      id: 'm1',
      teamId: TEAM_A,
      name: '李四',
      phone: '13812345678',
      idNumber: '110***********002X',
      skills: ['boat'],
    });
    expect(duty.views).toEqual([]);
    const leader = project(ZTeam, team, {
      viewer: viewer('team_leader', { teamId: TEAM_A }),
      subjectOf,
    });
    expect(leader.value.members[0]?.healthNotes).toBe('asthma');
    expect(leader.views.map((v) => v.field).sort()).toEqual([
      'members[].healthNotes',
      'members[].idNumber',
    ]);
    expect(leader.views.every((v) => v.subjectId === 'm1' && v.action === 'personal.viewed')).toBe(
      true,
    );
    const observer = project(ZTeam, team, { viewer: viewer('observer'), subjectOf });
    expect(observer.value.members[0]).toEqual({ id: 'm1', teamId: TEAM_A, skills: ['boat'] });
    expect(team.members[0]?.phone).toBe('13812345678');
  });

  it('drops a personal field whose subject it cannot tell', () => {
    const p = project(
      ZMember,
      { ...team.members[0]!, teamId: 1 as unknown as string },
      { viewer: viewer('admin'), subjectOf },
    );
    expect(p.value.phone).toBeUndefined();
  });
});
