import { MONITORING_LIMITS, POINT_KINDS } from '@muster/contracts';
import type { PointInfo } from './catalogue.ts';

/** A reading as the store takes it, from either NATS or HTTP. */
export interface IncomingReading {
  pointId: string;
  observedAt: Date;
  value: number;
  unit: string;
}

/**
 * Why a reading cannot be believed, or undefined: an unknown point, the wrong unit, a value no
 * sensor of that kind can report, a timestamp in the future beyond clock skew, or one so old it
 * is an archive rather than a feed. Messages name fields and limits, never the value itself.
 */
export function readingProblem(
  point: PointInfo | undefined,
  r: IncomingReading,
  now: Date,
): { field: 'pointId' | 'unit' | 'value' | 'observedAt'; message: string } | undefined {
  if (!point) return { field: 'pointId', message: '没有这个监测点 / no such monitoring point' };
  const kind = POINT_KINDS[point.kind];
  if (r.unit !== kind.unit)
    return {
      field: 'unit',
      message: `单位应为 ${kind.unit} / the unit of a ${point.kind} point is ${kind.unit}`,
    };
  if (r.value < kind.min || r.value > kind.max)
    return {
      field: 'value',
      message: `超出合理范围 ${kind.min}–${kind.max} ${kind.unit} / outside the plausible range ${kind.min}–${kind.max}`,
    };
  const t = r.observedAt.getTime();
  if (t > now.getTime() + MONITORING_LIMITS.futureSkewS * 1000)
    return { field: 'observedAt', message: '观测时间在未来 / observedAt is in the future' };
  if (t < now.getTime() - MONITORING_LIMITS.maxAgeS * 1000)
    return { field: 'observedAt', message: '观测时间过早 / observedAt is older than seven days' };
  return undefined;
}
