import { z } from 'zod';
import { ZInstant, ZUuid } from '../ids.ts';
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
