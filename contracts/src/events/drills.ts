import { z } from 'zod';
import { ZDay, ZInstant, ZUuid } from '../ids.ts';

/** A drill run began (its clock runs from `simStart` at `speed`). Carries `exercise: true`. */
export const ZDrillRunStarted = z.object({
  runId: ZUuid,
  name: z.string().min(1).max(200),
  speed: z.number().positive(),
  simStart: ZInstant,
});

/** A team that took part in a drill run, for its joint-drill record (联训联演). */
export const ZDrillParticipant = z.object({
  teamId: ZUuid,
  simulated: z.boolean(),
  /** Accepted the call-up and reached the rally point. */
  attended: z.boolean(),
});

/**
 * A drill run ended: played to its end, or stopped by the office. Its personal information is
 * destroyed now, like an incident's at its close; real teams that took part get a joint drill.
 */
export const ZDrillRunFinished = z.object({
  runId: ZUuid,
  name: z.string().min(1).max(200),
  outcome: z.enum(['completed', 'stopped']),
  incidentId: ZUuid.nullable(),
  /** The drill's last simulated instant, and its calendar day in China time. */
  simEnd: ZInstant,
  heldOn: ZDay,
  participants: z.array(ZDrillParticipant).max(100),
});

/** A finished drill's data was removed as a whole (its report stays). */
export const ZDrillRunRemoved = z.object({ runId: ZUuid });
