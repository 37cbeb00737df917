import './console.css';
import { useSession } from '../auth/session-context.tsx';
import { useT } from '../i18n/i18n.tsx';
import { NotFoundPage } from '../shell/not-found-page.tsx';
import { CallupPage } from './callup-page.tsx';
import { CallupsPage } from './callups-page.tsx';
import { ConsoleLink } from './console-link.tsx';
import { DrillsPage } from './drills-page.tsx';
import { CONSOLE_SECTIONS, consoleViewOf, sectionOf, usePathname } from './console-route.ts';
import type { ConsoleSection, ConsoleView } from './console-route.ts';
import { IncidentPage } from './incident-page.tsx';
import { IncidentsPage } from './incidents-page.tsx';
import { InspectionsPage } from './inspections-page.tsx';
import { RequisitionPage } from './requisition-page.tsx';
import { WarningsPage } from './warnings-page.tsx';

function View({ view }: { view: ConsoleView }) {
  switch (view.page) {
    case 'warnings':
      return <WarningsPage />;
    case 'incidents':
      return <IncidentsPage />;
    case 'incident':
      return <IncidentPage key={view.id} id={view.id} />;
    case 'callups':
      return <CallupsPage />;
    case 'callup':
      return <CallupPage key={view.id} id={view.id} />;
    case 'requisition':
      return <RequisitionPage />;
    case 'inspections':
      return <InspectionsPage />;
    case 'drills':
      return <DrillsPage />;
    case 'not-found':
      return <NotFoundPage />;
  }
}

/**
 * 值班台: the duty officer's and commander's console — warnings, incidents with their report
 * deadlines and response levels, call-ups, requisitions and inspections — each a page under
 * `/console`. A duty officer starts at the warnings, a commander at the incidents.
 */
export function ConsolePage() {
  const t = useT();
  const { account } = useSession();
  const start: ConsoleSection = account.role === 'commander' ? 'incidents' : 'warnings';
  const view = consoleViewOf(usePathname(), start);
  const current = sectionOf(view);
  return (
    <div className="console">
      <nav className="console-nav" aria-label={t('console.nav.label')}>
        <ul>
          {CONSOLE_SECTIONS.map((s) => (
            <li key={s}>
              <ConsoleLink section={s} current={s === current}>
                {t(`console.nav.${s}`)}
              </ConsoleLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="console-body">
        <View view={view} />
      </div>
    </div>
  );
}
