import { z } from 'zod';
import { ZInstant, ZUuid } from '../ids.ts';
import { personal } from '../personal.ts';

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
