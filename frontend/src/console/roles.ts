import type { Role } from '@muster/contracts';

/**
 * Who opens the duty console: the office and the commanders. The server decides each request;
 * this only keeps others from pages that would answer 403.
 */
export const CONSOLE_ROLES = [
  'admin',
  'duty_officer',
  'commander',
] as const satisfies readonly Role[];

export function canUseConsole(role: Role): boolean {
  return (CONSOLE_ROLES as readonly Role[]).includes(role);
}

/** Who changes warnings and risk inspections and reports incidents (`OFFICE` in the backend's routes). */
export function isOffice(role: Role): boolean {
  return role === 'admin' || role === 'duty_officer';
}

/**
 * Who requests, approves and rejects requisitions (`OFFICER_ROLES` in the requisition module's
 * guards): the office, and a commander for the incidents they command.
 */
export function actsOnRequisitions(role: Role): boolean {
  return isOffice(role) || role === 'commander';
}
