import type { MouseEvent, ReactNode } from 'react';
import { ROUTES, navigate } from './router.ts';
import type { Route, RouteName } from './router.ts';

/** A real link (opens in a new tab, copies as a URL) that changes page without a reload. */
export function NavLink({
  to,
  current,
  children,
}: {
  to: RouteName;
  current: Route;
  children: ReactNode;
}) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={ROUTES[to]} onClick={onClick} aria-current={current === to ? 'page' : undefined}>
      {children}
    </a>
  );
}
