import { and, desc, eq, ne } from 'drizzle-orm';
import {
  INCIDENT_GRADE_LABELS,
  RESPONSE_LEVEL_LABELS,
  type IncidentCategory,
  type IncidentGrade,
  type IncidentStatus,
  type ResponseLevel,
  type TIncidentMapLayer,
} from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { responseIncidents } from './tables.ts';
import { locationOf } from './incident-reader.ts';

type Row = typeof responseIncidents.$inferSelect;
type Item = TIncidentMapLayer['items'][number];

/**
 * One incident as an item of the command map's `incidents` layer: where it is, and badges for
 * its grade, its response level and (for drills) the 演练 banner. A closed incident is removed.
 * No personal information: every viewer of the map may get it as it is.
 */
export function incidentMapItem(r: Row): Item {
  if (r.status === 'closed') return { id: r.id, op: 'remove' };
  const grade = r.grade as IncidentGrade | null;
  const level = r.level as ResponseLevel | null;
  return {
    id: r.id,
    op: 'upsert',
    data: {
      title: r.title,
      category: r.category as IncidentCategory,
      subtype: r.subtype,
      status: r.status as IncidentStatus,
      grade,
      level,
      location: locationOf(r),
      areaCodes: r.areaCodes,
      exercise: r.exercise,
      badges: [
        ...(grade ? [{ kind: 'grade' as const, ...INCIDENT_GRADE_LABELS[grade] }] : []),
        ...(level ? [{ kind: 'level' as const, ...RESPONSE_LEVEL_LABELS[level] }] : []),
        ...(r.exercise ? [{ kind: 'exercise' as const, zh: '演练', en: 'Exercise' }] : []),
      ],
    },
  };
}

/**
 * The incidents layer now: every open incident (a snapshot for a map that subscribes), or just
 * the given one (an update after one of its events). For the realtime gateway to push.
 */
export async function readIncidentMapItems(
  db: Executor,
  o: { incidentId?: string; includeExercise?: boolean } = {},
): Promise<TIncidentMapLayer> {
  const rows = await db
    .select()
    .from(responseIncidents)
    .where(
      and(
        o.incidentId
          ? eq(responseIncidents.id, o.incidentId)
          : ne(responseIncidents.status, 'closed'),
        o.includeExercise === false ? eq(responseIncidents.exercise, false) : undefined,
      ),
    )
    .orderBy(desc(responseIncidents.id))
    .limit(o.incidentId ? 1 : 5000);
  return { layer: 'incidents', items: rows.map(incidentMapItem) };
}
