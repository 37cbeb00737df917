import { z } from 'zod';
import { ZDay, ZInstant, ZUuid } from './ids.ts';
import { personal } from './personal.ts';
import { ZFen } from './vocabulary.ts';
import {
  ITEM_STATUSES,
  ZItemKind,
  ZItemStatus,
  ZOrderStatus,
  ZReturnOutcome,
} from './requisition.ts';
import { ZClaimKind, ZClaimStatus, ZRemedy } from './requisition-claims.ts';
import { ZObjectionOutcome } from './requisition-objections.ts';

/*
 * The ledger (台账) of requisitions and compensation, per incident and overall, and what an
 * owner sees when following their case without signing in.
 */

/** Which records: real ones (default), drills only, or both (each row says which it is). */
export const ZExerciseFilter = z.enum(['exclude', 'only', 'include']).default('exclude');

export const ZLedgerQuery = z.object({
  incidentId: ZUuid.optional(),
  exercise: ZExerciseFilter,
});

const ZTotal = z.object({ count: z.number().int(), amountFen: ZFen, paidFen: ZFen });

export const ZLedger = z.object({
  incidentId: ZUuid.nullable(),
  exercise: z.enum(['exclude', 'only', 'include']),
  orders: z.record(ZOrderStatus, z.number().int()),
  items: z.record(z.enum(ITEM_STATUSES), z.number().int()),
  overdueItems: z.number().int(),
  /** Per claim kind and status: how many, the assessed or decided amount, and what was paid. */
  claims: z.array(ZTotal.extend({ kind: ZClaimKind, status: ZClaimStatus })),
  overall: z.object({
    claims: z.number().int(),
    assessedFen: ZFen,
    decidedFen: ZFen,
    paidFen: ZFen,
    outstandingFen: ZFen,
  }),
  openObjections: z.number().int(),
});
export type TLedger = z.infer<typeof ZLedger>;

export const ZLedgerExportQuery = ZLedgerQuery.extend({ format: z.enum(['csv', 'xlsx']) });

/** One row of the export: a claim with its order's owner, projected per viewer like REST. */
export const ZLedgerRow = z.object({
  claimId: ZUuid,
  kind: ZClaimKind,
  incidentId: ZUuid,
  exercise: z.boolean(),
  certificateNumber: z.string(),
  status: ZClaimStatus,
  amountFen: ZFen.nullable(),
  paidFen: ZFen,
  outstandingFen: ZFen,
  decidedAt: ZInstant.nullable(),
  ownerKind: z.string(),
  unitName: z.string(),
  ownerName: personal(z.string(), 'contact').optional(),
  ownerPhone: personal(z.string(), 'contact').optional(),
  ownerIdNumber: personal(z.string(), 'identity').optional(),
  teamId: z.string(),
  callupId: z.string(),
});
export type TLedgerRow = z.infer<typeof ZLedgerRow>;

/** What the owner types from the certificate: its number and the verification code on it. */
export const ZOwnerLookupRequest = z.object({
  certificateNumber: z.string().trim().min(1).max(64),
  verificationCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/, '凭证上的 8 位查验码 / the 8-character code'),
});
export const ZPublicObjectionRequest = ZOwnerLookupRequest.extend({
  reasons: z.string().trim().min(10).max(4000),
});

/** The owner's view of their case: what they already hold, never anyone's personal data. */
export const ZOwnerStatus = z.object({
  certificateNumber: z.string(),
  exercise: z.boolean(),
  issuedAt: ZInstant,
  expectedUntil: ZInstant,
  items: z.array(
    z.object({
      seq: z.number().int(),
      kind: ZItemKind,
      description: z.string(),
      identification: z.string(),
      status: ZItemStatus,
      handedOverAt: ZInstant.nullable(),
      returnedAt: ZInstant.nullable(),
      outcome: ZReturnOutcome.nullable(),
      dueAt: ZInstant,
    }),
  ),
  claim: z.object({
    status: ZClaimStatus,
    amountFen: ZFen.nullable(),
    paidFen: ZFen,
    payments: z.array(z.object({ amountFen: ZFen, paidOn: ZDay })),
    decision: z.object({ at: ZInstant, reasons: z.string(), remedy: ZRemedy }).nullable(),
  }),
  objections: z.array(
    z.object({
      filedAt: ZInstant,
      status: z.enum(['filed', 'under_review', 'decided']),
      outcome: ZObjectionOutcome.nullable(),
      decision: z.object({ at: ZInstant, reasons: z.string(), remedy: ZRemedy }).nullable(),
    }),
  ),
});
export type TOwnerStatus = z.infer<typeof ZOwnerStatus>;
