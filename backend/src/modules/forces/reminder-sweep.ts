import { and, between, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { REMINDER_THRESHOLDS_DAYS, EXPIRING_WINDOW_DAYS } from '@muster/contracts';
import type { Tx } from '../../platform/db/client.ts';
import { newId } from '../../platform/ids.ts';
import type { Sweep } from '../../platform/sweeps.ts';
import type { ForcesDeps } from './deps.ts';
import { addDays, chinaDay, daysBetween } from './calendar.ts';
import {
  forcesCertificates,
  forcesInsurancePolicies,
  forcesMembers,
  forcesReminders,
  forcesTeams,
} from './tables.ts';

type Kind = 'insurance' | 'certificate' | 'approval';

/** Something that expires, named by what it is so a re-saved list is the same item. */
interface Expiring {
  kind: Kind;
  key: string;
  teamId: string;
  itemId: string;
  memberId: string | null;
  label: string;
  dueOn: string;
}

/** Teams whose paperwork the office follows: filed and not revoked, not drafts. */
const FOLLOWED = ['approved', 'lapsed', 'suspended', 'submitted', 'returned'];

/** Policies, certificates and approvals ending between today and 30 days on (both included). */
async function expiring(tx: Tx, now: Date, today: string): Promise<Expiring[]> {
  const horizon = addDays(today, EXPIRING_WINDOW_DAYS);
  const p = forcesInsurancePolicies;
  const t = forcesTeams;
  const m = forcesMembers;
  const [policies, certs, approvals] = await Promise.all([
    // A policy followed by one taking over the next day (a renewal) is not reminded.
    tx
      .select({ id: p.id, teamId: p.teamId, number: p.number, validTo: p.validTo })
      .from(p)
      .innerJoin(t, eq(t.id, p.teamId))
      .where(
        and(
          inArray(t.status, FOLLOWED),
          between(p.validTo, today, horizon),
          sql`not exists (select 1 from ${p} n where n.team_id = ${p.teamId} and n.id <> ${p.id}
            and n.valid_from <= ${p.validTo} + 1 and n.valid_to > ${p.validTo})`,
        ),
      ),
    tx
      .select({
        id: forcesCertificates.id,
        memberId: m.id,
        teamId: m.teamId,
        name: forcesCertificates.name,
        expiresOn: forcesCertificates.expiresOn,
      })
      .from(forcesCertificates)
      .innerJoin(m, and(eq(m.id, forcesCertificates.memberId), isNull(m.leftAt)))
      .innerJoin(t, eq(t.id, m.teamId))
      .where(
        and(inArray(t.status, FOLLOWED), between(forcesCertificates.expiresOn, today, horizon)),
      ),
    tx
      .select({ id: t.id, expires: t.approvalExpiresAt })
      .from(t)
      .where(
        and(
          eq(t.status, 'approved'),
          isNull(t.renewalSubmittedAt),
          gt(t.approvalExpiresAt, now),
          lte(t.approvalExpiresAt, new Date(now.getTime() + EXPIRING_WINDOW_DAYS * 86_400_000)),
        ),
      ),
  ]);
  return [
    ...policies.map((x) => ({
      kind: 'insurance' as const,
      key: `insurance:${x.teamId}:${x.number}:${x.validTo}`,
      teamId: x.teamId,
      itemId: x.id,
      memberId: null,
      label: x.number,
      dueOn: x.validTo,
    })),
    ...certs.map((x) => ({
      kind: 'certificate' as const,
      key: `certificate:${x.memberId}:${x.name}:${x.expiresOn}`,
      teamId: x.teamId,
      itemId: x.id,
      memberId: x.memberId,
      label: x.name,
      dueOn: x.expiresOn,
    })),
    ...approvals.map((x) => {
      const dueOn = chinaDay(x.expires!);
      return {
        kind: 'approval' as const,
        key: `approval:${x.id}:${dueOn}`,
        teamId: x.id,
        itemId: x.id,
        memberId: null,
        label: '备案有效期 Approval',
        dueOn,
      };
    }),
  ];
}

/** The tightest threshold an item has reached: 30, 7 or 1 day(s) left. */
export function thresholdFor(daysLeft: number): number | undefined {
  return [...REMINDER_THRESHOLDS_DAYS].sort((a, b) => a - b).find((t) => daysLeft <= t);
}

/**
 * Raises one reminder (and one `forces.reminder.raised` event) per expiring item per threshold,
 * never twice: the unique (item key, threshold) index decides, so two instances sweeping at once
 * raise it once. Reminders whose item was renewed, replaced or removed are closed.
 */
export function reminderSweep(d: ForcesDeps): Sweep {
  return {
    name: 'forces.expiry-reminders',
    async run(now) {
      const today = chinaDay(now);
      return d.db.transaction(async (tx) => {
        const items = await expiring(tx, now, today);
        const due = items.flatMap((i) => {
          const thresholdDays = thresholdFor(daysBetween(today, i.dueOn));
          return thresholdDays === undefined ? [] : [{ ...i, thresholdDays }];
        });
        const raised =
          due.length === 0
            ? []
            : await tx
                .insert(forcesReminders)
                .values(
                  due.map((i) => ({
                    id: newId(),
                    teamId: i.teamId,
                    kind: i.kind,
                    itemKey: i.key,
                    itemId: i.itemId,
                    memberId: i.memberId,
                    label: i.label,
                    dueOn: i.dueOn,
                    thresholdDays: i.thresholdDays,
                    raisedAt: now,
                  })),
                )
                .onConflictDoNothing()
                .returning();
        if (raised.length > 0)
          await d.outbox.append(
            tx,
            raised.map((r) => ({
              type: 'forces.reminder.raised' as const,
              actor: 'system',
              data: {
                teamId: r.teamId,
                reminderId: r.id,
                kind: r.kind as Kind,
                itemId: r.itemId,
                ...(r.memberId ? { memberId: r.memberId } : {}),
                dueOn: r.dueOn,
                thresholdDays: r.thresholdDays,
              },
            })),
          );
        const current = new Set(items.map((i) => i.key));
        const open = await tx
          .select({ id: forcesReminders.id, key: forcesReminders.itemKey })
          .from(forcesReminders)
          .where(isNull(forcesReminders.closedAt));
        const stale = open.filter((r) => !current.has(r.key)).map((r) => r.id);
        if (stale.length > 0)
          await tx
            .update(forcesReminders)
            .set({ closedAt: now })
            .where(inArray(forcesReminders.id, stale));
        return raised.length;
      });
    },
  };
}
