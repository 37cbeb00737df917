import { ROLE_LABELS } from '@muster/contracts';
import type { Role } from '@muster/contracts';
import type { Locale } from '../i18n/locale.ts';

/**
 * Who may open the system status page: the operators. Mirrors the backend's guard on
 * `/api/system/status` (`requireRole('admin', 'duty_officer')` in app.ts); the server decides,
 * this only keeps others from a page that would answer 403.
 */
export const STATUS_ROLES = ['admin', 'duty_officer'] as const satisfies readonly Role[];

export function canSeeStatus(role: Role): boolean {
  return (STATUS_ROLES as readonly Role[]).includes(role);
}

/** A role's name in the interface language, from the one table in contracts. */
export function roleLabel(role: Role, locale: Locale): string {
  return ROLE_LABELS[role][locale === 'zh-CN' ? 'zh' : 'en'];
}

/** Who the team portal is for: the leaders and members of social rescue teams. */
export function isTeamRole(role: Role): boolean {
  return role === 'team_leader' || role === 'team_member';
}
