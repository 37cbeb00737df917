import { and, eq, inArray } from 'drizzle-orm';
import type { AppRegistry } from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import { newId } from '../../platform/ids.ts';
import type { ForcesDeps } from './deps.ts';
import { chinaDay } from './calendar.ts';
import { toMinutes } from './training-service.ts';
import { forcesMembers, forcesServiceHours } from './tables.ts';

/**
 * Deployment hours from a stand-down (`forces.callup.stood_down`). The runner drops a redelivered
 * event by its id; the hours are also keyed by call-up, team and member, so a second stand-down
 * event for the same deployment (a command sent twice, from two instances) adds nothing either.
 * A drill's stand-down (`exercise`) counts as drill hours, never as real deployment.
 */
export function standDownHoursConsumer(
  d: Pick<ForcesDeps, 'logger'>,
): ConsumerDefinition<AppRegistry, 'forces.callup.stood_down'> {
  return {
    module: 'forces',
    name: 'hours-on-stood-down',
    types: ['forces.callup.stood_down'],
    async handle(e, tx) {
      const { callupId, teamId, incidentId, people, stoodDownAt } = e.data;
      const ids = [...new Set(people.map((p) => p.memberId))];
      if (ids.length === 0) return;
      const onTeam = await tx
        .select({ id: forcesMembers.id })
        .from(forcesMembers)
        .where(and(inArray(forcesMembers.id, ids), eq(forcesMembers.teamId, teamId)));
      const known = new Set(onTeam.map((m) => m.id));
      if (known.size < ids.length)
        d.logger.warn(
          { eventId: e.id, callupId, skipped: ids.length - known.size },
          'stand-down names members not on the team; their hours are not credited',
        );
      const seen = new Set<string>();
      const rows = people
        .filter((p) => known.has(p.memberId) && !seen.has(p.memberId) && seen.add(p.memberId))
        .map((p) => ({
          id: newId(),
          memberId: p.memberId,
          teamId,
          kind: e.exercise ? 'drill' : 'deployment',
          minutes: toMinutes(p.hours),
          occurredOn: chinaDay(new Date(stoodDownAt)),
          sourceKey: `callup:${callupId}:${teamId}:${p.memberId}`,
          callupId,
          incidentId,
          exercise: e.exercise,
          drillRunId: e.drillRunId ?? null,
          createdAt: new Date(e.occurredAt),
        }));
      if (rows.length > 0) await tx.insert(forcesServiceHours).values(rows).onConflictDoNothing();
    },
  };
}
