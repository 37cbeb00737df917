import { sql } from 'drizzle-orm';
import type { AppRegistry } from '@muster/contracts';
import type { ConsumerDefinition, HandledEvent } from '../../platform/bus/consumer.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { CallupDeps } from './callup-deps.ts';
import { forcesIncidents } from './callup-tables.ts';

const RESPONSE_TYPES = [
  'response.incident.reported',
  'response.incident.graded',
  'response.level.activated',
  'response.level.adjusted',
  'response.level.terminated',
  'response.incident.closed',
] as const;
type ResponseType = (typeof RESPONSE_TYPES)[number];
type ResponseEvent = HandledEvent<AppRegistry, ResponseType>;

/**
 * Makes sure the incident has a row, so the field updates below always find one: an event can
 * arrive before the report (each type has its own consumer). `exercise` and the drill run come
 * from the envelope and are the same on every event of an incident.
 */
async function ensureRow(tx: Tx, e: ResponseEvent, now: Date): Promise<void> {
  await tx
    .insert(forcesIncidents)
    .values({
      id: e.data.incidentId,
      status: 'open',
      exercise: e.exercise,
      drillRunId: e.drillRunId ?? null,
      updatedAt: now,
    })
    .onConflictDoNothing();
}

/** Applies one response event; each field moves only forward in the time it is true from. */
async function apply(tx: Tx, e: ResponseEvent, at: Date): Promise<void> {
  await ensureRow(tx, e, at);
  const now = at.toISOString();
  const id = e.data.incidentId;
  const t = forcesIncidents;
  switch (e.type) {
    case 'response.incident.reported': {
      const d = e.data;
      await tx.execute(sql`update ${t} set
          title = ${d.title}, category = ${d.category},
          lon = ${d.location?.lon ?? null}, lat = ${d.location?.lat ?? null},
          area_codes = ${sql.param(d.areaCodes)}::text[],
          reported_at = coalesce(reported_at, ${d.awareAt}::timestamptz), updated_at = ${now}::timestamptz
        where id = ${id}`);
      return;
    }
    case 'response.incident.graded':
      await tx.execute(sql`update ${t} set grade = ${e.data.grade},
          graded_at = ${e.data.gradedAt}::timestamptz, updated_at = ${now}::timestamptz
        where id = ${id} and (graded_at is null or graded_at <= ${e.data.gradedAt}::timestamptz)`);
      return;
    case 'response.level.activated':
      await tx.execute(sql`update ${t} set level = ${e.data.level},
          level_at = ${e.data.activatedAt}::timestamptz,
          commander_account_id = ${e.data.commanderAccountId}, updated_at = ${now}::timestamptz
        where id = ${id} and (level_at is null or level_at <= ${e.data.activatedAt}::timestamptz)`);
      return;
    case 'response.level.adjusted':
      await tx.execute(sql`update ${t} set level = ${e.data.to},
          level_at = ${e.data.adjustedAt}::timestamptz,
          commander_account_id = coalesce(${e.data.commanderAccountId ?? null}::uuid, commander_account_id),
          updated_at = ${now}::timestamptz
        where id = ${id} and (level_at is null or level_at <= ${e.data.adjustedAt}::timestamptz)`);
      return;
    case 'response.level.terminated':
      // The termination time also becomes the level's time, so a late adjustment cannot revive it.
      await tx.execute(sql`update ${t} set level = null,
          level_at = ${e.data.terminatedAt}::timestamptz,
          terminated_at = ${e.data.terminatedAt}::timestamptz, updated_at = ${now}::timestamptz
        where id = ${id} and (level_at is null or level_at <= ${e.data.terminatedAt}::timestamptz)`);
      return;
    case 'response.incident.closed':
      await tx.execute(sql`update ${t} set status = 'closed',
          closed_at = coalesce(closed_at, ${e.data.closedAt}::timestamptz), updated_at = ${now}::timestamptz
        where id = ${id}`);
      return;
  }
}

/**
 * The incident read model: the response module's lifecycle events kept as `forces_incidents`.
 * Idempotent by event id (the runner) and by content (a replayed event finds its fields already
 * at or past its time). A closure also closes the incident's call-ups (`onClosed`).
 */
export function incidentConsumers(
  d: Pick<CallupDeps, 'clock'>,
  onClosed: (tx: Tx, incidentId: string, closedAt: Date) => Promise<void>,
): ConsumerDefinition<AppRegistry, ResponseType> {
  return {
    module: 'forces',
    name: 'incidents',
    types: RESPONSE_TYPES,
    async handle(event, tx) {
      await apply(tx, event, d.clock.now());
      if (event.type === 'response.incident.closed')
        await onClosed(tx, event.data.incidentId, new Date(event.data.closedAt));
    },
  };
}
