import { RESPONSE_LEVELS, RESPONSE_LEVEL_LABELS, ZAccountList, ZIncident } from '@muster/contracts';
import type { TIncident } from '@muster/contracts';
import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { FormField } from '../forms/form-field.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { serverFieldErrors, useConsoleApi } from './api.ts';
import { SelectField, TextAreaField } from '../forms/fields.tsx';
import { label } from './labels.ts';
import { FormFailure } from './states.tsx';
import { useLoad } from './use-load.ts';

/** The commanders an activation can name (active accounts with the commander role). */
function useCommanders() {
  const api = useConsoleApi();
  const fetcher = useCallback(
    (signal: AbortSignal) =>
      api.get('/api/accounts?role=commander&status=active&limit=200', ZAccountList, signal),
    [api],
  );
  return useLoad(fetcher);
}

/**
 * 启动应急响应 (art. 72): matters, level, expected duration and measures, and the commander.
 * What is left out is sent as left out, so the server's art. 72 message stands against each
 * field; the contract is checked where it is enforced, once.
 */
export function ActivationForm({
  incident,
  onActivated,
}: {
  incident: TIncident;
  onActivated: (i: TIncident) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const commanders = useCommanders();
  const [level, setLevel] = useState(incident.grade ?? '');
  const [matters, setMatters] = useState('');
  const [hours, setHours] = useState('');
  const [measures, setMeasures] = useState('');
  const [commander, setCommander] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const lines = measures
      .split('\n')
      .map((m) => m.trim())
      .filter(Boolean);
    const body = {
      level: level || undefined,
      matters: matters.trim() || undefined,
      expectedDurationHours: hours.trim() === '' ? undefined : Number(hours),
      measures: lines.length > 0 ? lines : undefined,
      commanderAccountId: commander || undefined,
    };
    setBusy(true);
    setFailure(null);
    const r = await api.send(
      'POST',
      `/api/response/incidents/${incident.id}/activate`,
      ZIncident,
      body,
    );
    setBusy(false);
    if (r.ok) {
      setErrors({});
      onActivated(r.data);
      return;
    }
    const fields = serverFieldErrors(r.failure, locale);
    setErrors(fields);
    setFailure(r.failure);
    // Focus the first field in error so a keyboard or screen-reader user lands on it.
    const first = [
      'level',
      'matters',
      'expectedDurationHours',
      'measures',
      'commanderAccountId',
    ].find((k) => Object.keys(fields).some((f) => f === k || f.startsWith(`${k}.`)));
    if (first) document.getElementById(`act-${first}`)?.focus();
  };
  const err = (k: string) =>
    errors[k] ?? Object.entries(errors).find(([p]) => p.startsWith(`${k}.`))?.[1];

  const commanderOptions =
    commanders.phase === 'ready'
      ? commanders.data.items.map((a) => ({
          value: a.id,
          label: a.displayName ? `${a.displayName}（${a.username}）` : a.username,
        }))
      : [];

  return (
    <form
      className="console-form"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="activation-title"
    >
      <h2 id="activation-title">{t('console.activation.title')}</h2>
      <p className="muted">{t('console.activation.intro')}</p>
      <FormFailure failure={failure} fields={errors} />
      <SelectField
        id="act-level"
        label={t('console.activation.level')}
        value={level}
        error={err('level')}
        onChange={(e) => setLevel(e.target.value)}
        options={[
          { value: '', label: t('console.choose') },
          ...RESPONSE_LEVELS.map((l) => ({
            value: l,
            label: label(RESPONSE_LEVEL_LABELS[l], locale),
          })),
        ]}
      />
      <TextAreaField
        id="act-matters"
        label={t('console.activation.matters')}
        value={matters}
        error={err('matters')}
        rows={2}
        onChange={(e) => setMatters(e.target.value)}
      />
      <FormField
        id="act-expectedDurationHours"
        type="number"
        inputMode="numeric"
        min={1}
        max={8760}
        label={t('console.activation.hours')}
        value={hours}
        error={err('expectedDurationHours')}
        onChange={(e) => setHours(e.target.value)}
      />
      <TextAreaField
        id="act-measures"
        label={t('console.activation.measures')}
        hint={t('console.activation.measuresHint')}
        value={measures}
        error={err('measures')}
        rows={4}
        onChange={(e) => setMeasures(e.target.value)}
      />
      <SelectField
        id="act-commanderAccountId"
        label={t('console.activation.commander')}
        hint={
          commanders.phase === 'error'
            ? t('console.activation.commandersFailed')
            : commanders.phase === 'loading'
              ? t('console.loading')
              : commanderOptions.length === 0
                ? t('console.activation.noCommanders')
                : undefined
        }
        value={commander}
        error={err('commanderAccountId')}
        onChange={(e) => setCommander(e.target.value)}
        options={[{ value: '', label: t('console.choose') }, ...commanderOptions]}
      />
      <div className="console-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('console.activation.submit')}
        </button>
      </div>
    </form>
  );
}
