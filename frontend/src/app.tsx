import { useEffect, useRef } from 'react';
import { useT } from './i18n/i18n.tsx';
import { CommandMapPage } from './map/command-map-page.tsx';
import { ConnectionIndicator } from './shell/connection-indicator.tsx';
import { LanguageSwitch } from './shell/language-switch.tsx';
import { NavLink } from './shell/nav-link.tsx';
import { NotFoundPage } from './shell/not-found-page.tsx';
import { PAGE_TITLE_ID } from './shell/page-title.tsx';
import { useRoute } from './shell/router.ts';
import type { Route } from './shell/router.ts';
import { SystemStatusPage } from './system/system-status-page.tsx';

function Page({ route }: { route: Route }) {
  switch (route) {
    case 'status':
      return <SystemStatusPage />;
    case 'map':
      return <CommandMapPage />;
    case 'not-found':
      return <NotFoundPage />;
  }
}

/** After an in-app page change, focus the new page's heading so it is announced and tab starts there. */
function useFocusOnPageChange(route: Route): void {
  const previous = useRef(route);
  useEffect(() => {
    if (previous.current === route) return;
    previous.current = route;
    document.getElementById(PAGE_TITLE_ID)?.focus();
  }, [route]);
}

/** The app shell: header with name, navigation, connection and language; the page; the footer. */
export function App() {
  const t = useT();
  const route = useRoute();
  useFocusOnPageChange(route);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <p className="brand">{t('app.name')}</p>
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to="status" current={route}>
                {t('nav.status')}
              </NavLink>
            </li>
            <li>
              <NavLink to="map" current={route}>
                {t('nav.map')}
              </NavLink>
            </li>
          </ul>
        </nav>
        <div className="header-tools">
          <ConnectionIndicator />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
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
