import {
  INCIDENT_SOURCES,
  INCIDENT_SOURCE_LABELS,
  ZIncident,
  ZIncidentTypes,
  ZReportIncidentRequest,
} from '@muster/contracts';
import type { IncidentCategory, TIncident } from '@muster/contracts';
import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { SelectField, TextAreaField } from '../forms/fields.tsx';
import { FormField } from '../forms/form-field.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { useConsoleApi } from './api.ts';
import { useCheckedSubmit } from './use-checked-submit.ts';
import { CRITERIA_FIELDS, incidentRequestOf } from './incident-request.ts';
import type { IncidentDraft, IncidentSource } from './incident-request.ts';
import { label, localInputValue } from './labels.ts';
import { FormFailure } from './states.tsx';
import { useLoad } from './use-load.ts';
import { WarningChoice } from './warning-choice.tsx';

/** The demo district's code (北碚区): where an incident is placed until the officer says more. */
const DISTRICT_CODE = '500109';

function emptyDraft(): IncidentDraft {
  return {
    category: 'natural_disaster',
    subtype: '',
    title: '',
    description: '',
    source: 'phone',
    warningId: '',
    sourceDetail: '',
    awareAt: localInputValue(Date.now()),
    lon: '',
    lat: '',
    areaCodes: DISTRICT_CODE,
    reporterName: '',
    reporterPhone: '',
    criteria: { deaths: '', missing: '', injuries: '', affected: '' },
    exercise: false,
  };
}

/**
 * 接报: a new incident — type from the catalogue, what and when the office learnt, where (a point
 * or area codes), who told it. Checked with the contract before it is sent; the server's refusal
 * stands under each field it names. `onReported` gets the incident the server opened.
 */
export function IncidentForm({ onReported }: { onReported: (i: TIncident) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const { errors, failure, busy, focus, submit, err } = useCheckedSubmit();
  const types = useLoad(
    useCallback(
      (signal: AbortSignal) => api.get('/api/response/incident-types', ZIncidentTypes, signal),
      [api],
    ),
  );
  const [d, setD] = useState<IncidentDraft>(emptyDraft);
  const set = <K extends keyof IncidentDraft>(k: K, v: IncidentDraft[K]) =>
    setD((x) => ({ ...x, [k]: v }));

  const categories = types.phase === 'ready' ? types.data.categories : [];
  const subtypes = categories.find((c) => c.code === d.category)?.subtypes ?? [];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = incidentRequestOf(d);
    void submit(
      ZReportIncidentRequest,
      body,
      () => api.send('POST', '/api/response/incidents', ZIncident, body),
      onReported,
    );
  };

  return (
    <form
      ref={focus.ref}
      className="console-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="incident-form-title"
      aria-busy={busy}
    >
      <h2 id="incident-form-title">{t('console.incidentForm.title')}</h2>
      <p className="muted">{t('console.incidentForm.intro')}</p>
      <FormFailure failure={failure} fields={errors} />
      <div className="console-grid">
        <SelectField
          id="inc-category"
          label={t('console.incidentForm.category')}
          value={d.category}
          error={err('category')}
          hint={types.phase === 'error' ? t('console.incidentForm.typesFailed') : undefined}
          onChange={(e) =>
            setD((x) => ({ ...x, category: e.target.value as IncidentCategory, subtype: '' }))
          }
          options={categories.map((c) => ({ value: c.code, label: label(c, locale) }))}
        />
        <SelectField
          id="inc-subtype"
          label={t('console.incidentForm.subtype')}
          value={d.subtype}
          error={err('subtype')}
          onChange={(e) => set('subtype', e.target.value)}
          options={[
            { value: '', label: t('console.choose') },
            ...subtypes.map((s) => ({ value: s.code, label: label(s, locale) })),
          ]}
        />
      </div>
      <FormField
        id="inc-title"
        label={t('console.incidentForm.headline')}
        hint={t('console.incidentForm.headlineHint')}
        value={d.title}
        error={err('title')}
        maxLength={200}
        required
        onChange={(e) => set('title', e.target.value)}
      />
      <TextAreaField
        id="inc-description"
        label={t('console.incidentForm.description')}
        value={d.description}
        error={err('description')}
        rows={3}
        onChange={(e) => set('description', e.target.value)}
      />
      <div className="console-grid">
        <SelectField
          id="inc-source"
          label={t('console.incidentForm.source')}
          value={d.source}
          error={err('source')}
          onChange={(e) => set('source', e.target.value as IncidentSource)}
          options={INCIDENT_SOURCES.map((s) => ({
            value: s,
            label: label(INCIDENT_SOURCE_LABELS[s], locale),
          }))}
        />
        <FormField
          id="inc-awareAt"
          type="datetime-local"
          label={t('console.incidentForm.awareAt')}
          hint={t('console.incidentForm.awareAtHint')}
          value={d.awareAt}
          error={err('awareAt')}
          onChange={(e) => set('awareAt', e.target.value)}
        />
      </div>
      {d.source === 'warning' ? (
        <WarningChoice
          value={d.warningId}
          error={err('warningId')}
          onChange={(id) => set('warningId', id)}
        />
      ) : null}
      <FormField
        id="inc-sourceDetail"
        label={t('console.incidentForm.sourceDetail')}
        hint={t('console.incidentForm.sourceDetailHint')}
        value={d.sourceDetail}
        error={err('sourceDetail')}
        onChange={(e) => set('sourceDetail', e.target.value)}
      />
      <fieldset className="console-fieldset">
        <legend>{t('console.incidentForm.location')}</legend>
        <p className="field-hint">{t('console.incidentForm.pointHint')}</p>
        {errors.location ? <p className="field-error">{errors.location}</p> : null}
        <div className="console-grid">
          <FormField
            id="inc-lon"
            label={t('console.incidentForm.lon')}
            inputMode="decimal"
            value={d.lon}
            error={err('location.lon')}
            onChange={(e) => set('lon', e.target.value)}
          />
          <FormField
            id="inc-lat"
            label={t('console.incidentForm.lat')}
            inputMode="decimal"
            value={d.lat}
            error={err('location.lat')}
            onChange={(e) => set('lat', e.target.value)}
          />
        </div>
        <FormField
          id="inc-areaCodes"
          label={t('console.warnings.field.codes')}
          hint={t('console.warnings.field.codesHint')}
          value={d.areaCodes}
          error={err('areaCodes')}
          onChange={(e) => set('areaCodes', e.target.value)}
        />
      </fieldset>
      <fieldset className="console-fieldset">
        <legend>{t('console.incidentForm.reporter')}</legend>
        <p className="field-hint">{t('console.incidentForm.reporterHint')}</p>
        <div className="console-grid">
          <FormField
            id="inc-reporterName"
            label={t('console.incidentForm.reporterName')}
            autoComplete="off"
            value={d.reporterName}
            error={err('reporter.name')}
            onChange={(e) => set('reporterName', e.target.value)}
          />
          <FormField
            id="inc-reporterPhone"
            label={t('console.incidentForm.reporterPhone')}
            type="tel"
            autoComplete="off"
            value={d.reporterPhone}
            error={err('reporter.phone')}
            onChange={(e) => set('reporterPhone', e.target.value)}
          />
        </div>
      </fieldset>
      <fieldset className="console-fieldset">
        <legend>{t('console.incidentForm.criteria')}</legend>
        <div className="console-grid">
          {CRITERIA_FIELDS.map((k) => (
            <FormField
              key={k}
              id={`inc-criteria-${k}`}
              type="number"
              inputMode="numeric"
              min={0}
              label={t(`console.reports.criteria.${k}`)}
              value={d.criteria[k]}
              error={err(`criteria.${k}`)}
              onChange={(e) => set('criteria', { ...d.criteria, [k]: e.target.value })}
            />
          ))}
        </div>
      </fieldset>
      <div className="field field-check">
        <input
          id="inc-exercise"
          type="checkbox"
          checked={d.exercise}
          onChange={(e) => set('exercise', e.target.checked)}
        />
        <label htmlFor="inc-exercise">{t('console.incidentForm.exercise')}</label>
      </div>
      <div className="console-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('console.sending') : t('console.incidentForm.submit')}
        </button>
      </div>
    </form>
  );
}
