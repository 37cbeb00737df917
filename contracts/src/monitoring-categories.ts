import { z } from 'zod';
import type { IncidentCategory, WarningLevel } from './vocabulary.ts';

/** CAP 1.2 `<category>` values (OASIS CAP 1.2 §3.2.2). */
export type CapCategory =
  | 'Geo'
  | 'Met'
  | 'Safety'
  | 'Security'
  | 'Rescue'
  | 'Fire'
  | 'Health'
  | 'Env'
  | 'Transport'
  | 'Infra'
  | 'CBRNE'
  | 'Other';

/**
 * 预警类别 — what a warning warns of (art. 64: 预警类别). Each maps to its CAP category and to
 * the kind of emergency (art. 2) the response module would open from it.
 */
export const WARNING_CATEGORIES = {
  rainstorm: { zh: '暴雨', en: 'Rainstorm', cap: 'Met', incident: 'natural_disaster' },
  flood: { zh: '洪水', en: 'Flood', cap: 'Met', incident: 'natural_disaster' },
  waterlogging: {
    zh: '城市内涝',
    en: 'Urban waterlogging',
    cap: 'Met',
    incident: 'natural_disaster',
  },
  geological: { zh: '地质灾害', en: 'Geological hazard', cap: 'Geo', incident: 'natural_disaster' },
  earthquake: { zh: '地震', en: 'Earthquake', cap: 'Geo', incident: 'natural_disaster' },
  high_wind: { zh: '大风', en: 'High wind', cap: 'Met', incident: 'natural_disaster' },
  heat: { zh: '高温', en: 'Heat', cap: 'Met', incident: 'natural_disaster' },
  forest_fire: { zh: '森林火险', en: 'Forest fire', cap: 'Fire', incident: 'natural_disaster' },
  gas_leak: { zh: '燃气泄漏', en: 'Gas leak', cap: 'CBRNE', incident: 'accident' },
  hazmat: { zh: '危险化学品', en: 'Hazardous chemicals', cap: 'CBRNE', incident: 'accident' },
  public_health: { zh: '公共卫生', en: 'Public health', cap: 'Health', incident: 'public_health' },
  other: { zh: '其他', en: 'Other', cap: 'Other', incident: 'accident' },
} as const satisfies Record<
  string,
  { zh: string; en: string; cap: CapCategory; incident: IncidentCategory }
>;
export type WarningCategory = keyof typeof WARNING_CATEGORIES;
export const ZWarningCategory = z.enum(
  Object.keys(WARNING_CATEGORIES) as [WarningCategory, ...WarningCategory[]],
);

/** CAP severity for each level (profile: Extreme/Severe/Moderate/Minor = red/orange/yellow/blue). */
export const LEVEL_SEVERITY: Record<WarningLevel, 'Extreme' | 'Severe' | 'Moderate' | 'Minor'> = {
  red: 'Extreme',
  orange: 'Severe',
  yellow: 'Moderate',
  blue: 'Minor',
};
/** The colour word carried as the CAP parameter 预警级别. */
export const LEVEL_COLOUR_ZH: Record<WarningLevel, '红' | '橙' | '黄' | '蓝'> = {
  red: '红',
  orange: '橙',
  yellow: '黄',
  blue: '蓝',
};

/** Higher number, higher level: red 4 … blue 1. */
export function levelRank(level: WarningLevel): number {
  return { red: 4, orange: 3, yellow: 2, blue: 1 }[level];
}
