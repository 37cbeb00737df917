import { CREDENTIAL_LIMITS, ZOk } from '@muster/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { failureCode, failureStatus } from '../api/fetch-json.ts';
import type { FetchFailure } from '../api/fetch-json.ts';
import { FailureText } from '../api/failure-text.tsx';
import { useAuth } from '../auth/session-context.tsx';
import { useApi } from '../auth/use-api.ts';
import { FormField } from '../forms/form-field.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { Translate } from '../i18n/i18n.tsx';

type Field = 'current' | 'next' | 'confirm';
type Values = Record<Field, string>;
type Errors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['current', 'next', 'confirm'];

function validate(v: Values, t: Translate): Errors {
  const e: Errors = {};
  const { passwordMin: min, passwordMax: max } = CREDENTIAL_LIMITS;
  if (v.current === '') e.current = t('password.error.current');
  if (v.next.length < min || v.next.length > max) e.next = t('password.error.new', { min, max });
  else if (v.next === v.current) e.next = t('password.error.same');
  if (v.confirm !== v.next) e.confirm = t('password.error.confirm');
  return e;
}

/**
 * 修改密码 in a modal `<dialog>` (focus stays inside, Esc closes, focus returns to the button).
 * Success revokes every session of the account, this one too: the app returns to sign-in.
 */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const api = useApi();
  const { finished, leaving, lost } = useAuth();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [values, setValues] = useState<Values>({ current: '', next: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const focusFirst = (errs: Errors) => {
    const first = FIELDS.find((f) => errs[f]);
    if (first) dialog.current?.querySelector<HTMLInputElement>(`#password-${first}`)?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    const found = validate(values, t);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return focusFirst(found);
    setPending(true);
    // Every session ends, the socket's too (`session:ended`): expected, not news.
    const release = leaving();
    const result = await api.post('/api/auth/password', ZOk, {
      currentPassword: values.current,
      newPassword: values.next,
    });
    if (result.ok) {
      finished('passwordChanged');
      release();
      return;
    }
    release();
    // The session had already ended: that is news, unlike the end a change brings.
    if (failureStatus(result.failure) === 401) return lost('expired');
    setPending(false);
    if (failureCode(result.failure) === 'auth.wrong_password') {
      const wrong = { current: t('password.error.wrongCurrent') };
      setErrors(wrong);
      setValues((v) => ({ ...v, current: '' }));
      return focusFirst(wrong);
    }
    setFailure(result.failure);
  };

  const field = (name: Field) => ({
    id: `password-${name}`,
    type: 'password',
    value: values[name],
    error: errors[name],
    required: true,
    onChange: (e: { target: { value: string } }) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
  });

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-busy={pending}>
        <h2 id={titleId}>{t('password.title')}</h2>
        <p className="muted">{t('password.intro')}</p>
        {failure ? (
          <div className="notice notice-error" role="alert">
            <h3 className="notice-title">{t('password.error.title')}</h3>
            <FailureText failure={failure} />
          </div>
        ) : null}
        <FormField
          {...field('current')}
          label={t('password.current')}
          autoComplete="current-password"
          autoFocus
        />
        <FormField
          {...field('next')}
          label={t('password.new')}
          hint={t('password.newHint', { min: CREDENTIAL_LIMITS.passwordMin })}
          autoComplete="new-password"
        />
        <FormField
          {...field('confirm')}
          label={t('password.confirm')}
          autoComplete="new-password"
        />
        <div className="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('password.cancel')}
          </button>
          <button type="submit" className="button-primary" aria-disabled={pending}>
            {pending ? t('password.submitting') : t('password.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
