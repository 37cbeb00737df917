import { REPORT_KINDS, REPORT_KIND_LABELS, ZReport, ZReportList } from '@muster/contracts';
import type { ReportKind, TIncidentCriteria } from '@muster/contracts';
import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { FormField } from '../forms/form-field.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { serverFieldErrors, useConsoleApi } from './api.ts';
import { SelectField, TextAreaField } from '../forms/fields.tsx';
import { label, timeText } from './labels.ts';
import { Empty, FormFailure, Loaded } from './states.tsx';
import { useLoad } from './use-load.ts';

const CRITERIA = ['deaths', 'missing', 'injuries', 'affected'] as const;

/** 报告: the incident's reports, and a form to file one (kept as a draft or submitted at once). */
export function ReportsSection({
  incidentId,
  criteria,
  canFile,
  onFiled,
}: {
  incidentId: string;
  /** The incident's figures as they stand: a new report starts from them. */
  criteria: TIncidentCriteria;
  canFile: boolean;
  onFiled: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const fetcher = useCallback(
    (signal: AbortSignal) =>
      api.get(`/api/response/incidents/${incidentId}/reports`, ZReportList, signal),
    [api, incidentId],
  );
  const load = useLoad(fetcher);
  const [kind, setKind] = useState<ReportKind>('initial');
  const [summary, setSummary] = useState('');
  const [measures, setMeasures] = useState('');
  const [recipients, setRecipients] = useState(() => t('console.reports.defaultRecipient'));
  const [counts, setCounts] = useState<Record<(typeof CRITERIA)[number], string>>(() => ({
    deaths: String(criteria.deaths),
    missing: String(criteria.missing),
    injuries: String(criteria.injuries),
    affected: String(criteria.affected),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent, submit: boolean) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    const r = await api.send('POST', `/api/response/incidents/${incidentId}/reports`, ZReport, {
      kind,
      summary,
      measures,
      recipients: recipients
        .split(/[,，\n]+/)
        .map((s) => s.trim())
        .filter(Boolean),
      criteria: Object.fromEntries(CRITERIA.map((c) => [c, Number(counts[c] || 0)])),
      submit,
    });
    setBusy(false);
    if (!r.ok) {
      setErrors(serverFieldErrors(r.failure, locale));
      setFailure(r.failure);
      return;
    }
    setErrors({});
    setSummary('');
    setMeasures('');
    load.reload();
    onFiled();
  };
  const submitDraft = async (id: string) => {
    const r = await api.send('POST', `/api/response/reports/${id}/submit`, ZReport);
    if (!r.ok) return setFailure(r.failure);
    load.reload();
    onFiled();
  };

  return (
    <section className="console-section" aria-labelledby="reports-title">
      <h2 id="reports-title">{t('console.reports.title')}</h2>
      <Loaded load={load} reload={load.reload}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('console.reports.empty')}</Empty>
          ) : (
            <ul className="console-list">
              {data.items.map((r) => (
                <li key={r.id} className="console-card">
                  <div className="console-card-head">
                    <h3>
                      {label(REPORT_KIND_LABELS[r.kind], locale)}
                      {r.sequence && r.kind === 'follow_up' ? ` #${r.sequence}` : ''}
                    </h3>
                    <span className="status-tag">
                      {r.status === 'draft'
                        ? t('console.reports.draft')
                        : r.late
                          ? t('console.reports.late')
                          : t('console.reports.submitted')}
                    </span>
                  </div>
                  <p>{r.summary}</p>
                  <p className="muted">
                    {t('console.reports.at', {
                      time: timeText(r.submittedAt ?? r.createdAt, locale),
                    })}
                  </p>
                  {r.status === 'draft' && canFile ? (
                    <button
                      type="button"
                      className="console-button"
                      onClick={() => void submitDraft(r.id)}
                    >
                      {t('console.reports.submitDraft')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {canFile ? (
        <form
          className="console-form"
          onSubmit={(e) => void onSubmit(e, true)}
          noValidate
          aria-labelledby="report-form-title"
        >
          <h3 id="report-form-title">{t('console.reports.form.title')}</h3>
          <FormFailure failure={failure} fields={errors} />
          <SelectField
            id="rep-kind"
            label={t('console.reports.kind')}
            value={kind}
            error={errors.kind}
            onChange={(e) => setKind(e.target.value as ReportKind)}
            options={REPORT_KINDS.map((k) => ({
              value: k,
              label: label(REPORT_KIND_LABELS[k], locale),
            }))}
          />
          <TextAreaField
            id="rep-summary"
            label={t('console.reports.summary')}
            value={summary}
            error={errors.summary}
            rows={3}
            onChange={(e) => setSummary(e.target.value)}
          />
          <TextAreaField
            id="rep-measures"
            label={t('console.reports.measures')}
            value={measures}
            error={errors.measures}
            rows={2}
            onChange={(e) => setMeasures(e.target.value)}
          />
          <FormField
            id="rep-recipients"
            label={t('console.reports.recipients')}
            hint={t('console.reports.recipientsHint')}
            value={recipients}
            error={errors.recipients ?? errors['recipients.0']}
            onChange={(e) => setRecipients(e.target.value)}
          />
          <div className="console-grid">
            {CRITERIA.map((c) => (
              <FormField
                key={c}
                id={`rep-${c}`}
                type="number"
                min={0}
                inputMode="numeric"
                label={t(`console.reports.criteria.${c}`)}
                value={counts[c]}
                error={errors[`criteria.${c}`]}
                onChange={(e) => setCounts((x) => ({ ...x, [c]: e.target.value }))}
              />
            ))}
          </div>
          <div className="console-actions">
            <button type="submit" className="button-primary" disabled={busy}>
              {t('console.reports.form.submit')}
            </button>
            <button
              type="button"
              className="console-button"
              disabled={busy}
              onClick={(e) => void onSubmit(e, false)}
            >
              {t('console.reports.form.draft')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
