import {
  ZSensorMessage,
  ZUuid,
  type TReadingBatch,
  type TReadingBatchResult,
} from '@muster/contracts';
import { AppError, unstorableTextIssues } from '@muster/contracts';
import type { IngestDefinition, IngestMessage } from '../../platform/bus/ingest.ts';
import type { Viewer } from '../../platform/access/viewer.ts';
import type { StoreDeps } from './store-readings.ts';
import { storeReadings } from './store-readings.ts';
import { readingProblem, type IncomingReading } from './reading-checks.ts';

const SUBJECT_PREFIX = 'monitoring.reading.';
const decoder = new TextDecoder();

/** Why a sensor message was dropped; counted, logged without values. */
type Drop = 'subject' | 'json' | 'schema' | 'pointId' | 'unit' | 'value' | 'observedAt';

function parseMessage(
  m: IngestMessage,
): { pointId: string; msg: ReturnType<typeof ZSensorMessage.parse> } | Drop {
  const pointId = m.subject.slice(SUBJECT_PREFIX.length);
  if (!m.subject.startsWith(SUBJECT_PREFIX) || !ZUuid.safeParse(pointId).success) return 'subject';
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(m.data));
  } catch {
    return 'json';
  }
  const parsed = ZSensorMessage.safeParse(raw);
  if (!parsed.success || unstorableTextIssues(parsed.data, 'message').length > 0) return 'schema';
  return { pointId, msg: parsed.data };
}

/**
 * Sensors publish to `<namespace>.monitoring.reading.<pointId>`. Each message is outside input:
 * parsed with the contract's schema and checked against its point; a bad one is dropped (and
 * counted) without touching the rest. The good ones of a batch commit in one transaction.
 */
export function readingsIngest(d: StoreDeps, batch = 5000): IngestDefinition {
  return {
    name: 'monitoring__readings',
    stream: 'READINGS',
    subjects: [`${SUBJECT_PREFIX}>`],
    maxAgeS: d.readingsMaxAgeS,
    batch,
    async handleBatch(messages) {
      const now = d.clock.now();
      const parsed = messages.map(parseMessage);
      const ids = parsed.flatMap((p) => (typeof p === 'string' ? [] : [p.pointId]));
      const points = await d.catalogue.points(ids);
      const readings: IncomingReading[] = [];
      const heartbeats: string[] = [];
      const drops = new Map<Drop, number>();
      const drop = (why: Drop) => drops.set(why, (drops.get(why) ?? 0) + 1);
      for (const p of parsed) {
        if (typeof p === 'string') {
          drop(p);
          continue;
        }
        if (!points.has(p.pointId)) {
          drop('pointId');
          continue;
        }
        if ('heartbeatAt' in p.msg) {
          heartbeats.push(p.pointId);
          continue;
        }
        const r = {
          pointId: p.pointId,
          observedAt: new Date(p.msg.observedAt),
          value: p.msg.value,
          unit: p.msg.unit,
        };
        const problem = readingProblem(points.get(p.pointId), r, now);
        if (problem) drop(problem.field);
        else readings.push(r);
      }
      if (drops.size > 0)
        d.logger.warn({ dropped: Object.fromEntries(drops) }, 'sensor messages dropped');
      if (readings.length === 0 && heartbeats.length === 0) return;
      await storeReadings(d, readings, heartbeats, points, now);
    },
  };
}

/**
 * A gateway's batch over HTTP: every reading is checked first, and one bad reading refuses the
 * whole batch with each bad field named (nothing stored); a good batch commits at once.
 */
export async function postReadings(
  d: StoreDeps,
  viewer: Viewer,
  b: TReadingBatch,
): Promise<TReadingBatchResult> {
  const now = d.clock.now();
  const points = await d.catalogue.points(b.readings.map((r) => r.pointId));
  const issues: { path: string; message: string }[] = [];
  const readings = b.readings.map((r, i) => {
    const reading = {
      pointId: r.pointId,
      observedAt: new Date(r.observedAt),
      value: r.value,
      unit: r.unit,
    };
    const point = points.get(r.pointId);
    const problem = readingProblem(point, reading, now);
    if (problem)
      issues.push({ path: `body.readings.${i}.${problem.field}`, message: problem.message });
    else if (viewer.role === 'department' && point?.departmentId !== viewer.departmentId)
      throw new AppError('monitoring.not_your_point', r.pointId);
    return reading;
  });
  if (issues.length > 0)
    throw new AppError(
      'monitoring.reading_invalid',
      issues
        .slice(0, 3)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; '),
      issues,
    );
  return storeReadings(d, readings, [], points, now);
}
