import { RISK_LEVEL_LABELS, RISK_TYPES, ZInspection, ZRiskList } from '@muster/contracts';
import type { TRiskPoint } from '@muster/contracts';
import { useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useSession } from '../auth/session-context.tsx';
import { FormField } from '../forms/form-field.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { serverFieldErrors, useConsoleApi } from './api.ts';
import { TextAreaField } from '../forms/fields.tsx';
import { isoOfLocalInput, label, localInputValue, timeText } from './labels.ts';
import { isOffice } from './roles.ts';
import { FormFailure } from './states.tsx';
import { PagedItems, StatusFilter, usePaged } from './paged.tsx';

/** 记录巡查: when, what was found, and whether hazards were. */
function InspectionForm({ point, onDone }: { point: TRiskPoint; onDone: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const [at, setAt] = useState(() => localInputValue(Date.now()));
  const [findings, setFindings] = useState('');
  const [hazards, setHazards] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    const r = await api.send('POST', `/api/monitoring/risks/${point.id}/inspections`, ZInspection, {
      inspectedAt: isoOfLocalInput(at),
      findings,
      hazardsFound: hazards,
    });
    setBusy(false);
    if (!r.ok) {
      setErrors(serverFieldErrors(r.failure, locale));
      return setFailure(r.failure);
    }
    onDone();
  };
  return (
    <form
      className="console-inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FormFailure failure={failure} fields={errors} />
      <FormField
        id={`insp-at-${point.id}`}
        type="datetime-local"
        label={t('console.inspections.at')}
        value={at}
        error={errors.inspectedAt}
        onChange={(e) => setAt(e.target.value)}
      />
      <TextAreaField
        id={`insp-findings-${point.id}`}
        label={t('console.inspections.findings')}
        value={findings}
        error={errors.findings}
        rows={2}
        onChange={(e) => setFindings(e.target.value)}
      />
      <div className="field field-check">
        <input
          id={`insp-hazards-${point.id}`}
          type="checkbox"
          checked={hazards}
          onChange={(e) => setHazards(e.target.checked)}
        />
        <label htmlFor={`insp-hazards-${point.id}`}>{t('console.inspections.hazards')}</label>
      </div>
      <div className="console-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('console.inspections.save')}
        </button>
      </div>
    </form>
  );
}

function RiskRow({
  p,
  canInspect,
  onChanged,
}: {
  p: TRiskPoint;
  canInspect: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [open, setOpen] = useState(false);
  return (
    <li className="console-card">
      <div className="console-card-head">
        <h3>{p.name}</h3>
        <span className="status-tag">{label(RISK_TYPES[p.type], locale)}</span>
        <span className="status-tag">
          {t('console.inspections.level', { level: label(RISK_LEVEL_LABELS[p.riskLevel], locale) })}
        </span>
      </div>
      <dl className="facts console-facts">
        <dt>{t('console.inspections.last')}</dt>
        <dd>
          {p.lastInspectedAt ? timeText(p.lastInspectedAt, locale) : t('console.inspections.never')}
        </dd>
        <dt>{t('console.inspections.next')}</dt>
        <dd className={p.overdue ? 'deadline-overdue' : undefined}>
          {timeText(p.nextInspectionDue, locale)}
          {p.overdue ? ` · ${t('console.deadline.overdue')}` : ''}
        </dd>
        <dt>{t('console.inspections.every')}</dt>
        <dd>{t('console.inspections.days', { n: p.inspectionEveryDays })}</dd>
        <dt>{t('console.inspections.contact')}</dt>
        <dd>{[p.contact.name, p.contact.phone].filter(Boolean).join(' ') || '—'}</dd>
      </dl>
      {canInspect ? (
        <button
          type="button"
          className="console-button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          {t('console.inspections.record', { name: p.name })}
        </button>
      ) : null}
      {open ? (
        <InspectionForm
          point={p}
          onDone={() => {
            setOpen(false);
            onChanged();
          }}
        />
      ) : null}
    </li>
  );
}

/** 风险巡查: risk points whose inspection is due (or all), and recording an inspection. */
export function InspectionsPage() {
  const t = useT();
  const { account } = useSession();
  const [which, setWhich] = useState<'due' | 'all'>('due');
  const paged = usePaged(ZRiskList, '/api/monitoring/risks', {
    overdue: which === 'due' ? 'true' : undefined,
  });
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{t('console.inspections.title')}</PageTitle>
      <p className="lead">{t('console.inspections.intro')}</p>
      <div className="console-toolbar">
        <StatusFilter
          id="risk-filter"
          label={t('console.inspections.show')}
          value={which}
          values={['due', 'all'] as const}
          labelOf={(v) => (v === 'due' ? t('console.inspections.due') : t('console.filter.all'))}
          onChange={(v) => setWhich(v || 'due')}
          paged={paged}
          all={false}
        />
      </div>
      <PagedItems
        paged={paged}
        empty={which === 'due' ? t('console.inspections.noneDue') : t('console.inspections.empty')}
      >
        {(data) => (
          <ul className="console-list" aria-label={t('console.inspections.title')}>
            {data.items.map((p) => (
              <RiskRow
                key={p.id}
                p={p}
                canInspect={isOffice(account.role)}
                onChanged={paged.load.reload}
              />
            ))}
          </ul>
        )}
      </PagedItems>
    </section>
  );
}
