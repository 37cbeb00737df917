import type { AppRegistry } from '@muster/contracts';
import type { ConsumerDefinition } from '../../platform/bus/consumer.ts';
import type { ForcesDeps } from './deps.ts';
import { recordSession } from './training-service.ts';

/**
 * A finished drill run enters the joint-drill record (联训联演) of each real team that took
 * part and came; once per team and run (the session's unique index), so a redelivery adds none.
 */
export function drillJointDrillConsumer(
  d: ForcesDeps,
): ConsumerDefinition<AppRegistry, 'drills.run.finished'> {
  return {
    module: 'forces',
    name: 'on-drill-finished',
    types: ['drills.run.finished'],
    async handle(e, tx) {
      for (const p of e.data.participants) {
        if (p.simulated || !p.attended) continue;
        await tx.execute('savepoint drill_session');
        try {
          await recordSession(d, tx, {
            actor: e.actor,
            teamId: p.teamId,
            session: {
              heldOn: e.data.heldOn,
              kind: 'joint_drill',
              partner: '北碚区应急管理局（演练）',
              subject: e.data.name.slice(0, 200),
              hours: 2,
            },
            source: { kind: 'drill_run', drillRunId: e.data.runId },
            now: d.clock.now(),
          });
          await tx.execute('release savepoint drill_session');
        } catch (err) {
          // Already recorded (a redelivery) or the team is gone: nothing to add.
          await tx.execute('rollback to savepoint drill_session');
          d.logger.info({ err, teamId: p.teamId }, 'drill joint drill not recorded');
        }
      }
    },
  };
}
