import { useSyncExternalStore } from 'react';

/**
 * The pages of the app, each at one path. The backend serves the app shell for any of them.
 * `home` sends each role to its first page: the operators to the system status, teams to their
 * portal, others to the map. `warnings` is the public page: it needs no sign-in.
 */
export const ROUTES = {
  home: '/',
  status: '/status',
  map: '/map',
  signup: '/signup',
  console: '/console',
  portal: '/portal',
  warnings: '/warnings',
} as const;
export type RouteName = keyof typeof ROUTES;
export type Route = RouteName | 'not-found';

const NAVIGATED = 'muster:navigated';

export function routeOf(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  // The duty console routes its own sub-pages (console/console-route.ts).
  if (path.startsWith(`${ROUTES.console}/`)) return 'console';
  const found = (Object.keys(ROUTES) as RouteName[]).find((name) => ROUTES[name] === path);
  return found ?? 'not-found';
}

/** Calls `onChange` on every change of the address (back/forward, `navigate`, `navigatePath`). */
export function subscribeLocation(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The page the address bar shows, following back/forward and `navigate()`. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribeLocation, () => routeOf(window.location.pathname));
}

/** Changes to any path of the app without a reload (sub-pages of a section). */
export function navigatePath(path: string): void {
  if (window.location.pathname === path) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** Changes page without a reload; `replace` rewrites the current history entry (a redirect). */
export function navigate(route: RouteName, o: { replace?: boolean } = {}): void {
  if (window.location.pathname === ROUTES[route]) return;
  if (o.replace) window.history.replaceState(null, '', ROUTES[route]);
  else window.history.pushState(null, '', ROUTES[route]);
  window.dispatchEvent(new Event(NAVIGATED));
}
