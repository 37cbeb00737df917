import { z } from 'zod';
import { ZDay, ZInstant, ZUuid } from './ids.ts';
import { ZFen } from './vocabulary.ts';
import { ZDecision } from './requisition-claims.ts';

/*
 * Objections (异议) to compensation and their review, and injury insurance claims of call-ups.
 */

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const OBJECTION_STATUSES = ['filed', 'under_review', 'decided'] as const;
export const OBJECTION_OUTCOMES = ['upheld', 'partly_upheld', 'dismissed'] as const;
export const ZObjectionOutcome = z.enum(OBJECTION_OUTCOMES);
export const OBJECTION_OUTCOME_LABELS: Record<
  (typeof OBJECTION_OUTCOMES)[number],
  { zh: string; en: string }
> = {
  upheld: { zh: '异议成立，重新评估', en: 'Upheld: the claim is assessed again' },
  partly_upheld: { zh: '异议部分成立，重新评估', en: 'Partly upheld: the claim is assessed again' },
  dismissed: { zh: '异议不成立，维持原决定', en: 'Dismissed: the decision stands' },
};
export const ZObjectionRequest = z.object({
  reasons: text(10, 4000),
  /** How the office received it, when an official records it for the owner. */
  channel: z.enum(['online', 'in_person', 'letter']).default('online'),
});
export const ZDecideObjectionRequest = z.object({
  outcome: ZObjectionOutcome,
  reasons: text(10, 4000),
});
export const ZObjection = z.object({
  id: ZUuid,
  claimId: ZUuid,
  incidentId: ZUuid,
  exercise: z.boolean(),
  filedByKind: z.enum(['owner', 'team', 'office']),
  filedBy: ZUuid.nullable(),
  channel: z.enum(['online', 'in_person', 'letter']),
  reasons: z.string(),
  filedAt: ZInstant,
  status: z.enum(OBJECTION_STATUSES),
  reviewer: ZUuid.nullable(),
  reviewStartedAt: ZInstant.nullable(),
  outcome: ZObjectionOutcome.nullable(),
  decision: ZDecision.nullable(),
});
export type TObjection = z.infer<typeof ZObjection>;
export const ZObjectionList = z.object({ items: z.array(ZObjection) });

export const INJURY_CLAIM_STATUSES = ['filed', 'accepted', 'refused', 'paid'] as const;
/**
 * An injury insurance claim against the team's policy. Medical details stay with the insurer and
 * the team (data minimisation): the record holds the member's id, the policy and the outcome.
 */
export const ZInjuryClaimRequest = z.object({
  memberId: ZUuid,
  insurer: text(1, 100),
  policyNumber: text(1, 64),
  injuredOn: ZDay,
  insurerReference: text(1, 100).optional(),
});
export const ZInjuryClaimUpdate = z.object({
  status: z.enum(INJURY_CLAIM_STATUSES),
  insurerReference: text(1, 100).optional(),
  benefitFen: ZFen.optional(),
});
export const ZInjuryClaim = ZInjuryClaimRequest.extend({
  id: ZUuid,
  claimId: ZUuid,
  incidentId: ZUuid,
  teamId: ZUuid,
  insurerReference: z.string().nullable(),
  status: z.enum(INJURY_CLAIM_STATUSES),
  benefitFen: ZFen.nullable(),
  recordedBy: ZUuid,
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export const ZInjuryClaimList = z.object({ items: z.array(ZInjuryClaim) });
