import { eq } from 'drizzle-orm';
import { WARNING_LEVEL_LABELS, type WarningLevel } from '@muster/contracts';
import type { Executor } from '../../platform/db/client.ts';
import type { RecordTime } from './record-clock.ts';
import type { TimelineInput } from './timeline.ts';
import { responseWarnings } from './tables.ts';

export type WarningStep = 'issued' | 'adjusted' | 'lifted' | 'expired';

/** A timeline line for a step of a warning an incident grew out of. */
export function warningLine(
  step: WarningStep,
  w: { warningId: string; level: string; headline: string },
  inc: RecordTime & { id: string },
  o: { at: Date; actor: string; eventId?: string },
): TimelineInput {
  const label = WARNING_LEVEL_LABELS[w.level as WarningLevel] ?? { zh: w.level, en: w.level };
  const text: Record<WarningStep, [string, string]> = {
    issued: [`发布${label.zh}预警：${w.headline}`, `${label.en} warning issued: ${w.headline}`],
    adjusted: [
      `预警调整为${label.zh}：${w.headline}`,
      `Warning changed to ${label.en}: ${w.headline}`,
    ],
    lifted: [`预警解除：${w.headline}`, `Warning lifted: ${w.headline}`],
    expired: [`预警到期：${w.headline}`, `Warning expired: ${w.headline}`],
  };
  return {
    exercise: inc.exercise,
    drillRunId: inc.drillRunId,
    incidentId: inc.id,
    at: o.at,
    kind: `warning.${step === 'expired' ? 'lifted' : step}`,
    source: 'monitoring',
    actor: o.actor,
    zh: text[step][0],
    en: text[step][1],
    data: { warningId: w.warningId, level: w.level },
    ...(o.eventId ? { eventId: o.eventId } : {}),
  };
}

/**
 * What the office already knows of a warning an incident is opened from (its read model), as
 * timeline lines, so the incident's story starts with its warning.
 */
export async function warningLinesFor(
  db: Executor,
  warningId: string,
  incidents: readonly (RecordTime & { id: string })[],
): Promise<TimelineInput[]> {
  const [w] = await db
    .select()
    .from(responseWarnings)
    .where(eq(responseWarnings.warningId, warningId));
  if (!w) return [];
  return incidents.flatMap((inc) => [
    ...(w.issuedAt ? [warningLine('issued', w, inc, { at: w.issuedAt, actor: 'system' })] : []),
    ...(w.liftedAt ? [warningLine('lifted', w, inc, { at: w.liftedAt, actor: 'system' })] : []),
  ]);
}
