import { z } from 'zod';
import { ZInstant, ZUuid } from './ids.ts';
import { personal } from './personal.ts';
import { ZCapability } from './forces.ts';
import { ZCallupCompensationTerms } from './events/forces-callups.ts';
import { ZIncidentCategory, ZIncidentGrade, ZResponseLevel } from './vocabulary.ts';
import {
  ZAssignmentStatus,
  ZCallupStatus,
  ZDeploymentStatus,
  ZRallyPoint,
} from './forces-callups.ts';

/*
 * What the call-up API answers: the order with its acceptance board, lists, the team portal, the
 * incidents forces knows, and the live board row. Requests are in forces-callups.ts.
 */

/** Contacts are optional: the projection removes or masks them per viewer. */
const shownContact = () => personal(z.string(), 'contact').optional();

/** One team on the acceptance board. */
export const ZCallupBoardRow = z.object({
  teamId: ZUuid,
  teamName: z.string(),
  capability: ZCapability,
  status: ZAssignmentStatus,
  deployment: ZDeploymentStatus.nullable(),
  alertedAt: ZInstant,
  ackDeadline: ZInstant,
  answeredAt: ZInstant.nullable(),
  people: z.number().int().nullable(),
  memberIds: z.array(ZUuid),
  declineReason: z.string().nullable(),
  checkedInAt: ZInstant.nullable(),
  statusAt: ZInstant.nullable(),
  stoodDownAt: ZInstant.nullable(),
  /** The team this alert replaced (escalation). */
  escalatedFrom: ZUuid.nullable(),
  leader: z.object({ name: shownContact(), phone: shownContact() }),
});
export type TCallupBoardRow = z.infer<typeof ZCallupBoardRow>;

export const ZCallupNeedProgress = z.object({
  capability: ZCapability,
  count: z.number().int(),
  accepted: z.number().int(),
  /** Alerts not answered yet. */
  pending: z.number().int(),
  /** Escalation found no further eligible team for this need. */
  exhausted: z.boolean(),
});

export const ZCallupSummary = z.object({
  id: ZUuid,
  incidentId: ZUuid,
  incidentTitle: z.string().nullable(),
  exercise: z.boolean(),
  drillRunId: ZUuid.nullable(),
  status: ZCallupStatus,
  /** Every need has its accepted teams. */
  filled: z.boolean(),
  needs: z.array(ZCallupNeedProgress),
  rallyPoint: ZRallyPoint,
  window: z.object({ from: ZInstant, to: ZInstant }),
  task: z.string(),
  legalBasis: z.string(),
  terms: ZCallupCompensationTerms,
  insuranceRequired: z.boolean(),
  insuranceNote: z.string().nullable(),
  maxDistanceKm: z.number().nullable(),
  ackMinutes: z.number().int(),
  autoEscalate: z.boolean(),
  requestedBy: ZUuid,
  requestedAt: ZInstant,
  closedAt: ZInstant.nullable(),
  closeReason: z.string().nullable(),
});
export type TCallupSummary = z.infer<typeof ZCallupSummary>;

export const ZCallup = ZCallupSummary.extend({ board: z.array(ZCallupBoardRow) });
export type TCallup = z.infer<typeof ZCallup>;

export const ZCallupListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ZUuid.optional(),
  incidentId: ZUuid.optional(),
  status: ZCallupStatus.optional(),
});
export const ZCallupList = z.object({
  items: z.array(ZCallupSummary),
  nextCursor: z.string().nullable(),
});

/** A team's own call-up in the team portal: the order and the team's place on it. */
export const ZMyCallup = z.object({
  callup: ZCallupSummary.omit({ needs: true, filled: true }),
  row: ZCallupBoardRow.omit({ leader: true }),
  /** `演练` on every exercise call-up; null for a real one. */
  label: z.string().nullable(),
  /** Alerted and the deadline not passed: the portal asks for an answer. */
  awaitingAnswer: z.boolean(),
});
export type TMyCallup = z.infer<typeof ZMyCallup>;

export const ZMyCallupsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ZUuid.optional(),
  /** `waiting`: alerts to answer; `active`: accepted and not stood down; `past`: the rest. */
  state: z.enum(['waiting', 'active', 'past', 'all']).default('all'),
});
export const ZMyCallupList = z.object({
  items: z.array(ZMyCallup),
  nextCursor: z.string().nullable(),
  /** Alerts waiting for an answer, whatever the page. */
  waiting: z.number().int(),
});

/** What forces knows of an incident, from the response module's events. */
export const ZForcesIncident = z.object({
  id: ZUuid,
  title: z.string().nullable(),
  category: ZIncidentCategory.nullable(),
  grade: ZIncidentGrade.nullable(),
  level: ZResponseLevel.nullable(),
  commanderAccountId: ZUuid.nullable(),
  status: z.enum(['open', 'closed']),
  exercise: z.boolean(),
  drillRunId: ZUuid.nullable(),
  location: z.object({ lon: z.number(), lat: z.number() }).nullable(),
  reportedAt: ZInstant.nullable(),
  closedAt: ZInstant.nullable(),
});
export type TForcesIncident = z.infer<typeof ZForcesIncident>;
export const ZForcesIncidentQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ZUuid.optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export const ZForcesIncidentList = z.object({
  items: z.array(ZForcesIncident),
  nextCursor: z.string().nullable(),
});

/**
 * One row of the live acceptance board, derived from the call-up events alone (ids, statuses and
 * times: no names or contacts, which the client already has from the REST board). The gateway
 * sends it as a `map:update` item of the `callups` layer, keyed `<callupId>:<teamId>`.
 */
export const ZCallupLiveRow = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  teamId: ZUuid,
  exercise: z.boolean(),
  capability: ZCapability.optional(),
  status: ZAssignmentStatus,
  deployment: ZDeploymentStatus.nullable(),
  ackDeadline: ZInstant.optional(),
  at: ZInstant,
  people: z.number().int().optional(),
  timedOut: z.boolean().optional(),
  escalatedFrom: ZUuid.optional(),
});
export type TCallupLiveRow = z.infer<typeof ZCallupLiveRow>;
