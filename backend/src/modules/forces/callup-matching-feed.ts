import { createOrderedFeed, type OrderedFeed } from '../../platform/realtime/ordered-feed.ts';
import type { CallupDeps } from './callup-deps.ts';
import { loadTeamSnapshots } from './callup-team-snapshots.ts';
import { MatchingIndex } from './matching.ts';

/** A full reload now and then catches what no event announced (e.g. a repaired row). */
const FULL_RELOAD_MS = 10 * 60_000;

export interface MatchingFeed {
  /** The index, loaded, with every change heard of so far applied. */
  index(): Promise<MatchingIndex>;
  /** A team changed in this process (its deployment): reload it before the next match. */
  touched(teamId: string): void;
  stop(): Promise<void>;
}

/** The team an event is about, if it names one (`data.teamId`), without parsing the rest. */
function teamOf(raw: unknown): string | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const data = (raw as { data?: unknown }).data;
  if (!data || typeof data !== 'object') return undefined;
  const id = (data as { teamId?: unknown }).teamId;
  return typeof id === 'string' && id.length <= 64 ? id : undefined;
}

/**
 * The call-up matching index of this process, fed from the tables: loaded in full on first use,
 * then kept current without reloading every team per query. Every instance reads the `forces.*`
 * events with an ordered consumer of its own (a shared durable consumer would tell only one
 * instance) and reloads just the teams they name before the next match; a change made in this
 * process is applied at once (`touched`). A full reload every ten minutes, in the background,
 * catches anything no event named.
 */
export function createMatchingFeed(d: CallupDeps): MatchingFeed {
  let index: MatchingIndex | undefined;
  let loading: Promise<MatchingIndex> | undefined;
  let refreshing: Promise<void> | undefined;
  let fullAt = 0;
  let dirty = new Set<string>();
  /** Teams applied to the old index while a full load runs: applied again to the new one. */
  let redo: Set<string> | undefined;
  let feed: OrderedFeed | undefined;

  async function fullLoad(): Promise<MatchingIndex> {
    // The feed first: a change committed while the snapshot is read is heard and applied after.
    if (d.bus && d.streams && d.namespace && !feed) {
      feed = createOrderedFeed({
        bus: d.bus,
        stream: d.streams.events,
        subject: `${d.namespace}.forces.>`,
        lookbackS: 0,
        name: 'forces-matching',
        logger: d.logger,
        onMessage(m) {
          let raw: unknown;
          try {
            raw = m.json();
          } catch {
            return;
          }
          const teamId = teamOf(raw);
          if (teamId) dirty.add(teamId);
        },
      });
      await feed.start();
    }
    fullAt = d.clock.now().getTime();
    redo = new Set();
    try {
      const fresh = new MatchingIndex(await loadTeamSnapshots(d.db));
      index = fresh;
      for (const id of redo) dirty.add(id);
      return fresh;
    } finally {
      redo = undefined;
    }
  }

  async function applyDirty(into: MatchingIndex): Promise<void> {
    const ids = [...dirty];
    dirty = new Set();
    for (const id of ids) redo?.add(id);
    const found = await loadTeamSnapshots(d.db, ids);
    const seen = new Set(found.map((t) => t.id));
    for (const t of found) into.upsert(t);
    for (const id of ids) if (!seen.has(id)) into.remove(id);
  }

  function backgroundReload(): void {
    loading ??= fullLoad()
      .catch((err: unknown) => {
        d.logger.warn({ err }, 'matching index reload failed; keeping the one held');
        return index!;
      })
      .finally(() => (loading = undefined));
  }

  return {
    async index() {
      if (!index) await (loading ??= fullLoad().finally(() => (loading = undefined)));
      if (d.clock.now().getTime() - fullAt > FULL_RELOAD_MS) backgroundReload();
      while (dirty.size > 0) {
        const current = index!;
        refreshing ??= applyDirty(current).finally(() => (refreshing = undefined));
        await refreshing;
      }
      return index!;
    },
    touched(teamId) {
      dirty.add(teamId);
    },
    async stop() {
      await feed?.stop();
      await loading?.catch(() => undefined);
    },
  };
}
