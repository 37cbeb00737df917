import { useSyncExternalStore } from 'react';
import { ROUTES, navigatePath, subscribeLocation } from '../shell/router.ts';

/** The duty console's sub-pages, each at a path under `/console`. */
export type ConsoleView =
  | { page: 'warnings' }
  | { page: 'incidents' }
  | { page: 'incident'; id: string }
  | { page: 'callups' }
  | { page: 'callup'; id: string }
  | { page: 'requisition' }
  | { page: 'inspections' }
  | { page: 'drills' }
  | { page: 'not-found' };

export type ConsoleSection =
  'warnings' | 'incidents' | 'callups' | 'requisition' | 'inspections' | 'drills';
export const CONSOLE_SECTIONS: readonly ConsoleSection[] = [
  'warnings',
  'incidents',
  'callups',
  'requisition',
  'inspections',
  'drills',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The sub-page a path names; `/console` alone is the section the role starts with. */
export function consoleViewOf(pathname: string, start: ConsoleSection): ConsoleView {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(2);
  const [section, id, more] = parts;
  if (section === undefined) return { page: start };
  if (more !== undefined) return { page: 'not-found' };
  if (id !== undefined) {
    if (!UUID.test(id)) return { page: 'not-found' };
    if (section === 'incidents') return { page: 'incident', id };
    if (section === 'callups') return { page: 'callup', id };
    return { page: 'not-found' };
  }
  return (CONSOLE_SECTIONS as readonly string[]).includes(section)
    ? { page: section as ConsoleSection }
    : { page: 'not-found' };
}

/** The path of a section or of one record in it. */
export function consolePath(section: ConsoleSection, id?: string): string {
  return id ? `${ROUTES.console}/${section}/${id}` : `${ROUTES.console}/${section}`;
}

/** The section a view belongs to (for the sub-navigation). */
export function sectionOf(view: ConsoleView): ConsoleSection | null {
  switch (view.page) {
    case 'incident':
      return 'incidents';
    case 'callup':
      return 'callups';
    case 'not-found':
      return null;
    default:
      return view.page;
  }
}

/** The path shown in the address bar, following back/forward and in-app links. */
export function usePathname(): string {
  return useSyncExternalStore(subscribeLocation, () => window.location.pathname);
}

export function goTo(section: ConsoleSection, id?: string): void {
  navigatePath(consolePath(section, id));
}
