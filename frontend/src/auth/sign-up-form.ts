import { CREDENTIAL_LIMITS, ZSignupRequest } from '@muster/contracts';
import type { TErrorResponse } from '@muster/contracts';
import type { Translate } from '../i18n/i18n.tsx';

export const SIGNUP_FIELDS = ['username', 'displayName', 'phone', 'password', 'confirm'] as const;
export type SignupField = (typeof SIGNUP_FIELDS)[number];
export type SignupValues = Record<SignupField, string>;
export type SignupErrors = Partial<Record<SignupField, string>>;

export const EMPTY_SIGNUP: SignupValues = {
  username: '',
  displayName: '',
  phone: '',
  password: '',
  confirm: '',
};

function isField(name: unknown): name is SignupField {
  return (SIGNUP_FIELDS as readonly unknown[]).includes(name);
}

/** Our own words for a bad field: zod's messages are English-only and terse. */
function fieldMessage(field: SignupField, t: Translate): string {
  switch (field) {
    case 'username':
      return t('signup.error.username');
    case 'displayName':
      return t('signup.error.displayName');
    case 'phone':
      return t('signup.error.phone');
    case 'password':
      return t('signup.error.password', {
        min: CREDENTIAL_LIMITS.passwordMin,
        max: CREDENTIAL_LIMITS.passwordMax,
      });
    case 'confirm':
      return t('signup.error.confirm');
  }
}

/** The request body: the username as the server stores it (trimmed, lower case). */
export function signupBody(v: SignupValues) {
  return {
    username: v.username.trim().toLowerCase(),
    displayName: v.displayName.trim(),
    phone: v.phone.replace(/[\s-]/g, ''),
    password: v.password,
  };
}

/** Checks the form with the contract's own schema before sending it. */
export function validateSignup(v: SignupValues, t: Translate): SignupErrors {
  const errors: SignupErrors = {};
  const parsed = ZSignupRequest.safeParse(signupBody(v));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (isField(field) && !errors[field]) errors[field] = fieldMessage(field, t);
    }
  }
  if (v.confirm !== v.password) errors.confirm = fieldMessage('confirm', t);
  return errors;
}

/** The fields a server refusal names (`body.phone`), each with our message for it. */
export function serverFieldErrors(error: TErrorResponse['error'], t: Translate): SignupErrors {
  if (error.code === 'account.username_taken') return { username: t('signup.error.taken') };
  const errors: SignupErrors = {};
  for (const issue of error.issues ?? []) {
    const field = issue.path.split('.')[1];
    if (isField(field)) errors[field] = fieldMessage(field, t);
  }
  return errors;
}
