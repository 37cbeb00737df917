import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Muster } from '../app.ts';
import type { Executor } from '../platform/db/client.ts';
import type {
  MapAudience,
  MapLayerItem,
  MapLayerSource,
  MapSubject,
} from '../platform/realtime/layer-source.ts';

/*
 * A map layer source for tests, shaped like a module's: its own table (`test_map_items`), written
 * in the same transaction as the event that announces the change (through the real outbox), and
 * read back by `changes` and `snapshot`. The event is `system.probe.sent` whose note names the
 * item (`map:<layer>:<id>`), so no module is needed.
 */

const NOTE = /^map:([a-z_]+):(.+)$/;

/** Creates the test source's table in a database (before the gateway loads its snapshot). */
export async function installMapItemsTable(databaseUrl: string): Promise<void> {
  const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await db.unsafe(`
    create table if not exists test_map_items (
      layer text not null,
      id text not null,
      data jsonb not null,
      audience jsonb not null,
      exercise boolean not null default false,
      incident_id uuid,
      subject jsonb,
      primary key (layer, id))`);
  } finally {
    await db.end();
  }
}

interface Row {
  layer: string;
  id: string;
  data: Record<string, unknown>;
  audience: MapAudience;
  exercise: boolean;
  incident_id: string | null;
  subject: MapSubject | null;
}

const itemOf = <T>(r: Row): MapLayerItem<T> => ({
  id: r.id,
  data: r.data as T,
  audience: r.audience,
  exercise: r.exercise,
  ...(r.incident_id ? { incidentId: r.incident_id } : {}),
  ...(r.subject ? { subject: r.subject } : {}),
});

async function rows(db: Executor, layer: string, id?: string): Promise<Row[]> {
  return db.execute<Row & Record<string, unknown>>(
    id === undefined
      ? sql`select * from test_map_items where layer = ${layer}`
      : sql`select * from test_map_items where layer = ${layer} and id = ${id}`,
  );
}

/** A source for one layer, backed by `test_map_items`. */
export function tableLayerSource<T extends Record<string, unknown>>(
  layer: string,
  schema: z.ZodType<T>,
): MapLayerSource<T, 'system.probe.sent'> {
  return {
    layer,
    eventTypes: ['system.probe.sent'],
    schema,
    async changes(event, db) {
      const [, l, id] = NOTE.exec(event.data.note ?? '') ?? [];
      if (l !== layer || id === undefined) return [];
      const [row] = await rows(db, layer, id);
      return row ? [{ op: 'upsert', item: itemOf<T>(row) }] : [{ op: 'remove', id }];
    },
    async snapshot(db) {
      return (await rows(db, layer)).map((r) => itemOf<T>(r));
    },
  };
}

export type TestMapItem = Omit<MapLayerItem<Record<string, unknown>>, 'exercise'> & {
  layer: string;
  exercise?: boolean;
};

/** Writes (or, with `remove`, deletes) items and announces each in the same transaction. */
export async function putMapItems(
  m: Muster,
  items: readonly (TestMapItem | { layer: string; id: string; remove: true })[],
): Promise<void> {
  await m.database.db.transaction(async (tx) => {
    for (const i of items) {
      if ('remove' in i) {
        await tx.execute(sql`delete from test_map_items where layer = ${i.layer} and id = ${i.id}`);
        continue;
      }
      await tx.execute(sql`
        insert into test_map_items (layer, id, data, audience, exercise, incident_id, subject)
        values (${i.layer}, ${i.id}, ${JSON.stringify(i.data)}::jsonb,
                ${JSON.stringify(i.audience)}::jsonb, ${i.exercise ?? false}, ${i.incidentId ?? null},
                ${i.subject ? JSON.stringify(i.subject) : null}::jsonb)
        on conflict (layer, id) do update set data = excluded.data, audience = excluded.audience,
          exercise = excluded.exercise, incident_id = excluded.incident_id, subject = excluded.subject`);
    }
    await m.outbox.append(
      tx,
      items.map((i, n) => ({
        type: 'system.probe.sent' as const,
        actor: 'system',
        data: { seq: n, sentAt: new Date().toISOString(), note: `map:${i.layer}:${i.id}` },
      })),
    );
  });
}
