import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { personal } from './personal.ts';

/** Who signs in. The public needs no account: it reads the published warnings only. */
export const ROLES = [
  'admin',
  'duty_officer',
  'commander',
  'team_leader',
  'team_member',
  'department',
  'observer',
] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;

/** Roles of the emergency office, whose accounts the admin creates. */
export const OFFICE_ROLES = [
  'admin',
  'duty_officer',
  'commander',
  'department',
  'observer',
] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  duty_officer: { zh: '值班员', en: 'Duty officer' },
  commander: { zh: '指挥长', en: 'Commander' },
  team_leader: { zh: '队长', en: 'Team leader' },
  team_member: { zh: '队员', en: 'Team member' },
  department: { zh: '部门', en: 'Department' },
  observer: { zh: '观察员', en: 'Observer' },
};

export const ACCOUNT_STATUSES = ['pending', 'active', 'disabled'] as const;
export const ZAccountStatus = z.enum(ACCOUNT_STATUSES);

/** Limits on credentials, with why. */
export const CREDENTIAL_LIMITS = {
  /** NIST SP 800-63B: at least 8; we ask 12 of accounts that can see personal information. */
  passwordMin: 12,
  /** argon2 hashes any length, but a cap keeps a request from burning CPU. */
  passwordMax: 200,
  usernameMax: 64,
} as const;

export const ZUsername = z
  .string()
  .min(3)
  .max(CREDENTIAL_LIMITS.usernameMax)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash and underscore');
export const ZPassword = z
  .string()
  .min(CREDENTIAL_LIMITS.passwordMin)
  .max(CREDENTIAL_LIMITS.passwordMax);

/** An account as it is shown; never its password hash. `phone` is the account holder's contact. */
export const ZAccount = z.object({
  id: ZUuid,
  username: ZUsername,
  displayName: personal(z.string().min(1).max(100), 'contact').optional(),
  phone: personal(z.string().max(30), 'contact').optional(),
  role: ZRole,
  status: ZAccountStatus,
  teamId: ZUuid.nullable(),
  departmentId: z.string().max(64).nullable(),
  createdAt: ZInstant,
});
export type TAccount = z.infer<typeof ZAccount>;

export const ZLoginRequest = z.object({
  username: z.string().min(1).max(CREDENTIAL_LIMITS.usernameMax),
  password: z.string().min(1).max(CREDENTIAL_LIMITS.passwordMax),
  /** `browser` sets an HttpOnly cookie; `api` returns a bearer token instead. */
  client: z.enum(['browser', 'api']).default('browser'),
});

export const ZSession = z.object({
  account: ZAccount,
  /** Send back as `X-CSRF-Token` on every state-changing request made with the cookie. */
  csrfToken: z.string(),
  /** Only for `client: 'api'`: send as `Authorization: Bearer <token>`. */
  token: z.string().optional(),
  idleExpiresAt: ZInstant,
  expiresAt: ZInstant,
});

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: ZPassword,
});

export const ZCreateAccountRequest = z.object({
  username: ZUsername,
  displayName: z.string().min(1).max(100),
  phone: z.string().max(30).optional(),
  role: z.enum(OFFICE_ROLES),
  password: ZPassword,
  departmentId: z.string().max(64).optional(),
});

/** A team leader signs up from the team portal; the account waits for a duty officer. */
export const ZSignupRequest = z.object({
  username: ZUsername,
  displayName: z.string().min(1).max(100),
  phone: z.string().regex(/^1\d{10}$/, 'an 11-digit mainland mobile number'),
  password: ZPassword,
});

export const ZPage = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque; from `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});

export const ZAccountList = z.object({
  items: z.array(ZAccount),
  nextCursor: z.string().nullable(),
});

/**
 * What a viewer may see of a personal field: all of it, a masked form (138****5678; a position
 * rounded to about a kilometre), or nothing.
 */
export const DISCLOSURES = ['whole', 'masked', 'dropped'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

/** One audit entry as the admin API shows it: ids only, never a personal value. */
export const ZAuditEntry = z.object({
  seq: z.number().int(),
  at: ZInstant,
  actor: z.string(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  field: z.string().nullable(),
  purpose: z.string().nullable(),
  legalBasis: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  hash: z.string(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = ZPage.extend({
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
});
export const ZAuditList = z.object({
  items: z.array(ZAuditEntry),
  nextCursor: z.string().nullable(),
});

/**
 * A recorded decision to keep some personal information of an incident after the response ends
 * (evidence, investigation and evaluation): what, why, the assessment, who approved, until when.
 */
export const ZCreateHoldRequest = z.object({
  incidentId: ZUuid,
  /** The holder that keeps the information, e.g. `forces.positions`. */
  holder: z.string().min(1).max(64),
  category: z.string().min(1).max(64),
  /** `all`, or the ids of the people whose information is kept. */
  subjectIds: z.union([z.literal('all'), z.array(ZUuid).min(1).max(1000)]),
  reason: z.string().min(10).max(2000),
  assessment: z.object({
    legality: z.string().min(5).max(2000),
    necessity: z.string().min(5).max(2000),
    security: z.string().min(5).max(2000),
  }),
  until: ZInstant,
});
export const ZHold = ZCreateHoldRequest.extend({
  id: ZUuid,
  approvedBy: ZUuid,
  createdAt: ZInstant,
  releasedAt: ZInstant.nullable(),
});
export const ZHoldList = z.object({ items: z.array(ZHold) });
export const ZDestructionRecord = z.object({
  id: ZUuid,
  incidentId: ZUuid,
  holder: z.string(),
  category: z.string(),
  rule: z.string(),
  destroyed: z.number().int(),
  keptUnderHold: z.number().int(),
  holdIds: z.array(ZUuid),
  at: ZInstant,
});
export const ZDestructionList = z.object({
  items: z.array(ZDestructionRecord),
  jobs: z.array(
    z.object({
      incidentId: ZUuid,
      status: z.enum(['pending', 'held', 'done']),
      requestedAt: ZInstant,
      completedAt: ZInstant.nullable(),
      nextRunAt: ZInstant,
      attempts: z.number().int(),
      lastError: z.string().nullable(),
    }),
  ),
});
export const ZIncidentQuery = z.object({ incidentId: ZUuid.optional() });
