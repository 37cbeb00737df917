import {
  LEVEL_SEVERITY,
  WARNING_CATEGORIES,
  ZAdminAreaCode,
  type TWarningArea,
  type WarningCategory,
  type WarningLevel,
} from '@muster/contracts';
import type { CapDoc, CapInfo } from './cap-doc.ts';
import { levelParameter, polygonRing } from './cap-profile.ts';

/** The Chinese info block if there is one, else the first. */
export function primaryInfo(doc: CapDoc): CapInfo | undefined {
  return doc.infos.find((i) => i.language.toLowerCase().startsWith('zh')) ?? doc.infos[0];
}
export function englishInfo(doc: CapDoc): CapInfo | undefined {
  return doc.infos.find((i) => i.language.toLowerCase().startsWith('en'));
}

/** 预警级别 when given, else the level of the CAP severity (profile mapping). */
export function levelOf(info: CapInfo): WarningLevel | undefined {
  const p = levelParameter(info);
  if (p) return p;
  const hit = (Object.entries(LEVEL_SEVERITY) as [WarningLevel, string][]).find(
    ([, s]) => s === info.severity,
  );
  return hit?.[0];
}

const EVENT_WORDS: [RegExp, WarningCategory][] = [
  [/暴雨|rainstorm|heavy rain/i, 'rainstorm'],
  [/内涝|waterlog/i, 'waterlogging'],
  [/洪|flood/i, 'flood'],
  [/地质|滑坡|泥石流|崩塌|landslide|debris/i, 'geological'],
  [/地震|earthquake/i, 'earthquake'],
  [/大风|台风|wind|typhoon/i, 'high_wind'],
  [/高温|heat/i, 'heat'],
  [/森林|火险|fire/i, 'forest_fire'],
  [/燃气|gas/i, 'gas_leak'],
  [/化学|chemical|hazmat/i, 'hazmat'],
  [/疫|卫生|health|epidemic/i, 'public_health'],
];

/** Our category: the eventCode we write, else words of the event, else the CAP category. */
export function categoryOf(info: CapInfo): WarningCategory {
  const code = info.eventCodes.find((c) => c.valueName === 'muster:category')?.value;
  if (code && code in WARNING_CATEGORIES) return code as WarningCategory;
  const word = EVENT_WORDS.find(([re]) => re.test(info.event));
  if (word) return word[1];
  const cap = info.categories[0];
  return cap === 'Geo'
    ? 'geological'
    : cap === 'Health'
      ? 'public_health'
      : cap === 'Fire'
        ? 'forest_fire'
        : 'other';
}

/** CAP areas as a warning area: polygons back to GeoJSON lon,lat; GB/T 2260 geocodes as codes. */
export function areaOf(info: CapInfo): TWarningArea {
  const area: TWarningArea = {
    description:
      info.areas
        .map((a) => a.areaDesc)
        .filter(Boolean)
        .join('、')
        .slice(0, 500) || '—',
    codes: [],
    polygons: [],
    circles: [],
  };
  for (const a of info.areas) {
    for (const p of a.polygons) {
      const ring = polygonRing(p);
      if (typeof ring !== 'string') area.polygons.push({ type: 'Polygon', coordinates: [ring] });
    }
    for (const c of a.circles) {
      const [latlon, r] = c.split(' ');
      const [lat, lon] = (latlon ?? '').split(',').map(Number);
      if (lat !== undefined && lon !== undefined && r !== undefined)
        area.circles.push({ center: { lat, lon }, radiusKm: Math.max(0.001, Number(r)) });
    }
    for (const g of a.geocodes)
      if (/2260|行政区划/.test(g.valueName) && ZAdminAreaCode.safeParse(g.value).success)
        area.codes.push(g.value);
  }
  area.codes = [...new Set(area.codes)].slice(0, 500);
  area.polygons = area.polygons.slice(0, 50);
  area.circles = area.circles.slice(0, 20);
  return area;
}
