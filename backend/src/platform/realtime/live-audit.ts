import type { AuditInput, AuditWriter } from '../access/audit-writer.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';

export interface LiveAudit {
  /** Audits the whole views a room shows, for each of these accounts not yet audited for them. */
  record(accounts: Iterable<string>, views: readonly AuditInput[], room: string): void;
  /** Forgets the views an access change touched: under the new grants they are new views. */
  forget(touched: {
    accounts: ReadonlySet<string>;
    teams: ReadonlySet<string>;
    incidents: ReadonlySet<string>;
  }): void;
}

/**
 * The audit rule for live locations. A whole (exact) live position is sensitive and each view of
 * it is audited — but the map shows a team's position several times a second, and an entry per
 * message would drown the log and say nothing more. So a view is audited ONCE per (viewer
 * account, team, incident that justified it, field: the position or a map layer), by this
 * gateway instance: when a socket of the
 * account joins a room that shows the team whole, or when the team first appears whole in a room
 * the account is already in. A change of access grants makes the views it touches (its accounts,
 * teams and incidents) new views, audited afresh. A restart audits afresh too: over-auditing,
 * never under.
 * Entries hold ids only: the account, the team, the incident, the room — never a coordinate.
 */
export function createLiveAudit(o: {
  audit: AuditWriter;
  logger: Logger;
  metrics: Metrics;
  /** Keys remembered at most; beyond it the oldest are forgotten (and audited again if seen). */
  maxKeys?: number;
}): LiveAudit {
  const maxKeys = o.maxKeys ?? 200_000;
  const done = new Set<string>();
  let pending: { key: string; entry: AuditInput }[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    o.audit.append(batch.map((b) => b.entry)).catch((err: unknown) => {
      // Forget the keys so the next tick that shows these views tries again.
      for (const b of batch) done.delete(b.key);
      o.metrics.realtimeDropped.inc({ reason: 'audit_failed' }, batch.length);
      o.logger.error({ err, entries: batch.length }, 'live view audit failed; will retry');
    });
  };

  return {
    record(accounts, views, room) {
      if (views.length === 0) return;
      for (const account of accounts)
        for (const v of views) {
          // The field tells a live position from a map layer item of the same subject.
          const key = `${account}|${v.subjectId ?? ''}|${v.purpose ?? ''}|${v.field ?? ''}`;
          if (done.has(key)) continue;
          done.add(key);
          if (done.size > maxKeys) {
            const oldest = done.values().next().value;
            if (oldest !== undefined) done.delete(oldest);
          }
          pending.push({
            key,
            entry: { ...v, actor: account, detail: { channel: 'realtime', room } },
          });
        }
      if (pending.length > 0 && !scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    forget(t) {
      for (const key of done) {
        const [account = '', team = '', purpose = ''] = key.split('|');
        if (t.accounts.has(account) || t.teams.has(team) || t.incidents.has(purpose))
          done.delete(key);
      }
    },
  };
}
