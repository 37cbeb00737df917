import { eq } from 'drizzle-orm';
import { AppError, CALLUP_LIMITS, type TPositionReport } from '@muster/contracts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { CallupContext } from './callup-deps.ts';
import { forcesIncidents } from './callup-tables.ts';
import { createReportWriter, refusalOf, type StoredReport } from './positions-store.ts';
import { forcesMembers } from './tables.ts';
import { createTeamBuckets, createTtlCache } from './positions-limits.ts';

export interface PositionReporter {
  report(
    viewer: Viewer,
    b: TPositionReport,
  ): Promise<{ outcome: 'accepted' | 'stale'; incidentId: string }>;
}

/** The incident a report is for: the one the team is deployed to, or the one named. */
function incidentOf(viewer: Viewer, b: TPositionReport): string {
  if (b.incidentId) {
    if (!viewer.deployments.has(b.incidentId)) throw new AppError('forces.not_deployed_now');
    return b.incidentId;
  }
  const [only, second] = viewer.deployments;
  if (!only) throw new AppError('forces.not_deployed_now');
  if (second) {
    const issue = {
      path: 'body.incidentId',
      message: '本队部署在多个事件中，请指明事件 / the team serves several incidents: name one',
    };
    throw new AppError('request.invalid', `${issue.path}: ${issue.message}`, [issue]);
  }
  return only;
}

/**
 * Positions of deployed teams (the hot path: one request per member every few seconds). The
 * viewer's active deployment grants say where the team serves; the report is taken only if it is
 * newer than the last one taken from the device and that was taken long enough ago, and stored
 * (sealed) in the incident's track with its event through the outbox, in one transaction shared
 * with the reports of the same few milliseconds (positions-store.ts); after commit the team's
 * last position goes to the KV bucket. A team's reports per second are capped per instance.
 */
export function createPositionReporter(c: CallupContext): PositionReporter {
  const buckets = createTeamBuckets(CALLUP_LIMITS.positionTeamPerSecond);
  const incidents = createTtlCache<{ exercise: boolean; drillRunId: string | null }>(60 * 60_000);
  const members = createTtlCache<string | null>(5 * 60_000);
  const writer = createReportWriter(c);

  async function incidentMeta(id: string) {
    const now = c.clock.now().getTime();
    const held = incidents.get(id, now);
    if (held) return held;
    const [row] = await c.db
      .select({ exercise: forcesIncidents.exercise, drillRunId: forcesIncidents.drillRunId })
      .from(forcesIncidents)
      .where(eq(forcesIncidents.id, id))
      .limit(1);
    // Not known yet: not cached, and the report is refused below (the incident must be open).
    if (!row) return { exercise: false, drillRunId: null };
    incidents.set(id, row, now);
    return row;
  }

  async function memberOf(accountId: string): Promise<string | null> {
    const now = c.clock.now().getTime();
    const held = members.get(accountId, now);
    if (held !== undefined) return held;
    const [row] = await c.db
      .select({ id: forcesMembers.id })
      .from(forcesMembers)
      .where(eq(forcesMembers.accountId, accountId))
      .limit(1);
    members.set(accountId, row?.id ?? null, now);
    return row?.id ?? null;
  }

  return {
    async report(viewer, b) {
      const teamId = viewer.teamId;
      if (!teamId || (viewer.role !== 'team_leader' && viewer.role !== 'team_member'))
        throw new AppError('auth.forbidden');
      const incidentId = incidentOf(viewer, b);
      const now = c.clock.now();
      const at = Date.parse(b.reportedAt);
      if (at > now.getTime() + CALLUP_LIMITS.positionMaxAheadMs)
        throw new AppError('forces.position_time', 'reportedAt is ahead of the server clock');
      if (at < now.getTime() - CALLUP_LIMITS.positionMaxAgeMs)
        return { outcome: 'stale', incidentId };
      const wait = buckets.take(teamId, now.getTime());
      if (wait > 0) throw new AppError('forces.position_too_frequent', String(wait));
      const [meta, memberId] = await Promise.all([
        incidentMeta(incidentId),
        memberOf(viewer.accountId),
      ]);
      const fix = {
        lon: b.lon,
        lat: b.lat,
        ...(b.accuracyM !== undefined ? { accuracyM: b.accuracyM } : {}),
      };
      const stored: StoredReport = {
        accountId: viewer.accountId,
        incidentId,
        teamId,
        memberId,
        exercise: meta.exercise,
        reportedAt: b.reportedAt,
        receivedAt: now,
        sealed: c.sealer.seal(JSON.stringify(fix)),
      };
      const event = {
        type: 'forces.position.reported' as const,
        actor: viewer.accountId,
        incidentId,
        exercise: meta.exercise,
        ...(meta.drillRunId ? { drillRunId: meta.drillRunId } : {}),
        data: {
          teamId,
          ...(memberId ? { memberId } : {}),
          incidentId,
          ...fix,
          reportedAt: b.reportedAt,
        },
      };
      const taken = await writer.write(stored, event);
      if (!taken) return { outcome: await refusalOf(c.db, stored), incidentId };
      void c.lastPositions
        ?.put(
          teamId,
          {
            teamId,
            ...(memberId ? { memberId } : {}),
            incidentId,
            ...fix,
            reportedAt: b.reportedAt,
            exercise: meta.exercise,
          },
          at,
        )
        .catch((err: unknown) =>
          c.logger.warn({ err }, 'last position not kept; the next report will be'),
        );
      return { outcome: 'accepted', incidentId };
    },
  };
}
