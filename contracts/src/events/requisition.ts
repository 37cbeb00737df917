import { z } from 'zod';
import { ZDay, ZInstant, ZUuid } from '../ids.ts';
import { ZFen } from '../vocabulary.ts';

/*
 * Requisition and compensation (Emergency Response Law art. 12, 76). The response module's
 * evaluation reads these; owners are never named in an event (they are personal information).
 */

/** A requisition order was approved and its certificate numbered. */
export const ZRequisitionIssued = z.object({
  orderId: ZUuid,
  incidentId: ZUuid,
  certificateNumber: z.string().min(1).max(64),
  itemCount: z.number().int().min(1),
  issuedAt: ZInstant,
});

/** An item came back, with or without damage or loss. */
export const ZRequisitionItemReturned = z.object({
  orderId: ZUuid,
  itemId: ZUuid,
  returnedAt: ZInstant,
  damaged: z.boolean(),
  /** How it came back: intact, damaged, lost (灭失) or consumed (materials). */
  outcome: z.enum(['intact', 'damaged', 'lost', 'consumed']).optional(),
});

/** A compensation claim (property or call-up) was assessed at an amount. */
export const ZCompensationAssessed = z.object({
  claimId: ZUuid,
  kind: z.enum(['property', 'callup']),
  incidentId: ZUuid,
  amountFen: ZFen,
});

/** A compensation was paid. */
export const ZCompensationPaid = z.object({
  claimId: ZUuid,
  incidentId: ZUuid,
  amountFen: ZFen,
  paidAt: ZInstant,
});

/*
 * The requisition module's own further events. Ids, counts, amounts and dates only: never an
 * owner's name, phone or ID number.
 */

/** An official asked for a requisition; it waits for another official's approval. */
export const ZRequisitionRequested = z.object({
  orderId: ZUuid,
  incidentId: ZUuid,
  itemCount: z.number().int().min(1),
  requestedAt: ZInstant,
});

/** The approving official refused the order. */
export const ZRequisitionRejected = z.object({
  orderId: ZUuid,
  incidentId: ZUuid,
  rejectedAt: ZInstant,
});

/** The owner handed an item over: its use (and the period) begins. */
export const ZRequisitionItemHandedOver = z.object({
  orderId: ZUuid,
  itemId: ZUuid,
  handedOverAt: ZInstant,
});

/** An entry in an item's use log. */
export const ZRequisitionItemUseLogged = z.object({
  orderId: ZUuid,
  itemId: ZUuid,
  entryId: ZUuid,
  at: ZInstant,
});

/** An item never handed over was released: the response ended before it was needed. */
export const ZRequisitionItemCancelled = z.object({
  orderId: ZUuid,
  itemId: ZUuid,
  reason: z.enum(['response_terminated']),
});

/**
 * An item is due back and not returned (art. 12, 95(9)): its expected period passed, or the
 * response ended. Raised once per item.
 */
export const ZRequisitionReturnOverdue = z.object({
  orderId: ZUuid,
  itemId: ZUuid,
  incidentId: ZUuid,
  dueAt: ZInstant,
  cause: z.enum(['period_ended', 'response_terminated']),
  raisedAt: ZInstant,
});

/** The compensation decision: an official other than the assessor approved the amount. */
export const ZCompensationApproved = z.object({
  claimId: ZUuid,
  kind: z.enum(['property', 'callup']),
  incidentId: ZUuid,
  amountFen: ZFen,
  approvedAt: ZInstant,
  reconsiderationUntil: ZDay,
  litigationUntil: ZDay,
});

/** The approver sent an assessment back to be done again. */
export const ZCompensationSentBack = z.object({
  claimId: ZUuid,
  kind: z.enum(['property', 'callup']),
  incidentId: ZUuid,
});

/** An owner, a team or the office on their behalf objected to a claim's handling. */
export const ZObjectionFiled = z.object({
  objectionId: ZUuid,
  claimId: ZUuid,
  incidentId: ZUuid,
  filedBy: z.enum(['owner', 'team', 'office']),
});

/** An official took the objection up for review. */
export const ZObjectionReviewStarted = z.object({
  objectionId: ZUuid,
  claimId: ZUuid,
  incidentId: ZUuid,
});

/** The reasoned decision on an objection. */
export const ZObjectionDecided = z.object({
  objectionId: ZUuid,
  claimId: ZUuid,
  incidentId: ZUuid,
  outcome: z.enum(['upheld', 'partly_upheld', 'dismissed']),
  decidedAt: ZInstant,
});

/** An injury insurance claim was recorded against a team's policy, or its status changed. */
export const ZInjuryClaimRecorded = z.object({
  injuryClaimId: ZUuid,
  claimId: ZUuid,
  incidentId: ZUuid,
  teamId: ZUuid,
  status: z.enum(['filed', 'accepted', 'refused', 'paid']),
});
