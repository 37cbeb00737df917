import { useState } from 'react';
import type { z } from 'zod';
import type { FetchFailure, FetchResult } from '../api/fetch-json.ts';
import { useFocusFirstInvalid } from '../forms/use-focus-invalid.ts';
import { useLocale } from '../i18n/i18n.tsx';
import { serverFieldErrors, zodFieldErrors } from './api.ts';
import { errorUnder } from './form-values.ts';

/**
 * A console form's sending: the body is checked with the operation's contract schema first, then
 * sent once at a time; what either side refuses is shown under its field (`err`) with the
 * failure above the form, and the first field in error takes the focus (`focus.ref` on the form).
 */
export function useCheckedSubmit() {
  const { locale } = useLocale();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const focus = useFocusFirstInvalid();

  async function submit<T>(
    schema: z.ZodType,
    body: unknown,
    send: () => Promise<FetchResult<T>>,
    onDone: (data: T) => void,
  ): Promise<void> {
    if (busy) return;
    setFailure(null);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, locale));
      focus.refused();
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await send();
    setBusy(false);
    if (r.ok) return onDone(r.data);
    setErrors(serverFieldErrors(r.failure, locale));
    setFailure(r.failure);
    focus.refused();
  }

  return {
    errors,
    busy,
    failure,
    focus,
    submit,
    /** The error shown under field `key` (or one of its parts). */
    err: (key: string) => errorUnder(errors, key),
  };
}
