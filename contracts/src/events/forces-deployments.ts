import { z } from 'zod';
import { ZInstant, ZUuid } from '../ids.ts';
import { ZCapability } from '../forces.ts';

/*
 * Call-up events of the forces module beyond the cross-module contract in forces-callups.ts:
 * what the acceptance board and the team portal change on. Ids, counts and times only.
 */

/** The statuses of a deployed team (contracts `DEPLOYMENT_STATUSES`). */
const ZDeploymentStatusCode = z.enum(['en_route', 'on_scene', 'working', 'returning']);

/** A deployed team's status changed (checking in makes it `on_scene`). */
export const ZDeploymentStatusChanged = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  teamId: ZUuid,
  status: ZDeploymentStatusCode,
  previous: ZDeploymentStatusCode.nullable(),
  at: ZInstant,
});

/** Every need of the call-up has its accepted teams. */
export const ZCallupFilled = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  at: ZInstant,
});

/**
 * Escalation ran out of eligible teams for a need: the duty officer must widen the search
 * (distance, window) or call on other forces.
 */
export const ZCallupUnfilled = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  capability: ZCapability,
  count: z.number().int().min(1),
  accepted: z.number().int().min(0),
  pending: z.number().int().min(0),
  at: ZInstant,
});

/** An alert was withdrawn before the team answered (the order closed). */
export const ZCallupAlertWithdrawn = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  teamId: ZUuid,
  at: ZInstant,
});

/** The order closed: by hand, or because its incident closed. No further alerts or answers. */
export const ZCallupClosed = z.object({
  callupId: ZUuid,
  incidentId: ZUuid,
  reason: z.enum(['closed_by_office', 'incident_closed']),
  at: ZInstant,
});
