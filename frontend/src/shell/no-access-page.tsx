import { roleLabel } from '../auth/roles.ts';
import { useSession } from '../auth/session-context.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { NavLink } from './nav-link.tsx';
import { PageTitle } from './page-title.tsx';

/** Shown instead of a page the signed-in role may not open. */
export function NoAccessPage() {
  const t = useT();
  const { locale } = useLocale();
  const { account } = useSession();
  return (
    <>
      <PageTitle>{t('noAccess.title')}</PageTitle>
      <p className="notice">{t('noAccess.body', { role: roleLabel(account.role, locale) })}</p>
      <p>
        <NavLink to="map" current="status">
          {t('noAccess.toMap')}
        </NavLink>
      </p>
    </>
  );
}
