import type { RiskLevel, TeamMapStatus, WarningLevel } from '@muster/contracts';

/** 红橙黄蓝: the warning levels' colours (GB/T 27962 style), also used for threshold states. */
export const WARNING_COLOURS: Record<WarningLevel, string> = {
  red: '#d7263d',
  orange: '#f27405',
  yellow: '#e9b600',
  blue: '#1e6bd6',
};

/** Team status colours: green ready, amber alerted, blue moving, red working, grey returning. */
export const TEAM_STATUS_COLOURS: Record<TeamMapStatus | 'unknown', string> = {
  available: '#1a7f37',
  alerted: '#b7791f',
  en_route: '#1d4ed8',
  on_scene: '#b42318',
  returning: '#57606a',
  unknown: '#6f42c1',
};

export const RISK_COLOURS: Record<RiskLevel, string> = {
  major: '#7a0916',
  significant: '#d7263d',
  general: '#e9b600',
  low: '#1e6bd6',
};

export const MONITORING_NORMAL = '#0f766e';
export const REQUISITION_COLOUR = '#7c4a1e';
export const INCIDENT_COLOUR = '#b42318';
