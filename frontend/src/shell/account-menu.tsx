import { ZOk } from '@muster/contracts';
import { useState } from 'react';
import { failureStatus } from '../api/fetch-json.ts';
import { roleLabel } from '../auth/roles.ts';
import { useAuth, useSession } from '../auth/session-context.tsx';
import { useApi } from '../auth/use-api.ts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { ChangePasswordDialog } from './change-password-dialog.tsx';

/** Who is signed in (name and role), and the ways out: change password, sign out. */
export function AccountMenu() {
  const t = useT();
  const { locale } = useLocale();
  const { account } = useSession();
  const { finished, leaving } = useAuth();
  const api = useApi();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutFailed, setSignOutFailed] = useState(false);
  const [changing, setChanging] = useState(false);

  const signOut = async () => {
    if (signingOut) return;
    setSigningOut(true);
    setSignOutFailed(false);
    // The server ends the socket too (`session:ended`); that is expected now, not news.
    const release = leaving();
    const result = await api.post('/api/auth/logout', ZOk);
    // 401: the session had already ended; signed out either way.
    if (result.ok || failureStatus(result.failure) === 401) finished('signedOut');
    else {
      setSigningOut(false);
      setSignOutFailed(true);
    }
    release();
  };

  return (
    <div className="account" aria-label={t('account.label')} role="group">
      <p className="account-who">
        <span className="account-name">{account.displayName ?? account.username}</span>
        <span className="account-role">{roleLabel(account.role, locale)}</span>
      </p>
      <button type="button" className="header-button" onClick={() => setChanging(true)}>
        {t('account.changePassword')}
      </button>
      <button
        type="button"
        className="header-button"
        aria-disabled={signingOut}
        onClick={() => void signOut()}
      >
        {signingOut ? t('account.signingOut') : t('account.signOut')}
      </button>
      {signOutFailed ? (
        <p className="account-error" role="alert">
          {t('account.signOutFailed')}
        </p>
      ) : null}
      {changing ? <ChangePasswordDialog onClose={() => setChanging(false)} /> : null}
    </div>
  );
}
