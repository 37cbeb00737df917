import {
  LEVEL_COLOUR_ZH,
  LEVEL_SEVERITY,
  WARNING_CATEGORIES,
  type TMeasure,
  type TWarningArea,
  type WarningCategory,
  type WarningLevel,
} from '@muster/contracts';
import { capTime } from './cap-time.ts';

export type CapMsgType = 'Alert' | 'Update' | 'Cancel';

/** The content of one CAP message about one of our warnings. */
export interface CapInput {
  identifier: string;
  sender: string;
  senderName: string;
  sent: Date;
  msgType: CapMsgType;
  exercise: boolean;
  /** `sender,identifier,sent` of every earlier message of the warning, oldest first. */
  references: readonly { sender: string; identifier: string; sent: string }[];
  note?: string | undefined;
  warning: {
    category: WarningCategory;
    level: WarningLevel;
    headline: string;
    headlineEn?: string | null | undefined;
    area: TWarningArea;
    onset: Date | null;
    expiresAt: Date | null;
    impacts?: string | null | undefined;
    impactsEn?: string | null | undefined;
    measures: readonly TMeasure[];
    advice?: string | null | undefined;
    adviceEn?: string | null | undefined;
  };
}

/** Characters XML 1.0 cannot carry at all are dropped; the five specials are escaped. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const el = (name: string, value: string | null | undefined, indent: string) =>
  value === null || value === undefined || value === ''
    ? ''
    : `${indent}<${name}>${xmlText(value)}</${name}>\n`;
const pair = (name: string, valueName: string, value: string, indent: string) =>
  `${indent}<${name}>\n${el('valueName', valueName, indent + '  ')}${el('value', value, indent + '  ')}${indent}</${name}>\n`;

/** A coordinate with at most six decimals (about 0.1 m), never in exponent form. */
const coord = (n: number) => n.toFixed(6).replace(/\.?0+$/, '');

function areaXml(area: TWarningArea, i: string): string {
  let x = `${i}<area>\n${el('areaDesc', area.description, i + '  ')}`;
  // CAP polygons are `lat,lon` pairs: the reverse of GeoJSON's [lon, lat].
  for (const p of area.polygons)
    x += el(
      'polygon',
      p.coordinates[0].map(([lon, lat]) => `${coord(lat)},${coord(lon)}`).join(' '),
      i + '  ',
    );
  for (const c of area.circles)
    x += el('circle', `${coord(c.center.lat)},${coord(c.center.lon)} ${c.radiusKm}`, i + '  ');
  for (const code of area.codes) x += pair('geocode', 'GB/T 2260', code, i + '  ');
  return `${x}${i}</area>\n`;
}

function instruction(
  measures: readonly TMeasure[],
  advice: string | null | undefined,
  en: boolean,
) {
  const lines = measures
    .map((m) => (en ? m.en : m.zh))
    .filter((t): t is string => !!t)
    .map((t, n) => `${n + 1}. ${t}`);
  if (advice) lines.push(advice);
  return lines.join('\n');
}

function infoXml(c: CapInput, lang: 'zh-CN' | 'en-US'): string {
  const w = c.warning;
  const en = lang === 'en-US';
  const cat = WARNING_CATEGORIES[w.category];
  const cancel = c.msgType === 'Cancel';
  const i = '    ';
  const responseType = cancel
    ? 'AllClear'
    : w.level === 'red' || w.level === 'orange'
      ? 'Prepare'
      : 'Monitor';
  let x = `  <info>\n${el('language', lang, i)}${el('category', cat.cap, i)}`;
  x += el('event', en ? `${cat.en} warning` : `${cat.zh}预警`, i);
  x += el('responseType', responseType, i);
  x += el('urgency', cancel ? 'Past' : w.onset && w.onset <= c.sent ? 'Immediate' : 'Expected', i);
  x += el('severity', LEVEL_SEVERITY[w.level], i);
  x += el('certainty', cancel ? 'Observed' : 'Likely', i);
  x += pair('eventCode', 'muster:category', w.category, i);
  x += el('effective', capTime(c.sent), i);
  if (w.onset) x += el('onset', capTime(w.onset), i);
  if (w.expiresAt) x += el('expires', capTime(w.expiresAt), i);
  x += el('senderName', c.senderName, i);
  const headline = (en ? w.headlineEn : w.headline) ?? w.headline;
  x += el('headline', cancel ? (en ? `Lifted: ${headline}` : `解除：${headline}`) : headline, i);
  x += el('description', (en ? w.impactsEn : w.impacts) ?? w.impacts, i);
  if (!cancel) x += el('instruction', instruction(w.measures, en ? w.adviceEn : w.advice, en), i);
  x += pair(
    'parameter',
    en ? 'warningLevel' : '预警级别',
    en ? w.level : LEVEL_COLOUR_ZH[w.level],
    i,
  );
  return `${x}${areaXml(w.area, i)}  </info>\n`;
}

/**
 * One CAP 1.2 message of our profile: status Exercise for a drill's warning (never Actual),
 * `sent` in +08:00, `references` listing every earlier message of the warning, the level as the
 * parameter 预警级别 with its severity, polygons as `lat,lon`. A Chinese `info` always; an
 * English one when the warning has an English headline.
 */
export function writeCap(c: CapInput): { xml: string; sent: string } {
  const sent = capTime(c.sent);
  let x =
    '<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\n';
  const i = '  ';
  x += el('identifier', c.identifier, i) + el('sender', c.sender, i) + el('sent', sent, i);
  x += el('status', c.exercise ? 'Exercise' : 'Actual', i) + el('msgType', c.msgType, i);
  x += el('source', 'Muster', i) + el('scope', 'Public', i);
  x += el('note', c.note, i);
  if (c.references.length > 0)
    x += el(
      'references',
      c.references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' '),
      i,
    );
  x += infoXml(c, 'zh-CN');
  if (c.warning.headlineEn) x += infoXml(c, 'en-US');
  return { xml: `${x}</alert>\n`, sent };
}
