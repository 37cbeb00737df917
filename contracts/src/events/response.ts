import { z } from 'zod';
import { ZInstant, ZUuid } from '../ids.ts';
import { ZAdminAreaCode } from '../geo.ts';
import { ZIncidentCategory, ZIncidentGrade, ZPoint, ZResponseLevel } from '../vocabulary.ts';

/*
 * The response module's lifecycle events. Other modules keep their own read model of incidents
 * from these (forces matches call-ups against open incidents; requisition raises overdue returns
 * when a response ends). Ids and non-personal facts only: events outlive the records.
 */

/** Where an incident became known from (art. 61). */
export const INCIDENT_SOURCES = ['phone', 'department', 'warning', 'sensor', 'public'] as const;
export const ZIncidentSource = z.enum(INCIDENT_SOURCES);

/** An incident was opened (the office became aware of it); `exercise` rides on the envelope. */
export const ZIncidentReported = z.object({
  incidentId: ZUuid,
  title: z.string().min(1).max(200),
  category: ZIncidentCategory,
  subtype: z.string().min(1).max(64),
  source: ZIncidentSource,
  awareAt: ZInstant,
  /** The incident's main place, when it has one. */
  location: ZPoint.optional(),
  /** GB/T 2260 codes of the areas it touches. */
  areaCodes: z.array(ZAdminAreaCode).max(500),
  /** The warning it grew out of, when it did. */
  warningId: ZUuid.optional(),
});

/** An incident was graded or re-graded (art. 3). */
export const ZIncidentGraded = z.object({
  incidentId: ZUuid,
  grade: ZIncidentGrade,
  previousGrade: ZIncidentGrade.nullable(),
  gradedAt: ZInstant,
});

/**
 * A response level was activated (art. 72) with a commander; the commander's `command` grant is
 * written in the same transaction.
 */
export const ZLevelActivated = z.object({
  incidentId: ZUuid,
  level: ZResponseLevel,
  activatedAt: ZInstant,
  commanderAccountId: ZUuid,
  expectedEndAt: ZInstant.optional(),
});

/** The level was raised or lowered, with the reason. */
export const ZLevelAdjusted = z.object({
  incidentId: ZUuid,
  from: ZResponseLevel,
  to: ZResponseLevel,
  reason: z.string().min(1).max(2000),
  adjustedAt: ZInstant,
  commanderAccountId: ZUuid.optional(),
});

/** The response was terminated (art. 86): requisitioned property is due back now (art. 12). */
export const ZLevelTerminated = z.object({
  incidentId: ZUuid,
  terminatedAt: ZInstant,
  reason: z.string().min(1).max(2000),
});

/**
 * An incident is closed: the response work has ended (Emergency Response Law art. 86), so the
 * personal information gathered for it is destroyed unless a hold keeps it (art. 84–85).
 */
export const ZIncidentClosed = z.object({
  incidentId: ZUuid,
  closedAt: ZInstant,
});
