/** China Standard Time has no daylight saving: a fixed +08:00 offset. */
const OFFSET_MS = 8 * 3600 * 1000;

/**
 * An instant as CAP writes it: `YYYY-MM-DDThh:mm:ss+08:00` (whole seconds, explicit offset,
 * never `Z`), so Chinese readers see local time and the XSD's pattern holds.
 */
export function capTime(d: Date): string {
  const local = new Date(d.getTime() + OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

/** A CAP dateTime with an explicit offset, or undefined when it is not one. */
export function parseCapTime(s: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[-+]\d{2}:\d{2}$/.test(s)) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
