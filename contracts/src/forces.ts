import { z } from 'zod';
import { ZDay, ZInstant, ZUuid } from './ids.ts';
import { ZAdminAreaCode } from './geo.ts';
import { personal } from './personal.ts';
import { ZCreditCode, ZIdNumber, ZMobile } from './forces-codes.ts';
import { ZTeamReadiness } from './forces-readiness.ts';

export * from './forces-codes.ts';

/** The capability catalogue teams file against and call-ups ask for. */
export const CAPABILITIES = [
  'water_rescue',
  'mountain_rescue',
  'collapsed_structures',
  'first_aid',
  'firefighting_support',
  'hazmat',
  'communications',
  'drones',
  'logistics',
  'psychological_support',
] as const;
export const ZCapability = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof ZCapability>;

export const CAPABILITY_LABELS: Record<Capability, { zh: string; en: string }> = {
  water_rescue: { zh: '水域救援', en: 'Water rescue' },
  mountain_rescue: { zh: '山地救援', en: 'Mountain rescue' },
  collapsed_structures: { zh: '建筑物倒塌搜救', en: 'Collapsed structures' },
  first_aid: { zh: '医疗急救', en: 'First aid' },
  firefighting_support: { zh: '消防支援', en: 'Firefighting support' },
  hazmat: { zh: '危化品处置', en: 'Hazardous materials' },
  communications: { zh: '应急通信', en: 'Communications' },
  drones: { zh: '无人机', en: 'Drones' },
  logistics: { zh: '后勤保障', en: 'Logistics' },
  psychological_support: { zh: '心理援助', en: 'Psychological support' },
};

export const TEAM_STATUS_LABELS: Record<
  (typeof TEAM_STATUSES)[number],
  { zh: string; en: string }
> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Submitted' },
  approved: { zh: '已备案', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
  lapsed: { zh: '备案已过期', en: 'Lapsed' },
  suspended: { zh: '已暂停', en: 'Suspended' },
  revoked: { zh: '已撤销', en: 'Revoked' },
};

export const TEAM_KINDS = ['ngo_rescue', 'enterprise', 'community', 'volunteer_org'] as const;
export const ZTeamKind = z.enum(TEAM_KINDS);
export const TEAM_KIND_LABELS: Record<(typeof TEAM_KINDS)[number], { zh: string; en: string }> = {
  ngo_rescue: { zh: '社会救援队', en: 'NGO rescue team' },
  enterprise: { zh: '企业救援队', en: 'Enterprise team' },
  community: { zh: '社区救援队', en: 'Community team' },
  volunteer_org: { zh: '志愿服务组织', en: 'Volunteer organisation' },
};

/**
 * Filing review: draft → submitted → approved | returned → submitted again. An approval lapses a
 * year on (`lapsed`, renewed by submitting again); the office may suspend an approved team
 * (reinstated later) or revoke any filing (final). docs/forces.md "Review lifecycle".
 */
export const TEAM_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'returned',
  'lapsed',
  'suspended',
  'revoked',
] as const;
export const ZTeamStatus = z.enum(TEAM_STATUSES);
export type TeamStatus = z.infer<typeof ZTeamStatus>;

/** Limits of a filing, with why: a county-level team rarely lists more; bigger is a typo or abuse. */
export const FORCES_LIMITS = {
  contacts: 10,
  equipmentKinds: 200,
  insurancePolicies: 50,
  certificatesPerMember: 30,
  /** A district has a few hundred subdistricts at most. */
  serviceAreaCodes: 500,
} as const;

const contactName = () => personal(z.string().trim().min(1).max(50), 'contact');
const mobile = () => personal(ZMobile.clone(), 'contact');

export const ZContactPerson = z.object({
  name: contactName(),
  phone: mobile(),
  role: z.string().max(50).optional(),
});

export const ZInsurancePolicy = z.object({
  insurer: z.string().trim().min(1).max(100),
  number: z.string().trim().min(1).max(64),
  /** Absent: the policy covers every member of the team. */
  insuredMemberIds: z.array(ZUuid).max(1000).optional(),
  validFrom: ZDay,
  validTo: ZDay,
});
export type TInsurancePolicy = z.infer<typeof ZInsurancePolicy>;

/**
 * Problems of a team's policy list: a policy must end after it starts, and two policies of the
 * team must not cover the same member over the same days (a double claim, or a typo in a date).
 */
export function insuranceIssues(
  policies: readonly TInsurancePolicy[],
): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  policies.forEach((p, i) => {
    if (p.validFrom >= p.validTo)
      out.push({
        path: [i, 'validTo'],
        message: '保险止期应晚于起期 / validTo must be after validFrom',
      });
  });
  const covers = (a: TInsurancePolicy, b: TInsurancePolicy) =>
    !a.insuredMemberIds ||
    !b.insuredMemberIds ||
    a.insuredMemberIds.some((m) => b.insuredMemberIds!.includes(m));
  for (let j = 1; j < policies.length; j++)
    for (let i = 0; i < j; i++) {
      const a = policies[i]!;
      const b = policies[j]!;
      if (a.validFrom < b.validTo && b.validFrom < a.validTo && covers(a, b)) {
        out.push({
          path: [j, 'validFrom'],
          message: `与第 ${i + 1} 份保单对相同队员的保险期重叠 / overlaps policy ${i} for the same members`,
        });
        break;
      }
    }
  return out;
}

export const ZTeamFilingRequest = z.object({
  name: z.string().trim().min(2).max(100),
  kind: ZTeamKind,
  creditCode: ZCreditCode,
  /** The team's base: an organisation's address, not a person's. */
  base: z.object({
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    address: z.string().trim().min(2).max(200),
  }),
  serviceArea: z.array(ZAdminAreaCode).min(1).max(FORCES_LIMITS.serviceAreaCodes),
  leader: z.object({ name: contactName(), phone: mobile() }),
  contacts: z.array(ZContactPerson).max(FORCES_LIMITS.contacts).default([]),
  capabilities: z
    .array(ZCapability)
    .min(1)
    .refine((c) => new Set(c).size === c.length, '能力重复 / a capability is listed twice'),
  equipment: z
    .array(z.object({ kind: z.string().trim().min(1).max(100), count: z.number().int().min(1) }))
    .max(FORCES_LIMITS.equipmentKinds)
    .default([]),
  // Checked on the list itself, so its problems are reported together with other fields'.
  insurance: z
    .array(ZInsurancePolicy)
    .max(FORCES_LIMITS.insurancePolicies)
    .superRefine((ps, ctx) => {
      for (const i of insuranceIssues(ps))
        ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
    })
    .default([]),
});
export type TTeamFilingRequest = z.infer<typeof ZTeamFilingRequest>;

export const ZMemberRequest = z.object({
  name: contactName(),
  idNumber: personal(ZIdNumber.clone(), 'identity'),
  phone: mobile(),
  emergencyContact: personal(z.object({ name: contactName(), phone: mobile() }), 'contact'),
  skills: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  certificates: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(100),
        /** A certificate number leads to its holder, so it is kept like an ID number. */
        number: personal(z.string().trim().min(1).max(64), 'identity'),
        expiresOn: ZDay,
      }),
    )
    .max(FORCES_LIMITS.certificatesPerMember)
    .default([]),
  healthNotes: personal(z.string().max(2000), 'health').optional(),
});
export type TMemberRequest = z.infer<typeof ZMemberRequest>;

export const ZReturnRequest = z.object({
  reasons: z
    .array(
      z.object({
        /** The part of the filing the reason is about, e.g. `insurance.0`. */
        field: z.string().max(200).optional(),
        reason: z.string().trim().min(2).max(500),
      }),
    )
    .min(1)
    .max(50),
});
export type TReturnReason = z.infer<typeof ZReturnRequest>['reasons'][number];

/*
 * Responses. Each personal field is optional: the projection removes it (or masks it) per viewer,
 * and a masked value no longer matches the request's pattern, so plain strings here.
 */
const shownContact = () => personal(z.string(), 'contact').optional();

/** The checks behind a team's `callable` (docs/forces.md "Callable"). */
export const CALLABLE_CHECKS = [
  'approved_and_current',
  'insured_today',
  'certificates_valid',
] as const;
export const ZCallableCheck = z.object({
  code: z.enum(CALLABLE_CHECKS),
  ok: z.boolean(),
  /** Bilingual: what was found, e.g. the day the insurance ended. */
  detail: z.string(),
});
export type TCallableCheck = z.infer<typeof ZCallableCheck>;

export const ZTeam = z.object({
  id: ZUuid,
  name: z.string(),
  kind: ZTeamKind,
  creditCode: z.string(),
  status: ZTeamStatus,
  base: z.object({ lon: z.number(), lat: z.number(), address: z.string() }),
  serviceArea: z.array(z.string()),
  leaderAccountId: ZUuid,
  leader: z.object({ name: shownContact(), phone: shownContact() }),
  contacts: z.array(
    z.object({ name: shownContact(), phone: shownContact(), role: z.string().optional() }),
  ),
  capabilities: z.array(ZCapability),
  equipment: z.array(z.object({ kind: z.string(), count: z.number().int() })),
  insurance: z.array(ZInsurancePolicy.extend({ id: ZUuid })),
  returnReasons: z.array(ZReturnRequest.shape.reasons.element),
  memberCount: z.number().int(),
  submittedAt: ZInstant.nullable(),
  approvedAt: ZInstant.nullable(),
  approvalExpiresAt: ZInstant.nullable(),
  /** A renewal handed in while still approved, waiting for review. */
  renewalSubmittedAt: ZInstant.nullable(),
  /** Why the team was suspended or revoked (the office's words), and when. */
  statusReason: z.string().nullable(),
  statusChangedAt: ZInstant.nullable(),
  readiness: ZTeamReadiness,
  /** Whether the team may be called up today: approved, insured, certificates valid. */
  callable: z.boolean(),
  /** Each check behind `callable`, saying what was found. */
  callability: z.array(ZCallableCheck),
  createdAt: ZInstant,
  updatedAt: ZInstant,
});
export type TTeam = z.infer<typeof ZTeam>;

export const ZMember = z.object({
  id: ZUuid,
  teamId: ZUuid,
  accountId: ZUuid.nullable(),
  name: shownContact(),
  idNumber: personal(z.string(), 'identity').optional(),
  phone: shownContact(),
  emergencyContact: personal(
    z.object({ name: z.string(), phone: z.string() }),
    'contact',
  ).optional(),
  skills: z.array(z.string()),
  certificates: z.array(
    z.object({
      id: ZUuid,
      name: z.string(),
      number: personal(z.string(), 'identity').optional(),
      expiresOn: z.string(),
    }),
  ),
  healthNotes: personal(z.string(), 'health').optional(),
  createdAt: ZInstant,
});
export type TMember = z.infer<typeof ZMember>;

export const ZTeamListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ZUuid.optional(),
  status: ZTeamStatus.optional(),
  capability: ZCapability.optional(),
  readiness: ZTeamReadiness.optional(),
});
export const ZTeamList = z.object({ items: z.array(ZTeam), nextCursor: z.string().nullable() });
export const ZMemberList = z.object({ items: z.array(ZMember) });
export const ZMemberLookupRequest = z.object({ idNumber: personal(ZIdNumber.clone(), 'identity') });
