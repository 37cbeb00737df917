import {
  DRILL_LIMITS,
  ZDrillRunDetail,
  ZDrillRunList,
  ZScenarioList,
  ZStartDrillRequest,
} from '@muster/contracts';
import type { TDrillRun } from '@muster/contracts';
import { useCallback, useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useSession } from '../auth/session-context.tsx';
import { FormField } from '../forms/form-field.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { serverFieldErrors, useConsoleApi, zodFieldErrors } from './api.ts';
import { timeText } from './labels.ts';
import { isOffice } from './roles.ts';
import { Empty, ErrorNotice, FormFailure, Loaded, Pager } from './states.tsx';
import { useEvery, useLoad } from './use-load.ts';

/** Runs per page; the server answers the newest 100. */
const PAGE_SIZE = 10;
/** While a run is running its simulated clock is read every second; otherwise every 15 s. */
const LIVE_MS = 1_000;
const IDLE_MS = 15_000;

/** The runs shown on `page` (from 1) and whether another page follows. */
export function pageOf<T>(items: readonly T[], page: number, size = PAGE_SIZE) {
  const from = (page - 1) * size;
  return { rows: items.slice(from, from + size), more: items.length > from + size };
}

/** One run, what the reader may do with it, and what to do after a change. */
interface RunProps {
  run: TDrillRun;
  role: 'office' | 'admin' | 'reader';
  onChanged: () => void;
}

const reportPath = (id: string, ext: 'html' | 'pdf') => `/api/drills/runs/${id}/report.${ext}`;

/** 开始演练: the speed factor, checked with the contract's schema, then the run starts. */
function StartForm({
  scenarioId,
  name,
  onStarted,
}: {
  scenarioId: string;
  name: string;
  onStarted: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const [speed, setSpeed] = useState('10');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `drill-speed-${scenarioId}`;
  const submit = async () => {
    setFailure(null);
    const parsed = ZStartDrillRequest.safeParse({ scenarioId, speed: Number(speed) });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, locale));
      document.getElementById(id)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await api.post('/api/drills/runs', ZDrillRunDetail, parsed.data);
    setBusy(false);
    if (!r.ok) {
      setErrors(serverFieldErrors(r.failure, locale));
      return setFailure(r.failure);
    }
    onStarted();
  };
  return (
    <form
      className="console-inline-form"
      aria-label={t('console.drills.start', { name })}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FormFailure failure={failure} fields={errors} />
      <FormField
        id={id}
        type="number"
        inputMode="decimal"
        min={1}
        max={DRILL_LIMITS.speedMax}
        label={t('console.drills.speed')}
        hint={t('console.drills.speed.hint', { max: DRILL_LIMITS.speedMax })}
        value={speed}
        error={errors.speed}
        onChange={(e) => setSpeed(e.target.value)}
      />
      <div className="console-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('console.drills.startShort')}
        </button>
      </div>
    </form>
  );
}

function Scenarios({ canRun, onStarted }: { canRun: boolean; onStarted: () => void }) {
  const t = useT();
  const api = useConsoleApi();
  const fetcher = useCallback(
    (signal: AbortSignal) => api.get('/api/drills/scenarios', ZScenarioList, signal),
    [api],
  );
  const load = useLoad(fetcher);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="console-section" aria-labelledby="drill-scenarios">
      <h2 id="drill-scenarios">{t('console.drills.scenarios')}</h2>
      <Loaded load={load} reload={load.reload}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('console.drills.scenarios.empty')}</Empty>
          ) : (
            <ul className="console-list" aria-label={t('console.drills.scenarios')}>
              {data.items.map((s) => (
                <li key={s.id} className="console-card">
                  <div className="console-card-head">
                    <h3>{s.name}</h3>
                    <span className="exercise-tag">{t('console.exercise')}</span>
                  </div>
                  {s.description ? <p>{s.description}</p> : null}
                  <p className="muted">
                    {t('console.drills.scenario.injects', { n: s.injects })} ·{' '}
                    {t('console.drills.scenario.length', { min: Math.round(s.durationS / 60) })}
                  </p>
                  {canRun ? (
                    <button
                      type="button"
                      className="console-button"
                      aria-expanded={open === s.id}
                      onClick={() => setOpen((o) => (o === s.id ? null : s.id))}
                    >
                      {open === s.id
                        ? t('console.cancel')
                        : t('console.drills.start', { name: s.name })}
                    </button>
                  ) : null}
                  {open === s.id ? (
                    <StartForm
                      scenarioId={s.id}
                      name={s.name}
                      onStarted={() => {
                        setOpen(null);
                        onStarted();
                      }}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

/** 暂停 / 继续 / 结束, and for the admin 清除演练数据 once finished (after a confirmation). */
function RunControls({ run, role, onChanged }: RunProps) {
  const t = useT();
  const api = useConsoleApi();
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const act = async (step: 'pause' | 'resume' | 'stop' | 'remove-data') => {
    setBusy(true);
    setFailure(null);
    const r = await api.post(`/api/drills/runs/${run.id}/${step}`, ZDrillRunDetail);
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return setFailure(r.failure);
    onChanged();
  };
  const live = run.status === 'running' || run.status === 'paused';
  const canAct = role !== 'reader';
  return (
    <>
      {failure ? <ErrorNotice failure={failure} /> : null}
      <div className="console-actions">
        {canAct && live ? (
          <button
            type="button"
            className="console-button"
            disabled={busy}
            onClick={() => void act(run.status === 'running' ? 'pause' : 'resume')}
          >
            {run.status === 'running' ? t('console.drills.pause') : t('console.drills.resume')}
          </button>
        ) : null}
        {canAct && live ? (
          <button
            type="button"
            className="console-button"
            aria-label={t('console.drills.stopNamed', { name: run.name })}
            disabled={busy}
            onClick={() => void act('stop')}
          >
            {t('console.drills.stop')}
          </button>
        ) : null}
        {!live ? (
          <>
            <a href={reportPath(run.id, 'html')} target="_blank" rel="noreferrer">
              {t('console.drills.report')}
            </a>
            <a href={reportPath(run.id, 'pdf')} target="_blank" rel="noreferrer">
              {t('console.drills.reportPdf')}
            </a>
          </>
        ) : null}
        {role === 'admin' && !live && !run.removedAt ? (
          <button
            type="button"
            className="console-button"
            aria-expanded={confirming}
            disabled={busy}
            onClick={() => setConfirming((c) => !c)}
          >
            {confirming ? t('console.cancel') : t('console.drills.remove')}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="notice notice-error" role="alertdialog" aria-labelledby={`rm-${run.id}`}>
          <p id={`rm-${run.id}`}>{t('console.drills.remove.confirm')}</p>
          <button
            type="button"
            className="console-button"
            disabled={busy}
            onClick={() => void act('remove-data')}
          >
            {t('console.drills.remove.yes')}
          </button>
        </div>
      ) : null}
    </>
  );
}

function RunRow({ run, role, onChanged }: RunProps) {
  const t = useT();
  const { locale } = useLocale();
  const live = run.status === 'running' || run.status === 'paused';
  return (
    <li className="console-card" aria-label={run.name}>
      <div className="console-card-head">
        <h3>{run.name}</h3>
        <span className="status-tag" data-status={run.status}>
          {t(`console.drills.status.${run.status}`)}
        </span>
        <span className="status-tag">{t('console.drills.speedOf', { speed: run.speed })}</span>
        <span className="exercise-tag">{t('console.exercise')}</span>
        {run.removedAt ? <span className="status-tag">{t('console.drills.removed')}</span> : null}
      </div>
      <dl className="facts console-facts">
        <dt>{t('console.drills.simNow')}</dt>
        <dd>
          <time
            dateTime={run.simNow}
            className="drill-clock"
            aria-live={run.status === 'running' ? 'off' : undefined}
          >
            {timeText(run.simNow, locale, true)}
          </time>
        </dd>
        <dt>{t('console.drills.simStart')}</dt>
        <dd>{timeText(run.simStart, locale, true)}</dd>
        <dt>{t('console.drills.progress')}</dt>
        <dd>
          {t('console.drills.progressOf', {
            done: run.injects.done,
            total: run.injects.total,
            failed: run.injects.failed,
          })}
          {run.injects.interrupted > 0
            ? t('console.drills.progressInterrupted', { n: run.injects.interrupted })
            : null}
        </dd>
        <dt>{t('console.drills.startedBy')}</dt>
        <dd>{run.startedBy?.name ?? t('console.drills.unknownStarter')}</dd>
        <dt>{t('console.drills.startedAt')}</dt>
        <dd>{timeText(run.startedAt, locale)}</dd>
        {!live ? (
          <>
            <dt>{t('console.drills.finishedAt')}</dt>
            <dd>{timeText(run.finishedAt, locale)}</dd>
          </>
        ) : null}
      </dl>
      <RunControls run={run} role={role} onChanged={onChanged} />
    </li>
  );
}

/**
 * 演练: the scenarios ready to run, starting one at a speed factor, and the runs with their
 * simulated clock (read every second while one runs), pause / resume / stop, the after-action
 * report and, for the admin, removing a finished drill's data.
 */
export function DrillsPage() {
  const t = useT();
  const { account } = useSession();
  const api = useConsoleApi();
  const role = account.role === 'admin' ? 'admin' : isOffice(account.role) ? 'office' : 'reader';
  const fetcher = useCallback(
    (signal: AbortSignal) => api.get('/api/drills/runs', ZDrillRunList, signal),
    [api],
  );
  const runs = useLoad(fetcher);
  const [page, setPage] = useState(1);
  const anyLive = runs.phase === 'ready' && runs.data.items.some((r) => r.status === 'running');
  useEvery(anyLive ? LIVE_MS : IDLE_MS, runs.reload);
  return (
    <section aria-labelledby="page-title">
      <PageTitle>{t('console.drills.title')}</PageTitle>
      <p className="lead">{t('console.drills.intro')}</p>
      <Scenarios
        canRun={role !== 'reader'}
        onStarted={() => {
          setPage(1);
          runs.reload();
        }}
      />
      <section className="console-section" aria-labelledby="drill-runs">
        <h2 id="drill-runs">{t('console.drills.runs')}</h2>
        <Loaded load={runs} reload={runs.reload}>
          {(data) => {
            if (data.items.length === 0) return <Empty>{t('console.drills.runs.empty')}</Empty>;
            const { rows, more } = pageOf(data.items, page);
            return (
              <>
                <ul className="console-list" aria-label={t('console.drills.runs')}>
                  {rows.map((r) => (
                    <RunRow key={r.id} run={r} role={role} onChanged={runs.reload} />
                  ))}
                </ul>
                <Pager
                  page={page}
                  nextCursor={more ? String(page + 1) : null}
                  onNext={() => setPage((p) => p + 1)}
                  onPrevious={() => setPage((p) => Math.max(1, p - 1))}
                />
              </>
            );
          }}
        </Loaded>
      </section>
    </section>
  );
}
