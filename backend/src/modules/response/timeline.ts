import { asc, eq } from 'drizzle-orm';
import type { EventSource, TTimelineEntry } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { RecordTime } from './record-clock.ts';
import { responseTimeline } from './tables.ts';

export type TimelineData = Record<string, string | number | boolean | null>;

/** One line for an incident's timeline. Ids, kinds, counts: never a person's name or phone. */
export interface TimelineInput extends RecordTime {
  incidentId: string;
  at: Date;
  kind: string;
  source: EventSource;
  actor: string;
  zh: string;
  en: string;
  data?: TimelineData;
  /** The consumed event it came from, so a redelivery adds nothing. */
  eventId?: string;
}

/** Writes lines in the caller's transaction; a line of an event already recorded is skipped. */
export async function appendTimeline(tx: Executor, lines: readonly TimelineInput[]): Promise<void> {
  if (lines.length === 0) return;
  await tx
    .insert(responseTimeline)
    .values(
      lines.map((l) => ({
        id: newId(),
        incidentId: l.incidentId,
        at: l.at,
        kind: l.kind,
        source: l.source,
        actor: l.actor,
        summaryZh: l.zh,
        summaryEn: l.en,
        data: l.data ?? {},
        eventId: l.eventId ?? null,
        exercise: l.exercise,
        drillRunId: l.drillRunId,
      })),
    )
    .onConflictDoNothing();
}

type Row = typeof responseTimeline.$inferSelect;

export function timelineView(r: Row): TTimelineEntry {
  return {
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    source: r.source as EventSource,
    actor: r.actor,
    summary: { zh: r.summaryZh, en: r.summaryEn },
    data: r.data,
    exercise: r.exercise,
  };
}

/** Every line of an incident (for the evaluation), in time order. */
export async function wholeTimeline(db: Executor, incidentId: string): Promise<Row[]> {
  return db
    .select()
    .from(responseTimeline)
    .where(eq(responseTimeline.incidentId, incidentId))
    .orderBy(asc(responseTimeline.at), asc(responseTimeline.seq));
}
