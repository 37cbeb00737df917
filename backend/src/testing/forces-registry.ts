import { expect } from 'vitest';
import type { TMember, TMemberRequest, TTeam, TTeamFilingRequest } from '@muster/contracts';
import type { ForcesWorld } from './forces-world.ts';
import { buildFiling, buildMember } from './forces.ts';

export const TEAMS = '/api/forces/teams';
export const DAY_MS = 86_400_000;

/** Files a team as the named leader, adds members, and has `reviewer` approve it. */
export async function approvedTeam(
  w: ForcesWorld,
  leader: string,
  o: {
    filing?: Partial<TTeamFilingRequest>;
    members?: Partial<TMemberRequest>[];
    reviewer?: string;
  } = {},
): Promise<{ team: TTeam; members: TMember[] }> {
  const filed = await w.as(leader, 'POST', TEAMS, buildFiling(o.filing));
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  const id = (filed.body as TTeam).id;
  const members: TMember[] = [];
  for (const m of o.members ?? []) {
    const added = await w.as(leader, 'POST', `${TEAMS}/${id}/members`, buildMember(m));
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    members.push(added.body as TMember);
  }
  expect((await w.as(leader, 'POST', `${TEAMS}/${id}/submit`)).status).toBe(200);
  const approved = await w.as(o.reviewer ?? 'duty', 'POST', `${TEAMS}/${id}/approve`);
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return { team: approved.body as TTeam, members };
}

/** Field paths named by a 400 answer. */
export const issuePaths = (body: unknown): string[] =>
  ((body as { error?: { issues?: { path: string }[] } }).error?.issues ?? []).map((i) => i.path);

/** Waits until `check` holds (a consumer's effect landing), or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
