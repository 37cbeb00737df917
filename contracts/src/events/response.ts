import { z } from 'zod';
import { ZInstant, ZUuid } from '../ids.ts';

/**
 * An incident is closed: the response work has ended (Emergency Response Law art. 86), so the
 * personal information gathered for it is destroyed unless a hold keeps it (art. 84–85).
 */
export const ZIncidentClosed = z.object({
  incidentId: ZUuid,
  closedAt: ZInstant,
});
