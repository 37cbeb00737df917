import { RESPONSE_LEVELS, RESPONSE_LEVEL_LABELS, ZIncident } from '@muster/contracts';
import type { ResponseLevel, TIncident } from '@muster/contracts';
import { useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { serverFieldErrors, useConsoleApi } from './api.ts';
import { SelectField } from '../forms/fields.tsx';
import { ReasonForm } from './reason-form.tsx';
import { label } from './labels.ts';
import { FormFailure } from './states.tsx';

type Action = 'adjust' | 'terminate';

/** 调整 / 解除响应: raise or lower the level, or end the response (art. 86), with the reason. */
export function ResponseControls({
  incident,
  onChanged,
}: {
  incident: TIncident;
  onChanged: (i: TIncident) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const [open, setOpen] = useState<Action | null>(null);
  const [level, setLevel] = useState<ResponseLevel>(incident.level ?? 'IV');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (reason: string) => {
    if (!open) return;
    setBusy(true);
    const body = open === 'adjust' ? { level, reason } : { reason };
    const r = await api.send(
      'POST',
      `/api/response/incidents/${incident.id}/${open}`,
      ZIncident,
      body,
    );
    setBusy(false);
    if (!r.ok) {
      setErrors(serverFieldErrors(r.failure, locale));
      setFailure(r.failure);
      return;
    }
    setOpen(null);
    setErrors({});
    setFailure(null);
    onChanged(r.data);
  };
  const toggle = (a: Action) => {
    setOpen((o) => (o === a ? null : a));
    setErrors({});
    setFailure(null);
  };

  return (
    <div className="console-section">
      <div className="console-actions">
        <button
          type="button"
          className="console-button"
          aria-expanded={open === 'adjust'}
          onClick={() => toggle('adjust')}
        >
          {t('console.response.adjust')}
        </button>
        <button
          type="button"
          className="console-button"
          aria-expanded={open === 'terminate'}
          onClick={() => toggle('terminate')}
        >
          {t('console.response.terminate')}
        </button>
      </div>
      {open ? (
        <>
          <FormFailure failure={failure} fields={errors} />
          <ReasonForm
            id="resp-reason"
            error={errors.reason}
            busy={busy}
            confirm={t(`console.response.confirm.${open}`)}
            onConfirm={(reason) => void onSubmit(reason)}
            onCancel={() => setOpen(null)}
          >
            {open === 'adjust' ? (
              <SelectField
                id="resp-level"
                label={t('console.response.newLevel')}
                value={level}
                error={errors.level}
                onChange={(e) => setLevel(e.target.value as ResponseLevel)}
                options={RESPONSE_LEVELS.map((l) => ({
                  value: l,
                  label: label(RESPONSE_LEVEL_LABELS[l], locale),
                }))}
              />
            ) : null}
          </ReasonForm>
        </>
      ) : null}
    </div>
  );
}
