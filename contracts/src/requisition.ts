import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { personal } from './personal.ts';
import { ZPoint } from './vocabulary.ts';
import { ZCreditCode, ZIdNumber } from './forces-codes.ts';
import { ZDecimalText } from './requisition-claims.ts';

/*
 * Requisition orders (征用; Emergency Response Law art. 12, 76; Chongqing regulation art. 41): what
 * was taken from whom, on what legal basis, approved by whom, and when it is due back.
 */

/** What can be requisitioned (art. 12: 设备、设施、场地、交通工具等财产; art. 76: 其他物资). */
export const ITEM_KINDS = ['vehicle', 'machinery', 'premises', 'materials', 'equipment'] as const;
export const ZItemKind = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof ZItemKind>;
export const ITEM_KIND_LABELS: Record<ItemKind, { zh: string; en: string }> = {
  vehicle: { zh: '交通工具', en: 'Vehicle or vessel' },
  machinery: { zh: '机械', en: 'Machinery' },
  premises: { zh: '场地、设施', en: 'Premises or facility' },
  materials: { zh: '物资', en: 'Materials' },
  equipment: { zh: '设备', en: 'Equipment' },
};

/** requested → issued (certificate numbered) | rejected. */
export const ORDER_STATUSES = ['requested', 'issued', 'rejected'] as const;
export const ZOrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof ZOrderStatus>;

/** awaiting_handover → in_use → returned (intact or damaged) | lost | consumed; or cancelled. */
export const ITEM_STATUSES = [
  'awaiting_handover',
  'in_use',
  'returned',
  'lost',
  'consumed',
  'cancelled',
] as const;
export const ZItemStatus = z.enum(ITEM_STATUSES);
export type ItemStatus = z.infer<typeof ZItemStatus>;

/** How an item came back: whole, damaged, not at all (灭失), or used up (materials). */
export const RETURN_OUTCOMES = ['intact', 'damaged', 'lost', 'consumed'] as const;
export const ZReturnOutcome = z.enum(RETURN_OUTCOMES);
export type ReturnOutcome = z.infer<typeof ZReturnOutcome>;

/** Why an item fell overdue: its expected period passed, or the response ended (art. 12). */
export const OVERDUE_CAUSES = ['period_ended', 'response_terminated'] as const;
export const ZOverdueCause = z.enum(OVERDUE_CAUSES);

/** Limits with why: a single order names what one owner hands over; bigger is a typo. */
export const REQUISITION_LIMITS = {
  itemsPerOrder: 100,
  useLogPerItem: 500,
  textShort: 200,
  textLong: 4000,
} as const;

/** A mainland mobile, or a landline with its area code (units often give one). */
export const ZPhone = z
  .string()
  .regex(
    /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/,
    '手机号或带区号的固话 / a mobile or area-coded landline',
  );

const contact = <T extends z.ZodType>(s: T) => personal(s, 'contact');
const shortText = (min = 2) => z.string().trim().min(min).max(REQUISITION_LIMITS.textShort);
const longText = (min = 2) => z.string().trim().min(min).max(REQUISITION_LIMITS.textLong);

/** The owner: a unit (its contact person is personal information) or a person. */
export const ZOwnerInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('unit'),
    unitName: shortText(),
    creditCode: ZCreditCode.optional(),
    name: contact(z.string().trim().min(1).max(50)),
    phone: contact(ZPhone.clone()),
    address: contact(shortText()).optional(),
  }),
  z.object({
    kind: z.literal('person'),
    name: contact(z.string().trim().min(1).max(50)),
    phone: contact(ZPhone.clone()),
    idNumber: personal(ZIdNumber.clone(), 'identity'),
    address: contact(shortText()).optional(),
  }),
]);
export type TOwnerInput = z.infer<typeof ZOwnerInput>;

export const ZItemInput = z.object({
  kind: ZItemKind,
  description: shortText(),
  /** Plate, hull or serial number; for premises, the site. */
  identification: z.string().trim().min(1).max(100),
  quantity: ZDecimalText.default('1'),
  unit: z.string().trim().min(1).max(20).default('台'),
  conditionAtHandover: longText(),
});
export type TItemInput = z.infer<typeof ZItemInput>;

export const ZPlace = z.object({ address: shortText(), point: ZPoint.optional() });

export const ZOrderRequest = z.object({
  incidentId: ZUuid,
  requestingUnit: shortText(),
  legalBasis: longText(5),
  purpose: longText(),
  owner: ZOwnerInput,
  items: z.array(ZItemInput).min(1).max(REQUISITION_LIMITS.itemsPerOrder),
  place: ZPlace,
  expectedPeriod: z
    .object({ from: ZInstant, until: ZInstant })
    .refine((p) => Date.parse(p.until) > Date.parse(p.from), {
      path: ['until'],
      message: '预计归还时间应晚于开始时间 / until must be after from',
    }),
});
export type TOrderRequest = z.infer<typeof ZOrderRequest>;

export const ZReasonRequest = z.object({ reason: longText(5) });
export const ZHandoverRequest = z.object({
  /** The condition as both sides confirm it at hand-over; absent: as the order states it. */
  condition: longText().optional(),
  at: ZInstant.optional(),
});
export const ZUseLogRequest = z.object({ note: longText(), at: ZInstant.optional() });
export const ZReturnRequestBody = z
  .object({
    outcome: ZReturnOutcome,
    condition: longText().optional(),
    /** What was damaged or lost, and how: the basis of a repair or replacement assessment. */
    damage: longText().optional(),
    at: ZInstant.optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.outcome === 'intact' || b.outcome === 'damaged') && !b.condition)
      ctx.addIssue({ code: 'custom', path: ['condition'], message: '请填写归还时状况 / required' });
    if ((b.outcome === 'damaged' || b.outcome === 'lost') && !b.damage)
      ctx.addIssue({ code: 'custom', path: ['damage'], message: '请说明毁损或灭失 / required' });
  });
export type TReturnRequestBody = z.infer<typeof ZReturnRequestBody>;

/*
 * Responses. Owner fields are optional: the policy removes or masks them per viewer, and a masked
 * value no longer matches the request's pattern, so plain strings here.
 */
export const ZOwnerView = z.object({
  kind: z.enum(['unit', 'person']),
  unitName: z.string().optional(),
  creditCode: z.string().optional(),
  name: contact(z.string()).optional(),
  phone: contact(z.string()).optional(),
  address: contact(z.string()).optional(),
  idNumber: personal(z.string(), 'identity').optional(),
});

/** Where the owner's details stand: in use, kept under a hold past the response, or erased. */
export const ZOwnerDetails = z.object({
  holdId: ZUuid.nullable(),
  holdUntil: ZInstant.nullable(),
  erasedAt: ZInstant.nullable(),
});

export const ZUseLogEntry = z.object({ id: ZUuid, at: ZInstant, by: ZUuid, note: z.string() });

export const ZItem = z.object({
  id: ZUuid,
  seq: z.number().int(),
  kind: ZItemKind,
  description: z.string(),
  identification: z.string(),
  quantity: z.string(),
  unit: z.string(),
  conditionAtHandover: z.string(),
  status: ZItemStatus,
  handedOverAt: ZInstant.nullable(),
  handoverCondition: z.string().nullable(),
  returnedAt: ZInstant.nullable(),
  returnCondition: z.string().nullable(),
  outcome: ZReturnOutcome.nullable(),
  damage: z.string().nullable(),
  dueAt: ZInstant,
  overdueAt: ZInstant.nullable(),
  overdueCause: ZOverdueCause.nullable(),
  useLog: z.array(ZUseLogEntry),
});
export type TItem = z.infer<typeof ZItem>;

export const ZOrder = z.object({
  id: ZUuid,
  incidentId: ZUuid,
  exercise: z.boolean(),
  drillRunId: ZUuid.nullable(),
  status: ZOrderStatus,
  requestingUnit: z.string(),
  requestedBy: ZUuid,
  requestedAt: ZInstant,
  decidedBy: ZUuid.nullable(),
  decidedAt: ZInstant.nullable(),
  rejectionReason: z.string().nullable(),
  legalBasis: z.string(),
  purpose: z.string(),
  owner: ZOwnerView,
  ownerDetails: ZOwnerDetails,
  items: z.array(ZItem),
  place: z.object({ address: z.string(), point: ZPoint.nullable() }),
  expectedPeriod: z.object({ from: ZInstant, until: ZInstant }),
  certificateNumber: z.string().nullable(),
  claimId: ZUuid.nullable(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type TOrder = z.infer<typeof ZOrder>;

export const ZOrderListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ZUuid.optional(),
  incidentId: ZUuid.optional(),
  status: ZOrderStatus.optional(),
});
export const ZOrderList = z.object({ items: z.array(ZOrder), nextCursor: z.string().nullable() });

/** One requisitioned item as a layer of the command map: never the owner. */
export const ZRequisitionMapRow = z.object({
  id: ZUuid,
  orderId: ZUuid,
  incidentId: ZUuid,
  exercise: z.boolean(),
  kind: ZItemKind,
  description: z.string(),
  quantity: z.string(),
  unit: z.string(),
  status: ZItemStatus,
  dueAt: ZInstant,
  overdue: z.boolean(),
  place: z.object({ address: z.string(), point: ZPoint.nullable() }),
});
export type TRequisitionMapRow = z.infer<typeof ZRequisitionMapRow>;
export const ZMapQuery = z.object({ incidentId: ZUuid.optional() });
export const ZMapItems = z.object({ items: z.array(ZRequisitionMapRow) });
