import { Suspense, lazy, useEffect, useRef } from 'react';
import { canSeeStatus, isTeamRole } from './auth/roles.ts';
import { canUseConsole } from './console/roles.ts';
import { useSession } from './auth/session-context.tsx';
import { useT } from './i18n/i18n.tsx';
import { AccountMenu } from './shell/account-menu.tsx';
import { ConnectionIndicator } from './shell/connection-indicator.tsx';
import { LanguageSwitch } from './shell/language-switch.tsx';
import { NavLink } from './shell/nav-link.tsx';
import { NoAccessPage } from './shell/no-access-page.tsx';
import { NotFoundPage } from './shell/not-found-page.tsx';
import { TeamPortalPage } from './portal/team-portal-page.tsx';
import { PAGE_TITLE_ID } from './shell/page-title.tsx';
import { navigate, useRoute } from './shell/router.ts';
import type { Route } from './shell/router.ts';
import { SystemStatusPage } from './system/system-status-page.tsx';

/** The map and Leaflet load with the map page only: the other pages stay light on a phone. */
/** The duty console loads with its own pages only. */
const ConsolePage = lazy(() =>
  import('./console/console-page.tsx').then((m) => ({ default: m.ConsolePage })),
);

const CommandMapPage = lazy(() =>
  import('./map/command-map-page.tsx').then((m) => ({ default: m.CommandMapPage })),
);

function ConsoleLoading() {
  const t = useT();
  return (
    <p className="notice" role="status">
      {t('console.loading')}
    </p>
  );
}

function MapLoading() {
  const t = useT();
  return (
    <p className="notice" role="status">
      {t('map.config.loading')}
    </p>
  );
}

function Page({
  route,
  operator,
  consoleUser,
}: {
  route: Route;
  operator: boolean;
  consoleUser: boolean;
}) {
  switch (route) {
    case 'console':
      return consoleUser ? (
        <Suspense fallback={<ConsoleLoading />}>
          <ConsolePage />
        </Suspense>
      ) : (
        <NoAccessPage />
      );
    case 'status':
      return operator ? <SystemStatusPage /> : <NoAccessPage />;
    case 'map':
      return (
        <Suspense fallback={<MapLoading />}>
          <CommandMapPage />
        </Suspense>
      );
    case 'portal':
      return <TeamPortalPage />;
    case 'not-found':
      return <NotFoundPage />;
    case 'home':
    case 'signup':
    case 'warnings':
      // Redirected by the shell to the role's first page.
      return null;
  }
}

/**
 * Focus follows the page: after an in-app page change, and when the shell first shows after a
 * sign-in (the focused button is gone), the new page's heading takes focus so it is announced.
 */
function useFocusOnPageChange(route: Route, afterSignIn: boolean): void {
  const previous = useRef<Route | null>(null);
  useEffect(() => {
    // About to be redirected to the role's first page, which is the one that counts.
    if (route === 'home' || route === 'signup') return;
    if (previous.current === route) return;
    const first = previous.current === null;
    previous.current = route;
    if (first && !afterSignIn) return;
    document.getElementById(PAGE_TITLE_ID)?.focus();
  }, [route, afterSignIn]);
}

/** The signed-in app shell: header with name, navigation, connection, account and language. */
export function App({ afterSignIn }: { afterSignIn: boolean }) {
  const t = useT();
  const route = useRoute();
  const { account } = useSession();
  const operator = canSeeStatus(account.role);
  const consoleUser = canUseConsole(account.role);
  const team = isTeamRole(account.role);
  // The admin starts at the system status, the duty officer and commander at their console, a
  // team at its portal.
  const first =
    account.role === 'admin'
      ? 'status'
      : consoleUser
        ? 'console'
        : team
          ? 'portal'
          : operator
            ? 'status'
            : 'map';
  useEffect(() => {
    if (route === 'home' || route === 'signup') navigate(first, { replace: true });
  }, [route, first]);
  useFocusOnPageChange(route, afterSignIn);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <p className="brand">{t('app.name')}</p>
        <nav aria-label={t('nav.label')}>
          <ul>
            {operator ? (
              <li>
                <NavLink to="status" current={route}>
                  {t('nav.status')}
                </NavLink>
              </li>
            ) : null}
            {consoleUser ? (
              <li>
                <NavLink to="console" current={route}>
                  {t('nav.console')}
                </NavLink>
              </li>
            ) : null}
            {team ? (
              <li>
                <NavLink to="portal" current={route}>
                  {t('nav.portal')}
                </NavLink>
              </li>
            ) : null}
            <li>
              <NavLink to="map" current={route}>
                {t('nav.map')}
              </NavLink>
            </li>
          </ul>
        </nav>
        <div className="header-tools">
          <ConnectionIndicator />
          <AccountMenu />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className={route === 'map' ? 'main-wide' : undefined}>
        <Page route={route} operator={operator} consoleUser={consoleUser} />
      </main>
      <footer className="site-footer">
        <ul>
          <li>
            <a href="/api/docs">{t('footer.apiDocs')}</a>
          </li>
          <li>
            <a href="/readyz">{t('footer.readiness')}</a>
          </li>
        </ul>
      </footer>
    </>
  );
}
