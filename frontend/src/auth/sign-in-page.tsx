import { ZSession } from '@muster/contracts';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { failureCode, requestJson } from '../api/fetch-json.ts';
import type { FetchFailure } from '../api/fetch-json.ts';
import { FailureText } from '../api/failure-text.tsx';
import { FormField } from '../forms/form-field.tsx';
import { useCountdown } from '../forms/use-countdown.ts';
import type { Countdown } from '../forms/use-countdown.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { NavLink } from '../shell/nav-link.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { useAuth } from './session-context.tsx';
import type { SignedOutReason } from './session-context.tsx';

const reasonText: Record<SignedOutReason, MessageKey> = {
  signedOut: 'signIn.notice.signedOut',
  expired: 'signIn.notice.expired',
  revoked: 'signIn.notice.revoked',
  passwordChanged: 'signIn.notice.passwordChanged',
};

/**
 * Why the last attempt failed. A throttled one says the wait from Retry-After once (an alert that
 * changed every second would be read out every second), counts it down visibly, and says when
 * the wait is over.
 */
function SignInError({ failure, wait }: { failure: FetchFailure; wait: Countdown }) {
  const t = useT();
  const retryAfter =
    failure.kind === 'server' && failure.error.code === 'auth.throttled'
      ? failure.retryAfter
      : undefined;
  return (
    <div className="notice notice-error">
      <div role="alert">
        <h2 className="notice-title">{t('signIn.error.title')}</h2>
        {retryAfter === undefined ? (
          <FailureText failure={failure} />
        ) : (
          <p>{t('signIn.error.throttled', { seconds: retryAfter })}</p>
        )}
      </div>
      {retryAfter === undefined ? null : (
        <>
          {wait.remaining > 0 ? (
            <p className="muted" aria-hidden="true">
              {t('signIn.error.wait', { seconds: wait.remaining })}
            </p>
          ) : null}
          <p className="muted" role="status">
            {wait.finished ? t('signIn.error.throttledOver') : ''}
          </p>
        </>
      )}
    </div>
  );
}

/** 登录: username and password; the server sets the HttpOnly session cookie. */
export function SignInPage({ reason }: { reason: SignedOutReason | null }) {
  const t = useT();
  const { signedIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState({ username: false, password: false });
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const wait = useCountdown();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    const miss = { username: username.trim() === '', password: password === '' };
    setMissing(miss);
    if (miss.username) return usernameRef.current?.focus();
    if (miss.password) return passwordRef.current?.focus();
    setPending(true);
    setFailure(null);
    wait.reset();
    const result = await requestJson('/api/auth/login', ZSession, {
      method: 'POST',
      body: { username: username.trim(), password, client: 'browser' },
    });
    setPending(false);
    if (result.ok) return signedIn(result.data);
    setFailure(result.failure);
    const code = failureCode(result.failure);
    if (code === 'auth.throttled' && result.failure.kind === 'server') {
      if (result.failure.retryAfter !== undefined) wait.start(result.failure.retryAfter);
    } else if (code === 'auth.invalid_credentials') {
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  return (
    <AuthLayout>
      <PageTitle>{t('signIn.title')}</PageTitle>
      <p className="lead">{t('signIn.intro')}</p>
      {reason && !failure ? (
        <p className="notice notice-info" role="status">
          {t(reasonText[reason])}
        </p>
      ) : null}
      {failure ? <SignInError failure={failure} wait={wait} /> : null}
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-busy={pending}>
        <FormField
          id="sign-in-username"
          label={t('signIn.username')}
          inputRef={usernameRef}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={missing.username ? t('signIn.required.username') : undefined}
        />
        <FormField
          id="sign-in-password"
          label={t('signIn.password')}
          inputRef={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={missing.password ? t('signIn.required.password') : undefined}
        />
        <button type="submit" className="button-primary" aria-disabled={pending}>
          {pending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <p className="auth-switch">
        {t('signIn.signupPrompt')}{' '}
        <NavLink to="signup" current="home">
          {t('signIn.signupLink')}
        </NavLink>
      </p>
      <p className="auth-switch">
        <NavLink to="warnings" current="home">
          {t('public.linkFromSignIn')}
        </NavLink>
      </p>
    </AuthLayout>
  );
}
