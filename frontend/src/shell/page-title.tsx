import { useEffect } from 'react';
import { useT } from '../i18n/i18n.tsx';

export const PAGE_TITLE_ID = 'page-title';

/**
 * The page's one `<h1>`. It also names the browser tab, and can take focus so that after a page
 * change the shell moves focus here and a screen reader announces the new page.
 */
export function PageTitle({ children }: { children: string }) {
  const t = useT();
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${children} · ${appName}`;
  }, [children, appName]);
  return (
    <h1 id={PAGE_TITLE_ID} tabIndex={-1}>
      {children}
    </h1>
  );
}
