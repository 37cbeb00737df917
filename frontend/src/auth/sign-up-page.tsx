import { CREDENTIAL_LIMITS, ZAccount } from '@muster/contracts';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { requestJson } from '../api/fetch-json.ts';
import type { FetchFailure } from '../api/fetch-json.ts';
import { FailureText } from '../api/failure-text.tsx';
import { FormField } from '../forms/form-field.tsx';
import { useT } from '../i18n/i18n.tsx';
import { NavLink } from '../shell/nav-link.tsx';
import { PAGE_TITLE_ID, PageTitle } from '../shell/page-title.tsx';
import { AuthLayout } from './auth-layout.tsx';
import {
  EMPTY_SIGNUP,
  SIGNUP_FIELDS,
  serverFieldErrors,
  signupBody,
  validateSignup,
} from './sign-up-form.ts';
import type { SignupErrors, SignupField, SignupValues } from './sign-up-form.ts';

/** What the duty officer will review: shown once the sign-up went through. */
function SignedUp({ username }: { username: string }) {
  const t = useT();
  useEffect(() => {
    document.getElementById(PAGE_TITLE_ID)?.focus();
  }, []);
  return (
    <AuthLayout>
      <PageTitle>{t('signup.done.title')}</PageTitle>
      <p className="notice notice-info" role="status">
        {t('signup.done.body', { username })}
      </p>
      <p>
        <NavLink to="home" current="signup">
          {t('signup.backToSignIn')}
        </NavLink>
      </p>
    </AuthLayout>
  );
}

/** 队长注册: a team leader asks for an account; a duty officer approves it. */
export function SignUpPage() {
  const t = useT();
  const [values, setValues] = useState<SignupValues>(EMPTY_SIGNUP);
  const [errors, setErrors] = useState<SignupErrors>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const focusFirst = (errs: SignupErrors) => {
    const first = SIGNUP_FIELDS.find((f) => errs[f]);
    if (first) form.current?.querySelector<HTMLInputElement>(`#signup-${first}`)?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    const found = validateSignup(values, t);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return focusFirst(found);
    setPending(true);
    const body = signupBody(values);
    const result = await requestJson('/api/auth/signup', ZAccount, { method: 'POST', body });
    setPending(false);
    if (result.ok) return setDone(result.data.username);
    const fromServer =
      result.failure.kind === 'server' ? serverFieldErrors(result.failure.error, t) : {};
    setErrors(fromServer);
    setFailure(result.failure);
    focusFirst(fromServer);
  };

  if (done) return <SignedUp username={done} />;

  const field = (name: SignupField) => ({
    id: `signup-${name}`,
    name,
    value: values[name],
    error: errors[name],
    onChange: (e: { target: { value: string } }) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  const passwordHint = t('signup.password.hint', { min: CREDENTIAL_LIMITS.passwordMin });

  return (
    <AuthLayout>
      <PageTitle>{t('signup.title')}</PageTitle>
      <p className="lead">{t('signup.intro')}</p>
      {failure ? (
        <div className="notice notice-error" role="alert">
          <h2 className="notice-title">{t('signup.error.title')}</h2>
          <FailureText failure={failure} />
        </div>
      ) : null}
      <form
        ref={form}
        className="form"
        noValidate
        onSubmit={(e) => void submit(e)}
        aria-busy={pending}
      >
        <FormField
          {...field('username')}
          label={t('signup.username')}
          hint={t('signup.username.hint')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <FormField
          {...field('displayName')}
          label={t('signup.displayName')}
          autoComplete="name"
          required
        />
        <FormField
          {...field('phone')}
          label={t('signup.phone')}
          hint={t('signup.phone.hint')}
          type="tel"
          inputMode="numeric"
          autoComplete="tel-national"
          required
        />
        <FormField
          {...field('password')}
          label={t('signup.password')}
          hint={passwordHint}
          type="password"
          autoComplete="new-password"
          required
        />
        <FormField
          {...field('confirm')}
          label={t('signup.confirm')}
          type="password"
          autoComplete="new-password"
          required
        />
        <button type="submit" className="button-primary" aria-disabled={pending}>
          {pending ? t('signup.submitting') : t('signup.submit')}
        </button>
      </form>
      <p className="auth-switch">
        <NavLink to="home" current="signup">
          {t('signup.backToSignIn')}
        </NavLink>
      </p>
    </AuthLayout>
  );
}
