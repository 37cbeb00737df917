import { isNull } from 'drizzle-orm';
import type { Db, Sql } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { accessGrants } from '../access/tables.ts';
import { GRANTS_CHANGED_CHANNEL } from '../access/grants.ts';

/** Whose access changed: accounts (command grants), teams (deployments) and their incidents. */
export interface AccessChange {
  accounts: Set<string>;
  teams: Set<string>;
  incidents: Set<string>;
}

export interface AccessWatch {
  /** Reads the grants once, then keeps polling (and listening, when notified). */
  start(): Promise<void>;
  /** Re-reads the grants now; resolves when any change has been handled. */
  refresh(): Promise<void>;
  /** Incidents a team is deployed to now. */
  deployedTo(teamId: string): ReadonlySet<string>;
  /** Bumped on every change, so state chosen under an older version can be recognised. */
  version(): number;
  stop(): Promise<void>;
}

/** Channel a grant change is announced on (NOTIFY, by grants.ts), seen before the next poll. */
export const ACCESS_GRANTS_CHANNEL = GRANTS_CHANGED_CHANNEL;

const NONE: ReadonlySet<string> = new Set();

/**
 * Keeps the gateway's view of the active access grants (access_grants) current. Ending a grant
 * must take away what it justified from sockets that are already open, and the gateway may run
 * in another process than the code that ended it; so it re-reads the active grants every
 * `pollMs` (a small set: one row per commander and deployed team of each open incident) and on
 * a NOTIFY, diffs them, and hands the change to `onChange`.
 */
export function createAccessWatch(o: {
  db: Db;
  sql: Sql;
  pollMs: number;
  logger: Logger;
  onChange(change: AccessChange): Promise<void>;
}): AccessWatch {
  let keys = new Set<string>();
  let deployments = new Map<string, Set<string>>();
  let version = 0;
  let timer: NodeJS.Timeout | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;

  async function read(initial = false): Promise<void> {
    const rows = await o.db
      .select({
        kind: accessGrants.kind,
        incidentId: accessGrants.incidentId,
        accountId: accessGrants.accountId,
        teamId: accessGrants.teamId,
      })
      .from(accessGrants)
      .where(isNull(accessGrants.endedAt));
    const next = new Set<string>();
    const nextDeployments = new Map<string, Set<string>>();
    for (const r of rows) {
      next.add(`${r.kind}|${r.incidentId}|${r.accountId ?? ''}|${r.teamId ?? ''}`);
      if (r.kind === 'deployment' && r.teamId) {
        const s = nextDeployments.get(r.teamId) ?? new Set<string>();
        s.add(r.incidentId);
        nextDeployments.set(r.teamId, s);
      }
    }
    const change: AccessChange = { accounts: new Set(), teams: new Set(), incidents: new Set() };
    const note = (key: string) => {
      const [, incidentId, accountId, teamId] = key.split('|');
      if (incidentId) change.incidents.add(incidentId);
      if (accountId) change.accounts.add(accountId);
      if (teamId) change.teams.add(teamId);
    };
    for (const k of next) if (!keys.has(k)) note(k);
    for (const k of keys) if (!next.has(k)) note(k);
    keys = next;
    deployments = nextDeployments;
    if (initial || change.incidents.size === 0) return;
    version++;
    await o.onChange(change);
  }

  function refresh(): Promise<void> {
    // Calls made while a read is waiting share it; one made during a read gets the next one.
    queued ??= chain = chain
      .then(() => {
        queued = undefined;
        return read();
      })
      .catch((err: unknown) => o.logger.warn({ err }, 'access grants re-read failed; will retry'));
    return queued;
  }

  return {
    async start() {
      await read(true);
      version = 1;
      timer = setInterval(() => void refresh(), o.pollMs);
      timer.unref();
      try {
        const sub = await o.sql.listen(ACCESS_GRANTS_CHANNEL, () => void refresh());
        unlisten = () => sub.unlisten();
      } catch (err) {
        o.logger.warn({ err }, 'cannot LISTEN for access grant changes; polling only');
      }
    },
    refresh,
    deployedTo: (teamId) => deployments.get(teamId) ?? NONE,
    version: () => version,
    async stop() {
      clearInterval(timer);
      await unlisten?.().catch(() => undefined);
      await chain;
    },
  };
}
