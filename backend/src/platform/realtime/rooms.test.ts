import { describe, expect, it } from 'vitest';
import { ROLES, type Disclosure } from '@muster/contracts';
import { decide } from '../access/policy.ts';
import type { Viewer } from '../access/viewer.ts';
import { classViewer, roomName, roomShows, roomsFor } from './rooms.ts';
import { originAllowed } from './handshake.ts';
import { createTickRing } from './tick-ring.ts';
import { createTokenBucket } from './rate-limit.ts';
import type { LivePosition } from './positions.ts';

const RANK: Record<Disclosure, number> = { dropped: 0, masked: 1, whole: 2 };
const [I, J] = ['00000000-0000-4000-8000-00000000000i', '00000000-0000-4000-8000-00000000000j'];
const [A, B] = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];

function viewer(role: Viewer['role'], extra: Partial<Viewer> = {}): Viewer {
  return {
    kind: 'account',
    accountId: `acct-${role}`,
    role,
    teamId: null,
    departmentId: null,
    commands: new Set(),
    deployments: new Set(),
    sessionId: 's',
    ...extra,
  };
}

describe('rooms', () => {
  const viewers: Viewer[] = ROLES.flatMap((role) => [
    viewer(role),
    viewer(role, { teamId: A, commands: new Set([I]) }),
  ]);
  const subjects = [
    { teamId: A, deployedTo: new Set([I]) },
    { teamId: B, deployedTo: new Set([J]) },
    { teamId: B, deployedTo: new Set<string>() },
  ];

  it('never shows a room more than the policy gives each of its members', () => {
    for (const v of viewers)
      for (const focus of [null, I])
        for (const room of roomsFor(v, focus)) {
          const stand = classViewer(room);
          for (const s of subjects) {
            if (!roomShows(room, s.teamId, s.deployedTo)) continue;
            const subject = { type: 'team', id: s.teamId, ...s };
            const forRoom = decide(stand.viewer, 'location', subject, stand.purpose);
            const forMember = decide(v, 'location', subject, stand.purpose);
            expect(RANK[forRoom], `${v.role} in ${roomName(room)}`).toBeLessThanOrEqual(
              RANK[forMember],
            );
          }
        }
  });

  it('puts commanders in the command room of each incident they command, and no one else', () => {
    const names = (v: Viewer, focus: string | null = null) => roomsFor(v, focus).map(roomName);
    expect(names(viewer('commander', { commands: new Set([I, J]) }))).toEqual([
      'role:commander',
      `incident:${I}:command`,
      `incident:${J}:command`,
    ]);
    expect(names(viewer('duty_officer'), I)).toEqual(['role:duty_officer', `incident:${I}:office`]);
    expect(names(viewer('team_member', { teamId: A, commands: new Set([I]) }))).toEqual([
      `team:${A}`,
    ]);
    expect(names(viewer('observer'))).toEqual(['observers']);
    expect(names(viewer('department'))).toEqual(['observers']);
  });
});

describe('origin allow-list', () => {
  const allowed = new Set(['https://map.example']);
  it('allows the listed origins and the server’s own host, and refuses others', () => {
    expect(originAllowed('https://map.example', 'api.example', allowed)).toBe(true);
    expect(originAllowed('http://api.example:8080', 'api.example:8080', allowed)).toBe(true);
    expect(originAllowed('https://evil.example', 'api.example', allowed)).toBe(false);
    expect(originAllowed('null', 'api.example', allowed)).toBe(false);
    expect(originAllowed(undefined, 'api.example', allowed)).toBe(true);
  });
});

describe('tick ring', () => {
  const at = (teamId: string, lon: number): LivePosition => ({
    teamId,
    lon,
    lat: 29.8,
    reportedAt: new Date().toISOString(),
    reportedAtMs: Date.now(),
    exercise: false,
  });

  it('replays the latest per team after a seq, and nothing it no longer holds', () => {
    const ring = createTickRing(3);
    ring.push({ seq: 1, positions: [at('a', 1)] });
    ring.push({ seq: 2, positions: [at('a', 2), at('b', 1)] });
    ring.push({ seq: 3, positions: [at('a', 3)] });
    expect(ring.since(1, 3)?.map((p) => [p.teamId, p.lon])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
    expect(ring.since(3, 3)).toEqual([]);
    ring.push({ seq: 4, positions: [] });
    expect(ring.since(0, 4)).toBeUndefined();
    expect(ring.since(1, 4)).toHaveLength(2);
  });

  it('bounds the positions it holds as well as the ticks', () => {
    const ring = createTickRing(100, 3);
    for (let seq = 1; seq <= 5; seq++) ring.push({ seq, positions: [at('a', seq), at('b', seq)] });
    // Two ticks would hold four positions: only the last is kept.
    expect(ring.since(4, 5)).toHaveLength(2);
    expect(ring.since(3, 5)).toBeUndefined();
  });
});

describe('token bucket', () => {
  it('allows a burst, then the refill rate', () => {
    const b = createTokenBucket(3, 2);
    expect([0, 0, 0, 0].map((t) => b.take(t))).toEqual([true, true, true, false]);
    expect(b.take(499)).toBe(false);
    expect(b.take(501)).toBe(true);
  });
});
