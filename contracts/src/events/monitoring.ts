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

/*
 * The monitoring module's own events beyond the lead's contract (additive). Ids and counts only:
 * a risk point's contact never rides an event.
 */

/** A rule's state at a point went back to normal (below threshold − hysteresis, long enough). */
export const ZThresholdCleared = z.object({
  pointId: ZUuid,
  ruleId: ZUuid,
  level: ZWarningLevel,
  observedAt: ZInstant,
});

/** A draft warning or an amendment was proposed: by a crossing (`system`) or by an officer. */
export const ZWarningProposed = z.object({
  warningId: ZUuid,
  action: z.enum(['issue', 'adjust', 'lift']),
  level: ZWarningLevel,
  category: z.string().min(1).max(64),
  bySystem: z.boolean(),
  pointId: ZUuid.optional(),
  ruleId: ZUuid.optional(),
});

/** A step (issue, adjust or lift) was handed to a second officer for approval. */
export const ZWarningSubmitted = z.object({
  warningId: ZUuid,
  action: z.enum(['issue', 'adjust', 'lift']),
});

/** The approver sent a step back instead of publishing it. */
export const ZWarningReturned = z.object({
  warningId: ZUuid,
  action: z.enum(['issue', 'adjust', 'lift']),
});

/** A monitoring point went silent for three heartbeats, or spoke again. */
export const ZPointLiveness = z.object({ pointId: ZUuid, at: ZInstant });

/** A risk point's inspection fell due and was not done (art. 33 定期检查). */
export const ZInspectionOverdue = z.object({
  riskPointId: ZUuid,
  departmentId: z.string().max(64),
  dueAt: ZInstant,
});

/** A risk point was assessed again (风险评估); its level may have changed. */
export const ZRiskAssessed = z.object({
  riskPointId: ZUuid,
  riskLevel: z.enum(['major', 'significant', 'general', 'low']),
  previousLevel: z.enum(['major', 'significant', 'general', 'low']),
});

/** An upstream agency's CAP alert was imported and shown as an external warning. */
export const ZExternalAlertImported = z.object({
  warningId: ZUuid,
  capIdentifier: z.string().min(1).max(200),
  msgType: z.enum(['Alert', 'Update', 'Cancel']),
  level: ZWarningLevel.optional(),
});
