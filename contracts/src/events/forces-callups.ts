import { z } from 'zod';
import { ZInstant, ZUuid } from '../ids.ts';
import { ZCapability } from '../forces.ts';
import { ZFen, ZPoint } from '../vocabulary.ts';

/*
 * Call-up and deployment (调用; Emergency Response Law art. 39–40). The requisition module
 * computes call-up compensation from `forces.callup.stood_down` under the terms fixed in the
 * order; the response module's evaluation reads call-up → acceptance → on-scene times.
 * Ids, counts and hours only: never a name or a phone.
 */

/** Compensation terms fixed in the call-up order (seed item 43: 调用补偿). */
export const ZCallupCompensationTerms = z.object({
  /** Per person per hour deployed. */
  personHourFen: ZFen,
  /** Per unit of equipment per hour used, by equipment kind. */
  equipmentHourFen: z.array(z.object({ kind: z.string().min(1).max(100), fen: ZFen })).max(200),
  /** Whether documented expenses (fuel, consumables) are reimbursed at cost. */
  expensesReimbursed: z.boolean(),
});
export type TCallupCompensationTerms = z.infer<typeof ZCallupCompensationTerms>;

/** A call-up order was made for an incident. */
export const ZCallupRequested = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  needs: z.array(z.object({ capability: ZCapability, count: z.number().int().min(1) })).min(1),
  rallyPoint: ZPoint,
  window: z.object({ from: ZInstant, to: ZInstant }),
  task: z.string().min(1).max(2000),
  terms: ZCallupCompensationTerms,
  insuranceRequired: z.boolean(),
});

/** A team was alerted and must answer by `ackDeadline`. */
export const ZCallupAlerted = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  teamId: ZUuid,
  ackDeadline: ZInstant,
  /** The need the team is alerted for. */
  capability: ZCapability.optional(),
  /** The team this alert replaces, when escalation chose it. */
  escalatedFrom: ZUuid.optional(),
});

/** A team accepted: counted once however often it is sent. */
export const ZCallupAccepted = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  teamId: ZUuid,
  acceptedAt: ZInstant,
  /** People the team sends. */
  people: z.number().int().min(1),
});

/** A team declined, or did not answer in time (`timeout`). */
export const ZCallupDeclined = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  teamId: ZUuid,
  declinedAt: ZInstant,
  reason: z.string().min(1).max(500),
  timeout: z.boolean(),
});

/** A team reported at the rally point: it is on scene. */
export const ZTeamCheckedIn = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  teamId: ZUuid,
  checkedInAt: ZInstant,
});

/**
 * The commander stood a team down. Carries what call-up compensation needs: who served how long,
 * what equipment was used, the expenses claimed, and the terms of the order.
 */
export const ZCallupStoodDown = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  teamId: ZUuid,
  deployedAt: ZInstant,
  stoodDownAt: ZInstant,
  people: z.array(z.object({ memberId: ZUuid, hours: z.number().min(0).max(10_000) })),
  equipment: z.array(
    z.object({
      kind: z.string().min(1).max(100),
      count: z.number().int().min(1),
      hours: z.number().min(0).max(10_000),
    }),
  ),
  expenses: z.array(z.object({ description: z.string().min(1).max(200), fen: ZFen })).max(200),
  terms: ZCallupCompensationTerms,
});
