import {
  WARNING_LEVELS,
  WARNING_LEVEL_LABELS,
  ZAmendmentRequest,
  ZWarning,
} from '@muster/contracts';
import type { TWarning, WarningLevel } from '@muster/contracts';
import { useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useSession } from '../auth/session-context.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { serverFieldErrors, useConsoleApi, zodFieldErrors } from './api.ts';
import { SelectField } from '../forms/fields.tsx';
import { ReasonForm } from './reason-form.tsx';
import { label } from './labels.ts';
import { FormFailure } from './states.tsx';

type Step = 'submit' | 'approve' | 'discard';
type Reasoned = 'return' | 'adjust' | 'lift';

/** Whether a step (a submitted draft or an amendment) waits for a second officer. */
export function awaitingApproval(w: TWarning): boolean {
  return w.status === 'pending_approval' || w.pendingAmendment?.status === 'pending';
}

/** Who handed in the pending step: the four-eyes rule keeps them from approving it. */
function submitterOf(w: TWarning): string | null {
  if (w.status === 'pending_approval') return w.submittedBy;
  return w.pendingAmendment?.submittedBy ?? null;
}

/**
 * What an office account may do with a warning now: submit or discard a draft; approve (and so
 * publish) or return a pending step — never one it handed in itself; adjust or lift one in force.
 */
export function WarningActions({
  warning,
  onChanged,
}: {
  warning: TWarning;
  onChanged: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const { account } = useSession();
  const [open, setOpen] = useState<Reasoned | null>(null);
  const [level, setLevel] = useState<WarningLevel>(warning.level);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/monitoring/warnings/${warning.id}`;
  const name = warning.headline;

  const run = async (url: string, body?: unknown) => {
    setBusy(true);
    setFailure(null);
    const r = await api.send('POST', url, ZWarning, body);
    setBusy(false);
    if (r.ok) {
      setOpen(null);
      setErrors({});
      onChanged();
      return;
    }
    setErrors(serverFieldErrors(r.failure, locale));
    setFailure(r.failure);
  };
  const step = (s: Step) => void run(`${base}/${s}`);
  const submitReasoned = (reason: string) => {
    if (open === 'return') return void run(`${base}/return`, { reason });
    const body =
      open === 'lift'
        ? { action: 'lift', reason }
        : { action: 'adjust', reason, changes: { level } };
    const parsed = ZAmendmentRequest.safeParse(body);
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error, locale));
    void run(`${base}/amendments`, body);
  };

  const pending = awaitingApproval(warning);
  const own = pending && submitterOf(warning) === account.id;
  const inForce = (warning.status === 'issued' || warning.status === 'adjusted') && !pending;
  const toggle = (r: Reasoned) => {
    setOpen((o) => (o === r ? null : r));
    setErrors({});
    setFailure(null);
  };

  return (
    <div className="console-row-actions">
      <div className="console-actions">
        {warning.status === 'draft' ? (
          <>
            <button
              type="button"
              className="console-button"
              disabled={busy}
              onClick={() => step('submit')}
              aria-label={t('console.warnings.action.submitNamed', { name })}
            >
              {t('console.warnings.action.submit')}
            </button>
            <button
              type="button"
              className="console-button"
              disabled={busy}
              onClick={() => step('discard')}
              aria-label={t('console.warnings.action.discardNamed', { name })}
            >
              {t('console.warnings.action.discard')}
            </button>
          </>
        ) : null}
        {pending ? (
          <>
            <button
              type="button"
              className="button-primary"
              disabled={busy}
              onClick={() => step('approve')}
              aria-label={t('console.warnings.action.approveNamed', { name })}
              aria-describedby={own ? `own-${warning.id}` : undefined}
            >
              {t('console.warnings.action.approve')}
            </button>
            <button
              type="button"
              className="console-button"
              disabled={busy}
              aria-expanded={open === 'return'}
              onClick={() => toggle('return')}
            >
              {t('console.warnings.action.return')}
            </button>
          </>
        ) : null}
        {inForce && warning.origin === 'own' ? (
          <>
            <button
              type="button"
              className="console-button"
              aria-expanded={open === 'adjust'}
              onClick={() => toggle('adjust')}
            >
              {t('console.warnings.action.adjust')}
            </button>
            <button
              type="button"
              className="console-button"
              aria-expanded={open === 'lift'}
              onClick={() => toggle('lift')}
            >
              {t('console.warnings.action.lift')}
            </button>
          </>
        ) : null}
      </div>
      {own ? (
        <p id={`own-${warning.id}`} className="field-hint">
          {t('console.warnings.fourEyes')}
        </p>
      ) : null}
      <FormFailure failure={failure} fields={errors} />
      {open ? (
        <ReasonForm
          id={`reason-${open}-${warning.id}`}
          error={errors.reason}
          busy={busy}
          confirm={t(`console.warnings.confirm.${open}`)}
          onConfirm={submitReasoned}
          onCancel={() => setOpen(null)}
        >
          {open === 'adjust' ? (
            <SelectField
              id={`adj-level-${warning.id}`}
              label={t('console.warnings.field.newLevel')}
              value={level}
              error={errors['changes.level']}
              onChange={(e) => setLevel(e.target.value as WarningLevel)}
              options={WARNING_LEVELS.map((l) => ({
                value: l,
                label: label(WARNING_LEVEL_LABELS[l], locale),
              }))}
            />
          ) : null}
        </ReasonForm>
      ) : null}
    </div>
  );
}
