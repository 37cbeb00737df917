import { z } from 'zod';
import { ZInstant, ZUuid } from '../ids.ts';
import { ZAdminAreaCode } from '../geo.ts';
import { ZWarningLevel } from '../vocabulary.ts';

/*
 * Monitoring and early warning (Emergency Response Law art. 63–70). The response module opens
 * incidents from warnings and its evaluation reads threshold → warning → activation times.
 */

/** A reading crossed a threshold rule (sustained, or rising too fast). */
export const ZThresholdCrossed = z.object({
  pointId: ZUuid,
  ruleId: ZUuid,
  level: ZWarningLevel,
  value: z.number(),
  unit: z.string().max(20),
  observedAt: ZInstant,
  trigger: z.enum(['sustained', 'rate']),
});

/** Common facts of a warning as published. */
const warningFacts = {
  warningId: ZUuid,
  level: ZWarningLevel,
  category: z.string().min(1).max(64),
  headline: z.string().min(1).max(200),
  areaCodes: z.array(ZAdminAreaCode).max(500),
  /** The CAP identifier of the message this step published. */
  capIdentifier: z.string().min(1).max(200),
};

/** A warning was issued (after a second officer's approval). */
export const ZWarningIssued = z.object({
  ...warningFacts,
  issuedAt: ZInstant,
  onset: ZInstant,
  expiresAt: ZInstant.optional(),
});

/** An issued warning's level, area or measures changed (art. 70). */
export const ZWarningAdjusted = z.object({
  ...warningFacts,
  previousLevel: ZWarningLevel,
  adjustedAt: ZInstant,
});

/** A warning was lifted, or expired on its own. */
export const ZWarningLifted = z.object({
  warningId: ZUuid,
  liftedAt: ZInstant,
  expired: z.boolean(),
  capIdentifier: z.string().min(1).max(200),
});
