import { and, asc, isNull, lt, ne, or } from 'drizzle-orm';
import type { Sweep } from '../../platform/sweeps.ts';
import type { ForcesDeps } from './deps.ts';
import { chinaDay } from './calendar.ts';
import { refreshReadiness } from './readiness-service.ts';
import { forcesTeams } from './tables.ts';

/** Teams regraded per transaction. */
const BATCH = 50;
/** Batches per sweep round: a large register is caught up over a few rounds, not in one. */
const ROUNDS = 20;

/**
 * Grades move with time as well as with records: a joint drill falls out of the window, a policy
 * or certificate runs out. Once per China day each team not revoked is graded again; a change is
 * announced like any other (`forces.team.readiness_changed`, actor `system`).
 */
export function readinessSweep(d: ForcesDeps): Sweep {
  return {
    name: 'forces.readiness-daily',
    async run(now) {
      const today = chinaDay(now);
      let checked = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const n = await d.db.transaction(async (tx) => {
          const due = await tx
            .select({ id: forcesTeams.id })
            .from(forcesTeams)
            .where(
              and(
                ne(forcesTeams.status, 'revoked'),
                or(
                  isNull(forcesTeams.readinessCheckedOn),
                  lt(forcesTeams.readinessCheckedOn, today),
                ),
              ),
            )
            .orderBy(asc(forcesTeams.id))
            .limit(BATCH)
            .for('update', { skipLocked: true });
          for (const t of due) await refreshReadiness(d, tx, t.id, now, 'system');
          return due.length;
        });
        checked += n;
        if (n < BATCH) break;
      }
      return checked;
    },
  };
}
