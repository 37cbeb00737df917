import { z } from 'zod';
import {
  SENSITIVE_CLASSES,
  personalClassOf,
  type Disclosure,
  type PersonalClass,
} from '@muster/contracts';
import type { AnyViewer } from './viewer.ts';
import type { AuditInput } from './audit-writer.ts';

/** Whose personal information a field holds, and what ties that person to the viewer. */
export interface Subject {
  type: string;
  id: string;
  /** The subject's own account, when there is one (a member looking at themselves). */
  accountId?: string | null;
  /** The team the subject belongs to (or is, for a team's live position). */
  teamId?: string | null;
  /** The subject leads that team (members may see their leader's contact). */
  isLeader?: boolean;
  /** Incidents the subject's team is deployed to now (active deployments). */
  deployedTo?: ReadonlySet<string>;
  /** The department the subject answers to (a risk point's responsible person). */
  departmentId?: string | null;
}

/** Why the viewer is looking: the incident, where the view serves one. */
export interface Purpose {
  incidentId?: string;
}

const NONE: ReadonlySet<string> = new Set();

/** The incident that justifies a commander's or officer's view of this subject now, if any. */
function commandedDeployment(
  commands: ReadonlySet<string>,
  subject: Subject,
  purpose: Purpose,
): string | undefined {
  const deployed = subject.deployedTo ?? NONE;
  if (purpose.incidentId)
    return commands.has(purpose.incidentId) && deployed.has(purpose.incidentId)
      ? purpose.incidentId
      : undefined;
  for (const i of deployed) if (commands.has(i)) return i;
  return undefined;
}

/**
 * The one policy (DESIGN.md "Personal information"): for a viewer, a field's class, whose it is
 * and why it is asked, whether it is shown whole, masked or not at all. Default: dropped.
 *
 * - admin: everything whole (sensitive views audited).
 * - duty officer: contacts whole; identity masked; live positions whole for an incident the
 *   view names, else coarse; health never.
 * - commander: contacts and live positions of teams deployed to an incident they command, while
 *   deployed; elsewhere contacts masked and positions coarse; identity and health never.
 * - team leader: their own team's members whole; no one else.
 * - team member: themselves whole; their leader's contact whole; no one else.
 * - department: the contacts of its own responsibilities (risk points) whole; no other person;
 *   team positions coarse.
 * - observer: no person; team positions coarse.
 * - the public: nothing.
 */
export function decide(
  viewer: AnyViewer,
  cls: PersonalClass,
  subject: Subject,
  purpose: Purpose = {},
): Disclosure {
  if (viewer.kind === 'public') return 'dropped';
  // Everyone sees their own information whole (PIPL art. 45: a person may consult their own).
  if (subject.accountId != null && subject.accountId === viewer.accountId) return 'whole';
  switch (viewer.role) {
    case 'admin':
      return 'whole';
    case 'duty_officer':
      switch (cls) {
        case 'contact':
          return 'whole';
        case 'identity':
          return 'masked';
        case 'location':
          return purpose.incidentId && (subject.deployedTo ?? NONE).has(purpose.incidentId)
            ? 'whole'
            : 'masked';
        case 'health':
          return 'dropped';
      }
      break;
    case 'commander': {
      const justified = commandedDeployment(viewer.commands, subject, purpose) !== undefined;
      switch (cls) {
        case 'contact':
          return justified ? 'whole' : 'masked';
        case 'location':
          return justified ? 'whole' : 'masked';
        case 'identity':
        case 'health':
          return 'dropped';
      }
      break;
    }
    case 'team_leader':
      return viewer.teamId !== null && subject.teamId === viewer.teamId
        ? 'whole'
        : cls === 'location' && subject.type === 'team'
          ? 'masked'
          : 'dropped';
    case 'team_member': {
      const self = subject.accountId != null && subject.accountId === viewer.accountId;
      if (self) return 'whole';
      const sameTeam = viewer.teamId !== null && subject.teamId === viewer.teamId;
      if (sameTeam && subject.isLeader && cls === 'contact') return 'whole';
      if (sameTeam && subject.type === 'team' && cls === 'location') return 'whole';
      return 'dropped';
    }
    case 'department':
      // A department reaches the people it is responsible with (联防联控), and no one else.
      if (cls === 'contact' && subject.departmentId != null)
        return subject.departmentId === viewer.departmentId ? 'whole' : 'dropped';
      return cls === 'location' && subject.type === 'team' ? 'masked' : 'dropped';
    case 'observer':
      return cls === 'location' && subject.type === 'team' ? 'masked' : 'dropped';
  }
  return 'dropped';
}

/** The incident to name in the audit entry of a whole view. */
function auditPurpose(viewer: AnyViewer, subject: Subject, purpose: Purpose): string | undefined {
  if (purpose.incidentId) return purpose.incidentId;
  if (viewer.kind === 'account' && viewer.role === 'commander')
    return commandedDeployment(viewer.commands, subject, purpose);
  return undefined;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The masked form of a value of a class, or undefined when the class has none (then the field is
 * dropped). Contacts keep their ends (138****5678, 张*); ID numbers their first three and last
 * four characters; positions are rounded to 0.01° (about a kilometre).
 */
export function mask(cls: PersonalClass, value: unknown): unknown {
  switch (cls) {
    case 'contact':
    case 'identity': {
      if (typeof value !== 'string' || value.length === 0) return undefined;
      const chars = [...value];
      if (/^\+?[\d\s-]{7,}$/.test(value) || cls === 'identity') {
        if (chars.length <= 7) return '*'.repeat(chars.length);
        return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
      }
      return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 3)));
    }
    case 'location': {
      if (typeof value === 'number') return round(value);
      if (Array.isArray(value) && value.every((v) => typeof v === 'number'))
        return value.map(round);
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
          if (typeof v === 'number' && /^(lon|lng|lat|longitude|latitude)$/i.test(k))
            out[k] = round(v);
          else if (/^(accuracy|accuracyM|heading|speed)$/i.test(k)) continue;
          else out[k] = v;
        }
        return out;
      }
      return undefined;
    }
    case 'health':
      return undefined;
  }
}

export interface ProjectOptions {
  viewer: AnyViewer;
  purpose?: Purpose;
  /** Whose information the object at `path` holds (the nearest object around a personal field). */
  subjectOf: (obj: Record<string, unknown>, path: string) => Subject | undefined;
}

export interface Projection<T> {
  value: T;
  /** Audit entries for each whole view of a sensitive field, to write with the response. */
  views: AuditInput[];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
      s = s.unwrap() as z.ZodType;
    else return s;
  }
}

/**
 * Projects a value through its contracts schema for a viewer: each field classified as personal
 * is kept whole, masked or removed per `decide`; everything else passes. Used by REST responses,
 * exports and realtime pushes alike. A field whose subject is unknown is removed.
 */
export function project<T>(schema: z.ZodType, value: T, o: ProjectOptions): Projection<T> {
  const views: AuditInput[] = [];
  const purpose = o.purpose ?? {};
  const walk = (s: z.ZodType, v: unknown, path: string): unknown => {
    const inner = unwrap(s);
    if (v === null || v === undefined) return v;
    if (inner instanceof z.ZodObject && typeof v === 'object' && !Array.isArray(v)) {
      const obj = v as Record<string, unknown>;
      const shape = inner.shape as Record<string, z.ZodType>;
      const out: Record<string, unknown> = {};
      for (const [k, fv] of Object.entries(obj)) {
        const fs = shape[k];
        if (!fs) {
          out[k] = fv;
          continue;
        }
        const cls = personalClassOf(fs) ?? personalClassOf(unwrap(fs));
        const fieldPath = path ? `${path}.${k}` : k;
        if (!cls) {
          out[k] = walk(fs, fv, fieldPath);
          continue;
        }
        if (fv === null || fv === undefined) {
          out[k] = fv;
          continue;
        }
        const subject = o.subjectOf(obj, path);
        const d = subject ? decide(o.viewer, cls, subject, purpose) : 'dropped';
        if (d === 'whole') {
          out[k] = fv;
          if (subject && SENSITIVE_CLASSES.has(cls)) {
            const p = auditPurpose(o.viewer, subject, purpose);
            views.push({
              actor: o.viewer.kind === 'account' ? o.viewer.accountId : 'public',
              action: 'personal.viewed',
              subjectType: subject.type,
              subjectId: subject.id,
              field: fieldPath.replace(/\.\d+(?=\.|$)/g, '[]'),
              ...(p ? { purpose: p } : {}),
            });
          }
        } else if (d === 'masked') {
          const m = mask(cls, fv);
          if (m !== undefined) out[k] = m;
        }
      }
      return out;
    }
    if (inner instanceof z.ZodArray && Array.isArray(v))
      return v.map((item, i) => walk(inner.element as z.ZodType, item, `${path}.${i}`));
    if (
      (inner instanceof z.ZodUnion || inner instanceof z.ZodDiscriminatedUnion) &&
      typeof v === 'object'
    ) {
      // Project through the first member that parses; personal fields are alike across members.
      for (const opt of inner.options as readonly z.ZodType[])
        if (opt.safeParse(v).success) return walk(opt, v, path);
      return v;
    }
    return v;
  };
  return { value: walk(schema, value, '') as T, views };
}
