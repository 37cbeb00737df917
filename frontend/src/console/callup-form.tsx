import {
  CAPABILITIES,
  CAPABILITY_LABELS,
  ZCallup,
  ZForcesIncidentList,
  ZMatchResult,
} from '@muster/contracts';
import type { Capability, TCallup, TMatchResult } from '@muster/contracts';
import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { FormField } from '../forms/form-field.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { serverFieldErrors, useConsoleApi } from './api.ts';
import { SelectField, TextAreaField } from '../forms/fields.tsx';
import { isoOfLocalInput, label, localInputValue } from './labels.ts';
import { MatchCandidates } from './match-candidates.tsx';
import { FormFailure } from './states.tsx';
import { useLoad } from './use-load.ts';

const HOUR_MS = 3_600_000;
/** 北碚区's centre: where the rally point starts before an incident is chosen. */
const BEIBEI = { lon: 106.437, lat: 29.825 };

interface Need {
  capability: Capability;
  count: string;
}

/**
 * 发起调用: what is needed, where and when, under which terms; "preview" runs the matching and
 * shows each team in or out with the reasons, "order" makes the call-up and opens its board.
 */
export function CallupForm({ onCreated }: { onCreated: (c: TCallup) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const incidents = useLoad(
    useCallback(
      (signal: AbortSignal) =>
        api.get('/api/forces/incidents?status=open&limit=200', ZForcesIncidentList, signal),
      [api],
    ),
  );
  const [incidentId, setIncidentId] = useState('');
  const [needs, setNeeds] = useState<Need[]>([{ capability: 'water_rescue', count: '1' }]);
  const [lon, setLon] = useState(String(BEIBEI.lon));
  const [lat, setLat] = useState(String(BEIBEI.lat));
  const [address, setAddress] = useState('');
  const [from, setFrom] = useState(() => localInputValue(Date.now()));
  const [to, setTo] = useState(() => localInputValue(Date.now() + 12 * HOUR_MS));
  const [task, setTask] = useState('');
  const [yuanPerHour, setYuanPerHour] = useState('30');
  const [expenses, setExpenses] = useState(true);
  const [insured, setInsured] = useState(true);
  const [insuranceNote, setInsuranceNote] = useState('');
  const [ackMinutes, setAckMinutes] = useState('15');
  const [autoEscalate, setAutoEscalate] = useState(true);
  const [preview, setPreview] = useState<TMatchResult | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const chooseIncident = (id: string) => {
    setIncidentId(id);
    const found =
      incidents.phase === 'ready' ? incidents.data.items.find((i) => i.id === id) : undefined;
    if (found?.location) {
      setLon(String(found.location.lon));
      setLat(String(found.location.lat));
    }
  };
  const common = () => ({
    incidentId: incidentId || undefined,
    needs: needs.map((n) => ({ capability: n.capability, count: Number(n.count) })),
    rallyPoint: { lon: Number(lon), lat: Number(lat), address: address.trim() || undefined },
    window: { from: isoOfLocalInput(from), to: isoOfLocalInput(to) },
    insuranceRequired: insured,
  });
  const refused = (f: FetchFailure) => {
    setErrors(serverFieldErrors(f, locale));
    setFailure(f);
  };
  const runPreview = async () => {
    setBusy(true);
    setFailure(null);
    const r = await api.send('POST', '/api/forces/callups/preview', ZMatchResult, common());
    setBusy(false);
    if (!r.ok) return refused(r.failure);
    setErrors({});
    setPreview(r.data);
  };
  const order = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    const r = await api.send('POST', '/api/forces/callups', ZCallup, {
      ...common(),
      task,
      terms: {
        personHourFen: Math.round(Number(yuanPerHour || 0) * 100),
        equipmentHourFen: [],
        expensesReimbursed: expenses,
      },
      insuranceNote: insured ? undefined : insuranceNote.trim() || undefined,
      ackMinutes: Number(ackMinutes),
      autoEscalate,
    });
    setBusy(false);
    if (!r.ok) return refused(r.failure);
    onCreated(r.data);
  };
  const err = (k: string) =>
    errors[k] ?? Object.entries(errors).find(([p]) => p.startsWith(`${k}.`))?.[1];
  const setNeed = (i: number, n: Partial<Need>) =>
    setNeeds((all) => all.map((x, j) => (j === i ? { ...x, ...n } : x)));

  return (
    <form
      className="console-form"
      onSubmit={(e) => void order(e)}
      noValidate
      aria-labelledby="callup-form-title"
    >
      <h2 id="callup-form-title">{t('console.callups.form.title')}</h2>
      <FormFailure failure={failure} fields={errors} />
      <SelectField
        id="cu-incident"
        label={t('console.callups.incident')}
        value={incidentId}
        error={err('incidentId')}
        hint={incidents.phase === 'error' ? t('console.callups.incidentsFailed') : undefined}
        onChange={(e) => chooseIncident(e.target.value)}
        options={[
          { value: '', label: t('console.choose') },
          ...(incidents.phase === 'ready'
            ? incidents.data.items.map((i) => ({ value: i.id, label: i.title ?? i.id }))
            : []),
        ]}
      />
      <fieldset className="console-fieldset">
        <legend>{t('console.callups.needs')}</legend>
        {err('needs') ? <p className="field-error">{err('needs')}</p> : null}
        {needs.map((n, i) => (
          <div className="console-grid" key={i}>
            <SelectField
              id={`cu-cap-${i}`}
              label={t('console.callups.capability', { n: i + 1 })}
              value={n.capability}
              onChange={(e) => setNeed(i, { capability: e.target.value as Capability })}
              options={CAPABILITIES.map((c) => ({
                value: c,
                label: label(CAPABILITY_LABELS[c], locale),
              }))}
            />
            <FormField
              id={`cu-count-${i}`}
              type="number"
              min={1}
              label={t('console.callups.count', { n: i + 1 })}
              value={n.count}
              onChange={(e) => setNeed(i, { count: e.target.value })}
            />
            {needs.length > 1 ? (
              <button
                type="button"
                className="console-button"
                onClick={() => setNeeds((all) => all.filter((_, j) => j !== i))}
              >
                {t('console.callups.removeNeed', { n: i + 1 })}
              </button>
            ) : null}
          </div>
        ))}
        <button
          type="button"
          className="console-button"
          onClick={() => setNeeds((all) => [...all, { capability: 'first_aid', count: '1' }])}
        >
          {t('console.callups.addNeed')}
        </button>
      </fieldset>
      <div className="console-grid">
        <FormField
          id="cu-lon"
          label={t('console.callups.lon')}
          inputMode="decimal"
          value={lon}
          error={err('rallyPoint.lon')}
          onChange={(e) => setLon(e.target.value)}
        />
        <FormField
          id="cu-lat"
          label={t('console.callups.lat')}
          inputMode="decimal"
          value={lat}
          error={err('rallyPoint.lat')}
          onChange={(e) => setLat(e.target.value)}
        />
      </div>
      <FormField
        id="cu-address"
        label={t('console.callups.address')}
        value={address}
        error={err('rallyPoint.address')}
        onChange={(e) => setAddress(e.target.value)}
      />
      <div className="console-grid">
        <FormField
          id="cu-from"
          type="datetime-local"
          label={t('console.callups.from')}
          value={from}
          error={err('window.from')}
          onChange={(e) => setFrom(e.target.value)}
        />
        <FormField
          id="cu-to"
          type="datetime-local"
          label={t('console.callups.to')}
          value={to}
          error={err('window.to')}
          onChange={(e) => setTo(e.target.value)}
        />
      </div>
      <div className="field field-check">
        <input
          id="cu-insured"
          type="checkbox"
          checked={insured}
          onChange={(e) => setInsured(e.target.checked)}
        />
        <label htmlFor="cu-insured">{t('console.callups.insuranceRequired')}</label>
      </div>
      {!insured ? (
        <FormField
          id="cu-insurance-note"
          label={t('console.callups.insuranceNote')}
          value={insuranceNote}
          error={err('insuranceNote')}
          onChange={(e) => setInsuranceNote(e.target.value)}
        />
      ) : null}
      <div className="console-actions">
        <button
          type="button"
          className="console-button"
          disabled={busy}
          onClick={() => void runPreview()}
        >
          {t('console.callups.preview')}
        </button>
      </div>
      {preview ? <MatchCandidates result={preview} /> : null}
      <TextAreaField
        id="cu-task"
        label={t('console.callups.task')}
        value={task}
        error={err('task')}
        rows={2}
        onChange={(e) => setTask(e.target.value)}
      />
      <div className="console-grid">
        <FormField
          id="cu-rate"
          type="number"
          min={0}
          step="0.01"
          label={t('console.callups.rate')}
          value={yuanPerHour}
          error={err('terms.personHourFen')}
          onChange={(e) => setYuanPerHour(e.target.value)}
        />
        <FormField
          id="cu-ack"
          type="number"
          min={1}
          label={t('console.callups.ackMinutes')}
          value={ackMinutes}
          error={err('ackMinutes')}
          onChange={(e) => setAckMinutes(e.target.value)}
        />
      </div>
      <div className="field field-check">
        <input
          id="cu-expenses"
          type="checkbox"
          checked={expenses}
          onChange={(e) => setExpenses(e.target.checked)}
        />
        <label htmlFor="cu-expenses">{t('console.callups.expenses')}</label>
      </div>
      <div className="field field-check">
        <input
          id="cu-escalate"
          type="checkbox"
          checked={autoEscalate}
          onChange={(e) => setAutoEscalate(e.target.checked)}
        />
        <label htmlFor="cu-escalate">{t('console.callups.autoEscalate')}</label>
      </div>
      <div className="console-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('console.callups.order')}
        </button>
      </div>
    </form>
  );
}
