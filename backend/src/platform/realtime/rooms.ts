import type { Role } from '@muster/contracts';
import type { Purpose } from '../access/policy.ts';
import type { Viewer } from '../access/viewer.ts';

/**
 * A room is one projection class: everyone in it may see the same projection of a position, so
 * the gateway projects once per room and broadcasts once per room. The server alone chooses a
 * socket's rooms, from the viewer's rights (`roomsFor`).
 */
export type RoomClass =
  /** The role's view without any purpose: coarse team positions, or all of them for the admin. */
  | { kind: 'role'; role: 'admin' | 'duty_officer' | 'commander' | 'team_leader' }
  /** Departments and observers: coarse team positions, never exact. */
  | { kind: 'observers' }
  /** The members and leader of one team: that team's own position, whole. */
  | { kind: 'team'; teamId: string }
  /** Commanders of one incident: teams deployed to it, whole. */
  | { kind: 'command'; incidentId: string }
  /** Duty officers whose map looks at one incident: teams deployed to it, whole. */
  | { kind: 'office'; incidentId: string };

export function roomName(c: RoomClass): string {
  switch (c.kind) {
    case 'role':
      return `role:${c.role}`;
    case 'observers':
      return 'observers';
    case 'team':
      return `team:${c.teamId}`;
    case 'command':
      return `incident:${c.incidentId}:command`;
    case 'office':
      return `incident:${c.incidentId}:office`;
  }
}

/** The incident whose deployments a room shows, if it is one of the per-incident rooms. */
export function incidentOf(c: RoomClass): string | undefined {
  return c.kind === 'command' || c.kind === 'office' ? c.incidentId : undefined;
}

/** The rooms a viewer belongs in now; `focus` is the incident its map looks at, if any. */
export function roomsFor(v: Viewer, focus: string | null): RoomClass[] {
  switch (v.role) {
    case 'admin':
      return [{ kind: 'role', role: 'admin' }];
    case 'duty_officer':
      return [
        { kind: 'role', role: 'duty_officer' },
        ...(focus ? [{ kind: 'office', incidentId: focus } as const] : []),
      ];
    case 'commander':
      return [
        { kind: 'role', role: 'commander' },
        ...[...v.commands].sort().map((incidentId) => ({ kind: 'command', incidentId }) as const),
      ];
    case 'team_leader':
      return [
        ...(v.teamId ? [{ kind: 'team', teamId: v.teamId } as const] : []),
        { kind: 'role', role: 'team_leader' },
      ];
    case 'team_member':
      return v.teamId ? [{ kind: 'team', teamId: v.teamId }] : [];
    case 'department':
    case 'observer':
      return [{ kind: 'observers' }];
  }
}

const NONE: ReadonlySet<string> = new Set();

function stand(role: Role, c: RoomClass, extra: Partial<Viewer> = {}): Viewer {
  return {
    kind: 'account',
    accountId: `room:${roomName(c)}`,
    role,
    teamId: null,
    departmentId: null,
    commands: NONE,
    deployments: NONE,
    sessionId: '',
    ...extra,
  };
}

/**
 * The viewer a room's projection is made for: a stand-in holding exactly the rights that put a
 * socket in the room and nothing more (no other commands, no team), with the room's purpose.
 * Every member holds at least these rights for this purpose, so `decide` never gives the
 * stand-in more than it would give any member. The policy itself is `decide` (policy.ts).
 */
export function classViewer(c: RoomClass): { viewer: Viewer; purpose: Purpose } {
  switch (c.kind) {
    case 'role':
      return { viewer: stand(c.role, c), purpose: {} };
    case 'observers':
      return { viewer: stand('observer', c), purpose: {} };
    case 'team':
      return { viewer: stand('team_member', c, { teamId: c.teamId }), purpose: {} };
    case 'command':
      return {
        viewer: stand('commander', c, { commands: new Set([c.incidentId]) }),
        purpose: { incidentId: c.incidentId },
      };
    case 'office':
      return { viewer: stand('duty_officer', c), purpose: { incidentId: c.incidentId } };
  }
}

/** Whether a room carries a team's position at all (before the policy decides how much of it). */
export function roomShows(c: RoomClass, teamId: string, deployedTo: ReadonlySet<string>): boolean {
  switch (c.kind) {
    case 'role':
    case 'observers':
      return true;
    case 'team':
      return c.teamId === teamId;
    case 'command':
    case 'office':
      return deployedTo.has(c.incidentId);
  }
}

/**
 * The order rooms are pushed in a tick: rooms that can show exact positions first (they serve the
 * people directing the work, and the coarse rooms after them skip what those sockets already
 * got), then the observers, then the role rooms whose members mostly hold an exact room too.
 */
export function roomPriority(c: RoomClass): number {
  if (c.kind === 'role') return c.role === 'admin' ? 0 : 2;
  return c.kind === 'observers' ? 1 : 0;
}
