import { z } from 'zod';
import { ZInstant, ZUuid } from '../ids.ts';
import { personal } from '../personal.ts';
import { CAPABILITIES, TEAM_KINDS } from '../forces.ts';

/** WGS-84 degrees; a live position of a person or deployed team is sensitive (`location`). */
export const ZLongitude = z.number().min(-180).max(180);
export const ZLatitude = z.number().min(-90).max(90);

/**
 * A deployed team (or one of its members) reported where it is. Many, short-lived: they ride
 * the positions stream, and only the latest per team matters to the map.
 */
export const ZPositionReported = z.object({
  teamId: ZUuid,
  memberId: ZUuid.optional(),
  incidentId: ZUuid.optional(),
  lon: personal(ZLongitude, 'location'),
  lat: personal(ZLatitude, 'location'),
  /** Metres, as the device reported it. */
  accuracyM: z.number().min(0).max(100_000).optional(),
  reportedAt: ZInstant,
});
export type TPositionReported = z.infer<typeof ZPositionReported>;

/*
 * Filing and review of the registry. Ids and non-personal data only: never a name, phone or ID
 * number in an event, because events outlive the records (and their destruction) on the stream.
 */
const ZCapabilityCode = z.enum(CAPABILITIES);

/** A team leader filed a new team (a draft). */
export const ZTeamFiled = z.object({
  teamId: ZUuid,
  name: z.string(),
  kind: z.enum(TEAM_KINDS),
  capabilities: z.array(ZCapabilityCode),
  serviceArea: z.array(z.string()),
});
/** A filing was handed in for review; `resubmission` after it was returned. */
export const ZTeamSubmitted = z.object({ teamId: ZUuid, resubmission: z.boolean() });
/** A duty officer approved a filing; it lapses at `approvalExpiresAt` unless renewed. */
export const ZTeamApproved = z.object({
  teamId: ZUuid,
  approvedAt: ZInstant,
  approvalExpiresAt: ZInstant,
});
/** A duty officer returned a filing for correction, with the reasons. */
export const ZTeamReturned = z.object({
  teamId: ZUuid,
  reasons: z.array(z.object({ field: z.string().optional(), reason: z.string() })).min(1),
});
/** A member joined a team's roll. */
export const ZMemberAdded = z.object({
  teamId: ZUuid,
  memberId: ZUuid,
  skills: z.array(z.string()),
  certificateCount: z.number().int(),
});
