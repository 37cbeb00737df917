import { z } from 'zod';
import { ZDay, ZInstant, ZUuid } from './ids.ts';
import { ZFen } from './vocabulary.ts';
import { ZCallupCompensationTerms } from './events/forces-callups.ts';

/*
 * Compensation (补偿; art. 12: 公平、合理) for requisitioned property and for call-ups of social
 * forces (调用补偿, seed item 43), with objections and their review. Money is integer fen.
 */

export const CLAIM_KINDS = ['property', 'callup'] as const;
export const ZClaimKind = z.enum(CLAIM_KINDS);
export type ClaimKind = z.infer<typeof ZClaimKind>;

/** open (to assess) → assessed → approved (the decision) → partially_paid → paid. */
export const CLAIM_STATUSES = ['open', 'assessed', 'approved', 'partially_paid', 'paid'] as const;
export const ZClaimStatus = z.enum(CLAIM_STATUSES);
export type ClaimStatus = z.infer<typeof ZClaimStatus>;
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, { zh: string; en: string }> = {
  open: { zh: '待评估', en: 'To assess' },
  assessed: { zh: '已评估待审批', en: 'Assessed, awaiting approval' },
  approved: { zh: '已决定待支付', en: 'Decided, awaiting payment' },
  partially_paid: { zh: '部分支付', en: 'Partly paid' },
  paid: { zh: '已支付', en: 'Paid' },
};

/**
 * How a line is valued. Property: rental equivalent × days, repair cost, replacement value less
 * depreciation, materials consumed at market price, or nothing (with the reason). Call-ups:
 * people × hours × rate, equipment use, expenses — under the terms of the call-up order.
 */
export const METHODS = [
  'rental',
  'repair',
  'replacement',
  'materials',
  'none',
  'callup_people',
  'callup_equipment',
  'callup_expense',
] as const;
export const ZMethod = z.enum(METHODS);
export type Method = z.infer<typeof ZMethod>;
export const METHOD_LABELS: Record<Method, { zh: string; en: string }> = {
  rental: { zh: '租金标准×天数', en: 'Rental equivalent × days' },
  repair: { zh: '维修费用', en: 'Repair cost' },
  replacement: { zh: '重置价值扣除折旧', en: 'Replacement value less depreciation' },
  materials: { zh: '消耗物资按市场价', en: 'Materials consumed at market price' },
  none: { zh: '不予补偿', en: 'No compensation' },
  callup_people: { zh: '人员×小时×标准', en: 'People × hours × rate' },
  callup_equipment: { zh: '装备使用', en: 'Equipment use' },
  callup_expense: { zh: '实际支出', en: 'Expenses' },
};

/**
 * A non-negative decimal written as text ("2.5"), so quantities, days and percentages never pass
 * through a binary float: at most 9 digits before the point and 3 after.
 */
export const ZDecimalText = z
  .string()
  .regex(/^(0|[1-9]\d{0,8})(\.\d{1,3})?$/, '应为如 2.5 的非负小数 / a decimal like 2.5');
const decimal = () => ZDecimalText.clone();
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const EVIDENCE_KINDS = [
  'invoice',
  'receipt',
  'photo',
  'appraisal',
  'quote',
  'contract',
  'other',
] as const;
/** A reference to evidence kept in the case file (a document number, a file name). */
export const ZEvidence = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  reference: text(1, 200),
  note: text(1, 500).optional(),
});
const evidence = () => z.array(ZEvidence).min(1, '请至少提供一项证据 / name the evidence').max(50);
const line = { itemId: ZUuid, note: text(1, 1000).optional() };

export const ZPropertyLineInput = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('rental'),
    dailyRateFen: ZFen,
    days: decimal(),
    evidence: evidence(),
    ...line,
  }),
  z.object({ method: z.literal('repair'), repairCostFen: ZFen, evidence: evidence(), ...line }),
  z.object({
    method: z.literal('replacement'),
    replacementValueFen: ZFen,
    depreciationPercent: decimal().refine(
      (p) => Number(p) <= 100,
      '折旧率不超过 100 / at most 100',
    ),
    evidence: evidence(),
    ...line,
  }),
  z.object({
    method: z.literal('materials'),
    unitPriceFen: ZFen,
    quantity: decimal(),
    evidence: evidence(),
    ...line,
  }),
  z.object({
    method: z.literal('none'),
    reason: text(2, 1000),
    evidence: z.array(ZEvidence).max(50).default([]),
    ...line,
  }),
]);
export type TPropertyLineInput = z.infer<typeof ZPropertyLineInput>;

export const ZPropertyAssessmentRequest = z.object({
  lines: z.array(ZPropertyLineInput).min(1).max(500),
  note: text(1, 4000).optional(),
});

/** A re-assessment of a call-up claim by an official, computed under the claim's stored terms. */
export const ZCallupAssessmentRequest = z.object({
  people: z.array(z.object({ memberId: ZUuid, hours: decimal() })).max(1000),
  equipment: z
    .array(
      z.object({
        kind: text(1, 100),
        count: z.number().int().min(1).max(10_000),
        hours: decimal(),
      }),
    )
    .max(200),
  expenses: z.array(z.object({ description: text(1, 200), fen: ZFen })).max(200),
  note: text(2, 4000),
});

export const ZApproveClaimRequest = z.object({ reasons: text(5, 4000) });
/** A payment is at least one fen (integer fen, as `ZFen`). */
const ZPositiveFen = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const ZPaymentRequest = z.object({
  amountFen: ZPositiveFen,
  paidOn: ZDay,
  payer: text(2, 200),
  /** The bank or treasury reference; the same reference twice on a claim is one payment. */
  reference: text(1, 100),
});

export const ZClaimLine = z.object({
  id: ZUuid,
  itemId: ZUuid.nullable(),
  method: ZMethod,
  description: z.string(),
  inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  amountFen: ZFen,
  evidence: z.array(ZEvidence),
  note: z.string().nullable(),
  flags: z.array(z.string()),
});
export type TClaimLine = z.infer<typeof ZClaimLine>;

export const ZRemedy = z.object({
  zh: z.string(),
  en: z.string(),
  /** Last day (China time) to apply for administrative reconsideration: 60 days. */
  reconsiderationUntil: ZDay,
  /** Last day to bring an administrative lawsuit: 6 months. */
  litigationUntil: ZDay,
});
export const ZDecision = z.object({
  by: ZUuid,
  at: ZInstant,
  reasons: z.string(),
  remedy: ZRemedy,
});

export const ZPayment = z.object({
  id: ZUuid,
  amountFen: ZFen,
  paidOn: ZDay,
  payer: z.string(),
  reference: z.string(),
  recordedBy: ZUuid,
  recordedAt: ZInstant,
});

export const ZClaim = z.object({
  id: ZUuid,
  kind: ZClaimKind,
  incidentId: ZUuid,
  exercise: z.boolean(),
  drillRunId: ZUuid.nullable(),
  status: ZClaimStatus,
  orderId: ZUuid.nullable(),
  certificateNumber: z.string().nullable(),
  callupId: ZUuid.nullable(),
  teamId: ZUuid.nullable(),
  terms: ZCallupCompensationTerms.nullable(),
  amountFen: ZFen.nullable(),
  assessment: z
    .object({
      no: z.number().int(),
      by: z.string(),
      at: ZInstant,
      note: z.string().nullable(),
      lines: z.array(ZClaimLine),
    })
    .nullable(),
  sentBack: z.object({ by: ZUuid, at: ZInstant, reason: z.string() }).nullable(),
  decision: ZDecision.nullable(),
  paidFen: ZFen,
  payments: z.array(ZPayment),
  openObjectionId: ZUuid.nullable(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type TClaim = z.infer<typeof ZClaim>;

export const ZClaimListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ZUuid.optional(),
  incidentId: ZUuid.optional(),
  kind: ZClaimKind.optional(),
  status: ZClaimStatus.optional(),
});
export const ZClaimList = z.object({ items: z.array(ZClaim), nextCursor: z.string().nullable() });
