import type { MessageKey } from '../i18n/zh-CN.ts';

/** The layer toggles, in the order the toolbar lists them. */
export const TOGGLES = [
  'warnings',
  'incidents',
  'deployedTeams',
  'trails',
  'availableTeams',
  'riskPoints',
  'monitoringPoints',
  'requisitions',
] as const;
export type Toggle = (typeof TOGGLES)[number];
export type Visibility = Record<Toggle, boolean>;

export const TOGGLE_LABELS: Record<Toggle, MessageKey> = {
  warnings: 'map.layer.warnings',
  incidents: 'map.layer.incidents',
  deployedTeams: 'map.layer.deployedTeams',
  trails: 'map.layer.trails',
  availableTeams: 'map.layer.availableTeams',
  riskPoints: 'map.layer.riskPoints',
  monitoringPoints: 'map.layer.monitoringPoints',
  requisitions: 'map.layer.requisitions',
};

const KEY = 'muster.map.layers';

/** Every layer on, unless this device remembers a choice. */
export function readVisibility(): Visibility {
  const all = Object.fromEntries(TOGGLES.map((t) => [t, true])) as Visibility;
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '{}');
    if (typeof stored !== 'object' || stored === null) return all;
    for (const t of TOGGLES) {
      const v = (stored as Record<string, unknown>)[t];
      if (typeof v === 'boolean') all[t] = v;
    }
  } catch {
    // A blocked or corrupt storage: every layer on.
  }
  return all;
}

export function storeVisibility(v: Visibility): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(v));
  } catch {
    // Not remembering is acceptable.
  }
}
