import {
  WARNING_CATEGORIES,
  WARNING_LEVELS,
  WARNING_LEVEL_LABELS,
  ZWarning,
  ZWarningDraftRequest,
} from '@muster/contracts';
import type { TWarning, WarningCategory } from '@muster/contracts';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { FormField } from '../forms/form-field.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { serverFieldErrors, useConsoleApi, zodFieldErrors } from './api.ts';
import { SelectField, TextAreaField } from '../forms/fields.tsx';
import { isoOfLocalInput, label, localInputValue } from './labels.ts';
import { FormFailure } from './states.tsx';

/** The demo district's code (北碚区); an officer types others, comma-separated. */
const DISTRICT_CODE = '500109';
const HOUR_MS = 3_600_000;

interface Draft {
  category: WarningCategory;
  level: (typeof WARNING_LEVELS)[number];
  headline: string;
  areaDescription: string;
  areaCodes: string;
  onset: string;
  expiresAt: string;
  impacts: string;
  advice: string;
  issuer: string;
  exercise: boolean;
}

function requestOf(d: Draft) {
  return {
    category: d.category,
    level: d.level,
    headline: d.headline,
    area: {
      description: d.areaDescription,
      codes: d.areaCodes
        .split(/[,，\s]+/)
        .map((c) => c.trim())
        .filter(Boolean),
    },
    onset: isoOfLocalInput(d.onset),
    expiresAt: isoOfLocalInput(d.expiresAt),
    impacts: d.impacts || undefined,
    advice: d.advice || undefined,
    issuer: d.issuer || undefined,
    exercise: d.exercise,
  };
}

/**
 * 拟制预警: a draft with art. 64's content, saved and handed to a second officer for approval in
 * one step (or kept as a draft). Measures default to the pack of the level on the server.
 */
export function WarningForm({ onDone }: { onDone: (w: TWarning) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const [d, setD] = useState<Draft>(() => ({
    category: 'rainstorm',
    level: 'blue',
    headline: '',
    areaDescription: '',
    areaCodes: DISTRICT_CODE,
    onset: localInputValue(Date.now()),
    expiresAt: localInputValue(Date.now() + 24 * HOUR_MS),
    impacts: '',
    advice: '',
    issuer: t('console.warnings.defaultIssuer'),
    exercise: false,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  const save = async (andSubmit: boolean) => {
    setFailure(null);
    const body = requestOf(d);
    const parsed = ZWarningDraftRequest.safeParse(body);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, locale));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const created = await api.send('POST', '/api/monitoring/warnings', ZWarning, body);
      if (!created.ok) {
        setErrors(serverFieldErrors(created.failure, locale));
        setFailure(created.failure);
        return;
      }
      if (!andSubmit) return onDone(created.data);
      const submitted = await api.send(
        'POST',
        `/api/monitoring/warnings/${created.data.id}/submit`,
        ZWarning,
      );
      if (!submitted.ok) {
        // The draft is kept; what is missing is named against its field.
        setErrors(serverFieldErrors(submitted.failure, locale));
        setFailure(submitted.failure);
        return;
      }
      onDone(submitted.data);
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(true);
  };
  const err = (k: string) => errors[k];

  return (
    <form
      className="console-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="warning-form-title"
    >
      <h2 id="warning-form-title">{t('console.warnings.form.title')}</h2>
      <p className="muted">{t('console.warnings.form.intro')}</p>
      <FormFailure failure={failure} fields={errors} />
      <div className="console-grid">
        <SelectField
          id="w-category"
          label={t('console.warnings.field.category')}
          value={d.category}
          error={err('category')}
          onChange={(e) => set('category', e.target.value as WarningCategory)}
          options={(Object.keys(WARNING_CATEGORIES) as WarningCategory[]).map((c) => ({
            value: c,
            label: label(WARNING_CATEGORIES[c], locale),
          }))}
        />
        <SelectField
          id="w-level"
          label={t('console.warnings.field.level')}
          value={d.level}
          error={err('level')}
          onChange={(e) => set('level', e.target.value as Draft['level'])}
          options={WARNING_LEVELS.map((l) => ({
            value: l,
            label: label(WARNING_LEVEL_LABELS[l], locale),
          }))}
        />
      </div>
      <FormField
        id="w-headline"
        label={t('console.warnings.field.headline')}
        value={d.headline}
        error={err('headline')}
        onChange={(e) => set('headline', e.target.value)}
        maxLength={200}
        required
      />
      <FormField
        id="w-area"
        label={t('console.warnings.field.area')}
        hint={t('console.warnings.field.areaHint')}
        value={d.areaDescription}
        error={err('area.description') ?? err('area')}
        onChange={(e) => set('areaDescription', e.target.value)}
        required
      />
      <FormField
        id="w-codes"
        label={t('console.warnings.field.codes')}
        hint={t('console.warnings.field.codesHint')}
        value={d.areaCodes}
        error={
          err('area.codes') ?? Object.entries(errors).find(([k]) => k.startsWith('area.codes'))?.[1]
        }
        onChange={(e) => set('areaCodes', e.target.value)}
      />
      <div className="console-grid">
        <FormField
          id="w-onset"
          type="datetime-local"
          label={t('console.warnings.field.onset')}
          value={d.onset}
          error={err('onset')}
          onChange={(e) => set('onset', e.target.value)}
        />
        <FormField
          id="w-expires"
          type="datetime-local"
          label={t('console.warnings.field.expiresAt')}
          value={d.expiresAt}
          error={err('expiresAt')}
          onChange={(e) => set('expiresAt', e.target.value)}
        />
      </div>
      <TextAreaField
        id="w-impacts"
        label={t('console.warnings.field.impacts')}
        value={d.impacts}
        error={err('impacts')}
        rows={3}
        onChange={(e) => set('impacts', e.target.value)}
      />
      <TextAreaField
        id="w-advice"
        label={t('console.warnings.field.advice')}
        hint={t('console.warnings.field.adviceHint')}
        value={d.advice}
        error={err('advice')}
        rows={2}
        onChange={(e) => set('advice', e.target.value)}
      />
      <p className="field-hint">{t('console.warnings.field.measuresHint')}</p>
      {err('measures') ? <p className="field-error">{err('measures')}</p> : null}
      <FormField
        id="w-issuer"
        label={t('console.warnings.field.issuer')}
        value={d.issuer}
        error={err('issuer')}
        onChange={(e) => set('issuer', e.target.value)}
      />
      <div className="field field-check">
        <input
          id="w-exercise"
          type="checkbox"
          checked={d.exercise}
          onChange={(e) => set('exercise', e.target.checked)}
        />
        <label htmlFor="w-exercise">{t('console.warnings.field.exercise')}</label>
      </div>
      <div className="console-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('console.warnings.form.submit')}
        </button>
        <button
          type="button"
          className="console-button"
          disabled={busy}
          onClick={() => void save(false)}
        >
          {t('console.warnings.form.saveDraft')}
        </button>
      </div>
    </form>
  );
}
