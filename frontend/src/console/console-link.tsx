import type { MouseEvent, ReactNode } from 'react';
import { consolePath, goTo } from './console-route.ts';
import type { ConsoleSection } from './console-route.ts';

/** A real link to a console page that changes page without a reload. */
export function ConsoleLink({
  section,
  id,
  current,
  children,
}: {
  section: ConsoleSection;
  id?: string;
  current?: boolean;
  children: ReactNode;
}) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    goTo(section, id);
  };
  return (
    <a
      href={consolePath(section, id)}
      onClick={onClick}
      aria-current={current ? 'page' : undefined}
    >
      {children}
    </a>
  );
}
