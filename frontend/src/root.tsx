import type { FetchFailure } from './api/fetch-json.ts';
import { FailureText } from './api/failure-text.tsx';
import { App } from './app.tsx';
import { AuthLayout } from './auth/auth-layout.tsx';
import { useAuth } from './auth/session-context.tsx';
import { SignInPage } from './auth/sign-in-page.tsx';
import { SignUpPage } from './auth/sign-up-page.tsx';
import { useT } from './i18n/i18n.tsx';
import { RealtimeProvider } from './realtime/realtime-context.tsx';
import { PublicWarningsPage } from './public/public-warnings-page.tsx';
import { PageTitle } from './shell/page-title.tsx';
import { useRoute } from './shell/router.ts';

function Checking() {
  const t = useT();
  return (
    <AuthLayout>
      <p className="notice" role="status">
        {t('app.checking')}
      </p>
    </AuthLayout>
  );
}

/** The session could not be asked about (server down, network): not the same as signed out. */
function Unreachable({ failure }: { failure: FetchFailure }) {
  const t = useT();
  const { check } = useAuth();
  return (
    <AuthLayout>
      <PageTitle>{t('app.unreachable.title')}</PageTitle>
      <div className="notice notice-error" role="alert">
        <FailureText failure={failure} />
        <p className="muted">{t('app.unreachable.retrying')}</p>
      </div>
      <button type="button" className="button-primary" onClick={() => void check()}>
        {t('app.unreachable.retry')}
      </button>
    </AuthLayout>
  );
}

/**
 * What the page shows for the session's state: the sign-in or sign-up page when signed out,
 * else the app with its live connection (opened only now, and closed at sign-out).
 */
export function Root() {
  const { state } = useAuth();
  const route = useRoute();
  // The public page is the same for everyone, signed in or not.
  if (route === 'warnings') return <PublicWarningsPage />;
  switch (state.phase) {
    case 'checking':
      return <Checking />;
    case 'unreachable':
      return <Unreachable failure={state.failure} />;
    case 'signed-out':
      return route === 'signup' ? <SignUpPage /> : <SignInPage reason={state.reason} />;
    case 'signed-in':
      // A new sign-in gets a new socket: the key is the session's own CSRF token.
      return (
        <RealtimeProvider key={state.session.csrfToken}>
          <App afterSignIn={state.fresh} />
        </RealtimeProvider>
      );
  }
}
