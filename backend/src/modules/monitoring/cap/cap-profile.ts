import {
  LEVEL_COLOUR_ZH,
  LEVEL_SEVERITY,
  WARNING_LEVELS,
  ringIssues,
  type WarningLevel,
} from '@muster/contracts';
import { parseCapTime } from './cap-time.ts';
import type { CapDoc, CapInfo } from './cap-doc.ts';

/** `identifier` and `sender` hold no spaces, commas, `<` or `&` (they are joined in references). */
export const CAP_TOKEN = /^[^\s,<&]+$/;
export const LEVEL_PARAMETER_NAMES = ['预警级别', 'warningLevel'];

export interface Reference {
  sender: string;
  identifier: string;
  sent: string;
}

export function parseReferences(refs: string | undefined): (Reference | undefined)[] {
  if (!refs) return [];
  return refs
    .trim()
    .split(/\s+/)
    .map((t) => {
      const parts = t.split(',');
      return parts.length === 3
        ? { sender: parts[0]!, identifier: parts[1]!, sent: parts[2]! }
        : undefined;
    });
}

/** The level named by an info's 预警级别 / warningLevel parameter, undefined if none, null if bad. */
export function levelParameter(info: CapInfo): WarningLevel | undefined | null {
  const p = info.parameters.find((x) => LEVEL_PARAMETER_NAMES.includes(x.valueName));
  if (!p) return undefined;
  const v = p.value.trim();
  const zh = (Object.entries(LEVEL_COLOUR_ZH) as [WarningLevel, string][]).find(
    ([, c]) => c === v || `${c}色` === v,
  );
  if (zh) return zh[0];
  return (WARNING_LEVELS as readonly string[]).includes(v) ? (v as WarningLevel) : null;
}

/** `lat,lon lat,lon …` → [lon, lat] positions, or the problem with it. */
export function polygonRing(text: string): [number, number][] | string {
  const ring: [number, number][] = [];
  for (const pair of text.trim().split(/\s+/)) {
    const [lat, lon, extra] = pair.split(',').map(Number);
    if (
      lat === undefined ||
      lon === undefined ||
      extra !== undefined ||
      !Number.isFinite(lat) ||
      !Number.isFinite(lon)
    )
      return `polygon: "${pair.slice(0, 40)}" is not a lat,lon pair`;
    if (Math.abs(lat) > 90)
      return 'polygon: latitude out of range — pairs must be lat,lon (latitude first), not GeoJSON lon,lat';
    if (Math.abs(lon) > 180) return 'polygon: longitude out of range';
    ring.push([lon, lat]);
  }
  const issues = ringIssues(ring);
  return issues.length > 0 ? `polygon: ${issues.join('; ')}` : ring;
}

function infoProblems(info: CapInfo, n: number, own: boolean): string[] {
  const out: string[] = [];
  const at = `info[${n}]`;
  const level = levelParameter(info);
  if (level === null) out.push(`${at}: 预警级别 must be 红/橙/黄/蓝 or red/orange/yellow/blue`);
  if (level === undefined && own)
    out.push(`${at}: the level must be carried as <parameter> 预警级别`);
  if (level && info.severity !== LEVEL_SEVERITY[level])
    out.push(
      `${at}: severity ${info.severity} does not match 预警级别 ${level} (${LEVEL_SEVERITY[level]})`,
    );
  for (const t of ['effective', 'onset', 'expires'] as const) {
    const v = info[t];
    if (v !== undefined && !parseCapTime(v)) out.push(`${at}: ${t} needs an explicit offset`);
  }
  info.areas.forEach((a, k) => {
    for (const p of a.polygons) {
      const r = polygonRing(p);
      if (typeof r === 'string') out.push(`${at}.area[${k}] ${r}`);
    }
    for (const c of a.circles)
      if (!/^-?\d+(\.\d+)?,-?\d+(\.\d+)? \d+(\.\d+)?$/.test(c))
        out.push(`${at}.area[${k}] circle must be "lat,lon radiusKm"`);
    for (const g of a.geocodes)
      if (g.valueName === 'GB/T 2260' && !/^(\d{6}|\d{9})$/.test(g.value))
        out.push(`${at}.area[${k}] geocode GB/T 2260 must be 6 or 9 digits`);
  });
  return out;
}

/**
 * The profile rules the XSD cannot check (../shared/standards/README.md). `own`: a message we
 * wrote, held to the stricter form (+08:00, the level parameter); `exercise`: the warning's
 * flag, which decides status; `earlier`: every earlier message of the warning, which an Update
 * or Cancel must reference, all of them and nothing else.
 */
export function profileProblems(
  doc: CapDoc,
  o: { own?: boolean; exercise?: boolean; earlier?: readonly Reference[] } = {},
): string[] {
  const out: string[] = [];
  if (!CAP_TOKEN.test(doc.identifier)) out.push('identifier must hold no spaces, commas, < or &');
  if (!CAP_TOKEN.test(doc.sender)) out.push('sender must hold no spaces, commas, < or &');
  if (!parseCapTime(doc.sent)) out.push('sent must carry an explicit offset (+08:00), never Z');
  else if (o.own && !doc.sent.endsWith('+08:00')) out.push('sent must be in +08:00');
  if ((doc.scope === 'Restricted') !== (doc.restriction !== undefined))
    out.push('restriction goes with scope Restricted, and only with it');
  if (o.exercise === true && doc.status !== 'Exercise')
    out.push('an exercise must have status Exercise');
  if (o.exercise === false && doc.status !== 'Actual')
    out.push('a real warning must have status Actual');
  const refs = parseReferences(doc.references);
  if (
    refs.some(
      (r) =>
        !r || !CAP_TOKEN.test(r.sender) || !CAP_TOKEN.test(r.identifier) || !parseCapTime(r.sent),
    )
  )
    out.push('references must be space-separated sender,identifier,sent triplets');
  if (refs.some((r) => r && r.sender === doc.sender && r.identifier === doc.identifier))
    out.push('references must not name the message itself');
  if ((doc.msgType === 'Update' || doc.msgType === 'Cancel') && refs.length === 0)
    out.push(`${doc.msgType} must reference the earlier messages`);
  if (o.earlier) {
    const want = o.earlier
      .map((r) => `${r.sender},${r.identifier},${r.sent}`)
      .sort()
      .join(' ');
    const got = refs
      .map((r) => (r ? `${r.sender},${r.identifier},${r.sent}` : '?'))
      .sort()
      .join(' ');
    if (want !== got) out.push('references must list every earlier message of the warning');
  }
  doc.infos.forEach((info, n) => out.push(...infoProblems(info, n, o.own ?? false)));
  return out;
}
