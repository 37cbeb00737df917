import { eq, sql } from 'drizzle-orm';
import { AppError, CALLUP_LIMITS, type AppRegistry } from '@muster/contracts';
import type { EventDraft } from '../../platform/bus/outbox.ts';
import type { Executor, Tx } from '../../platform/db/client.ts';
import type { CallupDeps } from './callup-deps.ts';
import { forcesIncidents, forcesPositionReporters } from './callup-tables.ts';

/** One report as stored: who, for which incident and team, when, and the sealed fix. */
export interface StoredReport {
  accountId: string;
  incidentId: string;
  teamId: string;
  memberId: string | null;
  exercise: boolean;
  reportedAt: string;
  receivedAt: Date;
  sealed: string;
}

/**
 * Takes reports in one statement: each only if its incident is still open, it is newer than the
 * last taken from its device, and that one was taken at least the minimum interval ago (the
 * device's row is the lock, so this holds across instances); taken reports go into the
 * incident's track. One report per device (account) at most. Returns the accounts taken.
 */
async function takeReports(tx: Tx, rs: readonly StoredReport[], at: Date): Promise<Set<string>> {
  // Every column as an array of text, cast in SQL: postgres.js serialises arrays of the types
  // it knows, and text arrays are always among them.
  const col = <K extends keyof StoredReport>(k: K) =>
    sql.param(rs.map((r) => (r[k] === null ? null : String(r[k]))));
  const cutoff = new Date(at.getTime() - CALLUP_LIMITS.positionMinIntervalMs).toISOString();
  const rows = await tx.execute<{ account_id: string }>(sql`
    with input as (
      select account_id::uuid, reported_at::timestamptz, incident_id::uuid, team_id::uuid,
             member_id::uuid, exercise::boolean, sealed
      from unnest(${col('accountId')}::text[], ${col('reportedAt')}::text[],
        ${col('incidentId')}::text[], ${col('teamId')}::text[], ${col('memberId')}::text[],
        ${col('exercise')}::text[], ${col('sealed')}::text[])
        as t(account_id, reported_at, incident_id, team_id, member_id, exercise, sealed)
      where exists (select 1 from forces_incidents i
                    where i.id = t.incident_id::uuid and i.status = 'open')),
    taken as (
      insert into forces_position_reporters as r (account_id, reported_at, received_at)
      select account_id, reported_at, ${at.toISOString()}::timestamptz from input
      on conflict (account_id) do update
        set reported_at = excluded.reported_at, received_at = excluded.received_at
        where r.reported_at < excluded.reported_at and r.received_at <= ${cutoff}::timestamptz
      returning account_id),
    tracked as (
      insert into forces_position_tracks
        (incident_id, team_id, member_id, account_id, exercise, reported_at, received_at, sealed)
      select i.incident_id, i.team_id, i.member_id, i.account_id, i.exercise, i.reported_at,
             ${at.toISOString()}::timestamptz, i.sealed
      from input i join taken using (account_id)
      returning 1)
    select account_id from taken`);
  return new Set(rows.map((r) => r.account_id));
}

interface Pending {
  report: StoredReport;
  event: EventDraft<AppRegistry, 'forces.position.reported'>;
  done(taken: boolean): void;
  fail(err: unknown): void;
}

export interface ReportWriter {
  /** Writes the report and its event in the next group commit; true when the report was taken. */
  write(report: StoredReport, event: Pending['event']): Promise<boolean>;
}

/** Reports gathered for one commit at most, and how long the first of them waits for company. */
const GROUP = { max: 200, waitMs: 5 };

/**
 * Group commit of position reports: the reports arriving within a few milliseconds (at most
 * 200) are written in one transaction — one statement for the reports and tracks, one for the
 * events of those taken — instead of a transaction each: at 1,000 reports a second that is a
 * few transactions where there would be a thousand. A device's second report in the same group
 * waits for the next one (its first decides whether it is too soon). A failed commit fails every
 * report in it.
 */
export function createReportWriter(c: Pick<CallupDeps, 'db' | 'outbox' | 'clock'>): ReportWriter {
  let group: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;

  async function commit(batch: Pending[]): Promise<void> {
    const taken = await c.db.transaction(async (tx) => {
      const accounts = await takeReports(
        tx,
        batch.map((p) => p.report),
        c.clock.now(),
      );
      const events = batch.filter((p) => accounts.has(p.report.accountId)).map((p) => p.event);
      await c.outbox.append(tx, events);
      return accounts;
    });
    for (const p of batch) p.done(taken.has(p.report.accountId));
  }

  function flush(): void {
    timer = undefined;
    const now: Pending[] = [];
    const later: Pending[] = [];
    const seen = new Set<string>();
    for (const p of group) {
      if (seen.has(p.report.accountId) || now.length >= GROUP.max) later.push(p);
      else {
        seen.add(p.report.accountId);
        now.push(p);
      }
    }
    group = later;
    if (group.length > 0) timer = setTimeout(flush, GROUP.waitMs);
    commit(now).catch((err: unknown) => {
      for (const p of now) p.fail(err);
    });
  }

  return {
    write(report, event) {
      return new Promise<boolean>((done, fail) => {
        group.push({ report, event, done, fail });
        if (group.length >= GROUP.max) {
          clearTimeout(timer);
          flush();
        } else timer ??= setTimeout(flush, GROUP.waitMs);
      });
    },
  };
}

/**
 * Why a report was not taken: its incident is no longer open (409), it is not newer than the
 * last taken (dropped quietly: `stale`), or it came too soon after it (429 with the wait).
 */
export async function refusalOf(db: Executor, r: StoredReport): Promise<'stale'> {
  const [incident] = await db
    .select({ status: forcesIncidents.status })
    .from(forcesIncidents)
    .where(eq(forcesIncidents.id, r.incidentId))
    .limit(1);
  if (incident?.status !== 'open') throw new AppError('forces.not_deployed_now');
  const [last] = await db
    .select()
    .from(forcesPositionReporters)
    .where(eq(forcesPositionReporters.accountId, r.accountId))
    .limit(1);
  if (last && last.reportedAt.getTime() >= Date.parse(r.reportedAt)) return 'stale';
  const wait = last
    ? last.receivedAt.getTime() + CALLUP_LIMITS.positionMinIntervalMs - r.receivedAt.getTime()
    : CALLUP_LIMITS.positionMinIntervalMs;
  throw new AppError('forces.position_too_frequent', String(Math.max(1, wait)));
}
