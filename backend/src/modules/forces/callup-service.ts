import { and, eq, inArray } from 'drizzle-orm';
import { AppError, CALLUP_LEGAL_BASIS, type TCallupRequest } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import { auditCallup } from './callup-audit.ts';
import { drillFields, eventMeta, recordNow, type CallupContext } from './callup-deps.ts';
import {
  knownIncident,
  lockCallup,
  requireIncidentAuthority,
  requireOpenCallup,
  requireOpenIncident,
  type CallupRow,
} from './callup-store.ts';
import { forcesCallupAssignments, forcesCallups } from './callup-tables.ts';
import { standDownAssignment } from './deployment-stand-down.ts';

/** A duty officer or the incident's commander orders a call-up; the order fixes its terms. */
export async function createCallup(
  d: CallupContext,
  viewer: Viewer,
  b: TCallupRequest,
): Promise<string> {
  const id = newId();
  await d.db.transaction(async (tx) => {
    const incident = await knownIncident(tx, b.incidentId);
    requireIncidentAuthority(viewer, incident);
    requireOpenIncident(incident);
    const now = recordNow(d, incident);
    if (Date.parse(b.window.to) <= now.getTime()) {
      const issue = {
        path: 'body.window.to',
        message: '时段已经结束，请填写需要力量的时段 / the window has already ended',
      };
      throw new AppError('request.invalid', `${issue.path}: ${issue.message}`, [issue]);
    }
    await tx.insert(forcesCallups).values({
      id,
      incidentId: incident.id,
      exercise: incident.exercise,
      drillRunId: incident.drillRunId,
      status: 'open',
      needs: b.needs,
      rallyLon: b.rallyPoint.lon,
      rallyLat: b.rallyPoint.lat,
      rallyAddress: b.rallyPoint.address,
      windowFrom: new Date(b.window.from),
      windowTo: new Date(b.window.to),
      task: b.task,
      legalBasis: CALLUP_LEGAL_BASIS,
      terms: b.terms,
      insuranceRequired: b.insuranceRequired,
      insuranceNote: b.insuranceNote ?? null,
      maxDistanceKm: b.maxDistanceKm ?? null,
      ackMinutes: b.ackMinutes,
      autoEscalate: b.autoEscalate,
      requestedBy: viewer.accountId,
      requestedAt: now,
      updatedAt: now,
    });
    await d.outbox.append(tx, [
      {
        type: 'forces.callup.requested',
        actor: viewer.accountId,
        incidentId: incident.id,
        ...drillFields(incident),
        data: {
          callupId: id,
          incidentId: incident.id,
          needs: b.needs,
          rallyPoint: { lon: b.rallyPoint.lon, lat: b.rallyPoint.lat },
          window: b.window,
          task: b.task,
          terms: b.terms,
          insuranceRequired: b.insuranceRequired,
        },
      },
    ]);
    await auditCallup(d, tx, {
      actor: viewer.accountId,
      action: 'forces.callup.requested',
      callupId: id,
      incidentId: incident.id,
    });
  });
  return id;
}

/**
 * Closes an order inside the caller's transaction (the call-up locked): no more alerts or
 * answers; alerts still unanswered are withdrawn. Deployed teams stay until stood down.
 */
export async function closeLocked(
  d: CallupContext,
  tx: Tx,
  c: CallupRow,
  by: { actor: string; reason: string; why: 'closed_by_office' | 'incident_closed' },
): Promise<void> {
  const now = recordNow(d, c);
  await tx
    .update(forcesCallups)
    .set({
      status: 'closed',
      closedAt: now,
      closedBy: by.actor,
      closeReason: by.reason,
      updatedAt: now,
    })
    .where(eq(forcesCallups.id, c.id));
  const withdrawn = await tx
    .update(forcesCallupAssignments)
    .set({ status: 'withdrawn', updatedAt: now })
    .where(
      and(
        eq(forcesCallupAssignments.callupId, c.id),
        eq(forcesCallupAssignments.status, 'alerted'),
      ),
    )
    .returning({ teamId: forcesCallupAssignments.teamId });
  const meta = eventMeta(by.actor, c);
  const at = now.toISOString();
  await d.outbox.append(tx, [
    ...withdrawn.map((w) => ({
      type: 'forces.callup.alert_withdrawn' as const,
      ...meta,
      data: { callupId: c.id, incidentId: c.incidentId, teamId: w.teamId, at },
    })),
    {
      type: 'forces.callup.closed',
      ...meta,
      data: { callupId: c.id, incidentId: c.incidentId, reason: by.why, at },
    },
  ]);
}

/** A duty officer or the incident's commander closes an order by hand. */
export async function closeCallup(
  d: CallupContext,
  viewer: Viewer,
  id: string,
  reason: string,
): Promise<void> {
  await d.db.transaction(async (tx) => {
    const c = await lockCallup(tx, id);
    requireIncidentAuthority(viewer, await knownIncident(tx, c.incidentId));
    requireOpenCallup(c);
    await closeLocked(d, tx, c, { actor: viewer.accountId, reason, why: 'closed_by_office' });
    await auditCallup(d, tx, {
      actor: viewer.accountId,
      action: 'forces.callup.closed',
      callupId: id,
      incidentId: c.incidentId,
    });
  });
}

/**
 * The incident closed (consumer transaction): its open orders close, and teams still deployed
 * are stood down as of the closure, with the default hours, so service hours and compensation
 * are not lost when nobody stood them down by hand.
 */
export async function closeIncidentCallups(
  d: CallupContext,
  tx: Tx,
  incidentId: string,
  closedAt: Date,
): Promise<string[]> {
  const open = await tx
    .select({ id: forcesCallups.id })
    .from(forcesCallups)
    .where(and(eq(forcesCallups.incidentId, incidentId), eq(forcesCallups.status, 'open')));
  for (const { id } of open) {
    const c = await lockCallup(tx, id);
    if (c.status === 'open')
      await closeLocked(d, tx, c, {
        actor: 'system',
        reason: '事件已结束 / the incident closed',
        why: 'incident_closed',
      });
  }
  const deployed = await tx
    .select()
    .from(forcesCallupAssignments)
    .where(
      and(
        eq(forcesCallupAssignments.incidentId, incidentId),
        inArray(forcesCallupAssignments.status, ['accepted']),
      ),
    )
    .for('update');
  for (const a of deployed) await standDownAssignment(d, tx, a, { actor: 'system', at: closedAt });
  return deployed.map((a) => a.teamId);
}
