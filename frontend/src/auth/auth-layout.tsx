import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { LanguageSwitch } from '../shell/language-switch.tsx';

/**
 * The frame of the pages shown without a session: the name, the language switch (and `tools`
 * beside it), and the page — one card, or with `wide` the whole width (the public page).
 */
export function AuthLayout({
  children,
  tools,
  wide,
}: {
  children: ReactNode;
  tools?: ReactNode;
  wide?: boolean;
}) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <p className="brand">{t('app.name')}</p>
        <div className="header-tools">
          {tools}
          <LanguageSwitch />
        </div>
      </header>
      {wide ? (
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      ) : (
        <main id="main" tabIndex={-1} className="auth-main">
          <div className="auth-card">{children}</div>
        </main>
      )}
    </>
  );
}
