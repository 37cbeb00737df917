import { mapLayerSchemas, ZMapLayer } from '@muster/contracts';

/**
 * An item's data parsed with its layer's schema (contracts/src/map-layers.ts), or undefined when
 * it does not fit (counted as rejected). A layer this map does not draw is kept as sent: newer
 * servers may add layers, and an older page must not count them as errors.
 */
export function parseLayerItem(layer: string, data: unknown): Record<string, unknown> | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const known = ZMapLayer.safeParse(layer);
  if (!known.success) return data as Record<string, unknown>;
  const parsed = mapLayerSchemas[known.data].safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
