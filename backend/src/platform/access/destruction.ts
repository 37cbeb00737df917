import { and, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { AppRegistry } from '@muster/contracts';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { failureReason } from '../bus/consumer.ts';
import type { ConsumerDefinition } from '../bus/consumer.ts';
import { newId } from '../ids.ts';
import type { AuditWriter } from './audit-writer.ts';
import { grants } from './grants.ts';
import { destructionJobs, destructionRecords, personalHolds } from './tables.ts';

/** What a hold keeps of one holder's category: every subject, or the ones it names. */
export type Kept = 'all' | ReadonlySet<string>;

export interface DestroyResult {
  category: string;
  destroyed: number;
  keptUnderHold: number;
}

/**
 * A module that gathers personal information for an incident registers one holder: what it
 * holds per incident, and how to destroy it (delete, or crypto-shred) except what holds keep.
 * `destroy` must be idempotent: run twice, it destroys nothing the second time.
 */
export interface PersonalDataHolder {
  /** e.g. `forces.positions`. */
  name: string;
  categories: readonly string[];
  destroy(tx: Tx, incidentId: string, kept: ReadonlyMap<string, Kept>): Promise<DestroyResult[]>;
}

/** The rule every destruction record cites. */
export const DESTRUCTION_RULE =
  'Emergency Response Law art. 85; PIPL art. 13(4), 47: destroy when the emergency response ends';

/**
 * When an incident closes its grants end at once and a destruction job is recorded in the same
 * transaction; the runner (below) carries it out, so a crash between the two loses nothing.
 */
export function destroyOnCloseConsumer(
  clock: Clock,
): ConsumerDefinition<AppRegistry, 'response.incident.closed' | 'drills.run.finished'> {
  return {
    module: 'access',
    name: 'destroy-on-close',
    // A drill's incident is destroyed at the drill's end, closed or not.
    types: ['response.incident.closed', 'drills.run.finished'],
    async handle(event, tx) {
      const incidentId = event.data.incidentId;
      if (!incidentId) return;
      const now = clock.now();
      await grants.endIncident(tx, incidentId, now);
      await tx
        .insert(destructionJobs)
        .values({
          incidentId,
          exercise: event.exercise,
          requestedAt: now,
          sourceEventId: event.id,
          status: 'pending',
          nextRunAt: now,
        })
        .onConflictDoNothing();
    },
  };
}

export interface DestructionRunner {
  /** Runs every due job once; returns how many it ran. */
  runDue(): Promise<number>;
  start(everyMs?: number): void;
  stop(): Promise<void>;
}

/**
 * Carries out destruction jobs: for each holder, destroys what it holds for the incident except
 * what active holds keep, and writes a record (what, when, by which rule — never the data). A job
 * with holds still running comes back when the earliest one ends. Jobs are claimed with
 * `FOR UPDATE SKIP LOCKED`, so several instances share them and a restart resumes them.
 */
export function createDestructionRunner(o: {
  db: Db;
  clock: Clock;
  holders: readonly PersonalDataHolder[];
  audit: AuditWriter;
  logger: Logger;
}): DestructionRunner {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function runOne(tx: Tx, incidentId: string, now: Date): Promise<void> {
    const holds = await tx
      .select()
      .from(personalHolds)
      .where(
        and(
          eq(personalHolds.incidentId, incidentId),
          isNull(personalHolds.releasedAt),
          gt(personalHolds.until, now),
        ),
      );
    for (const h of o.holders) {
      const kept = new Map<string, Kept>();
      const holdIds: string[] = [];
      for (const hold of holds.filter((x) => x.holder === h.name)) {
        holdIds.push(hold.id);
        const subjects = hold.subjectIds as string[] | 'all';
        const prev = kept.get(hold.category);
        if (subjects === 'all' || prev === 'all') kept.set(hold.category, 'all');
        else kept.set(hold.category, new Set([...(prev ?? []), ...subjects]));
      }
      const results = await h.destroy(tx, incidentId, kept);
      if (results.length === 0) continue;
      await tx.insert(destructionRecords).values(
        results.map((r) => ({
          id: newId(),
          incidentId,
          holder: h.name,
          category: r.category,
          rule: DESTRUCTION_RULE,
          destroyed: r.destroyed,
          keptUnderHold: r.keptUnderHold,
          holdIds,
          at: now,
        })),
      );
      await o.audit.append(
        results.map((r) => ({
          actor: 'system',
          action: 'personal.destroyed',
          subjectType: 'incident',
          subjectId: incidentId,
          field: `${h.name}:${r.category}`,
          legalBasis: DESTRUCTION_RULE,
          detail: { destroyed: r.destroyed, keptUnderHold: r.keptUnderHold },
        })),
        tx,
      );
    }
    const nextHoldEnd = holds.reduce<Date | undefined>(
      (min, h) => (!min || h.until < min ? h.until : min),
      undefined,
    );
    await tx
      .update(destructionJobs)
      .set(
        nextHoldEnd
          ? {
              status: 'held',
              nextRunAt: nextHoldEnd,
              attempts: sql`${destructionJobs.attempts} + 1`,
              lastError: null,
            }
          : {
              status: 'done',
              completedAt: now,
              attempts: sql`${destructionJobs.attempts} + 1`,
              lastError: null,
            },
      )
      .where(eq(destructionJobs.incidentId, incidentId));
  }

  async function runDue(): Promise<number> {
    const now = o.clock.now();
    let ran = 0;
    for (;;) {
      const done = await o.db.transaction(async (tx) => {
        const [job] = await tx
          .select({ incidentId: destructionJobs.incidentId })
          .from(destructionJobs)
          .where(
            and(
              inArray(destructionJobs.status, ['pending', 'held']),
              lte(destructionJobs.nextRunAt, now),
            ),
          )
          .orderBy(destructionJobs.nextRunAt)
          .limit(1)
          .for('update', { skipLocked: true });
        if (!job) return false;
        try {
          await tx.transaction((sp) => runOne(sp, job.incidentId, now));
        } catch (err) {
          // Rolled back to the savepoint: record the failure and try again a minute later.
          o.logger.error({ err, incidentId: job.incidentId }, 'destruction job failed; will retry');
          await tx
            .update(destructionJobs)
            .set({
              attempts: sql`${destructionJobs.attempts} + 1`,
              lastError: err instanceof Error ? err.message.slice(0, 500) : 'failed',
              nextRunAt: new Date(now.getTime() + 60_000),
            })
            .where(eq(destructionJobs.incidentId, job.incidentId));
        }
        return true;
      });
      if (!done) return ran;
      ran++;
    }
  }

  return {
    runDue,
    start(everyMs = 5_000) {
      timer = setInterval(() => {
        // A pass that fails (PostgreSQL out of reach) is tried again at the next tick.
        running ??= runDue()
          .then(
            () => undefined,
            (err: unknown) =>
              o.logger.warn({ reason: failureReason(err) }, 'destruction pass failed; will retry'),
          )
          .finally(() => (running = undefined));
      }, everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
