import {
  ASSIGNMENT_STATUS_LABELS,
  CAPABILITY_LABELS,
  DEPLOYMENT_STATUS_LABELS,
  ZCallup,
  ZMatchResult,
} from '@muster/contracts';
import type { TCallup, TMatchCandidate } from '@muster/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useSession } from '../auth/session-context.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { useRealtime } from '../realtime/realtime-context.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { messageIn, useConsoleApi } from './api.ts';
import { ConsoleLink } from './console-link.tsx';
import { DeadlineCountdown } from './deadline-countdown.tsx';
import { label, timeText } from './labels.ts';
import { liveSignature, mergeBoard, useLiveCallupRows } from './live-board.ts';
import { MatchCandidates } from './match-candidates.tsx';
import { NeedProgress } from './need-progress.tsx';
import { ReasonForm } from './reason-form.tsx';
import { Empty, ErrorNotice, Loaded } from './states.tsx';
import { useEvery, useLoad } from './use-load.ts';

/** How often an open order's board is fetched besides the live rows. */
const BOARD_POLL_MS = 30_000;
const IDLE_POLL_MS = 60_000;

function Board({ callup }: { callup: TCallup }) {
  const t = useT();
  const { locale } = useLocale();
  const live = useLiveCallupRows(callup.id);
  const rows = mergeBoard(callup.board, live);
  return (
    <section className="console-section" aria-labelledby="board-title">
      <h2 id="board-title">{t('console.board.title')}</h2>
      <p className="muted">{t('console.board.live')}</p>
      {rows.length === 0 ? (
        <Empty>{t('console.board.empty')}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="callup-board">
            <caption className="visually-hidden">{t('console.board.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.board.team')}</th>
                <th scope="col">{t('console.board.capability')}</th>
                <th scope="col">{t('console.board.status')}</th>
                <th scope="col">{t('console.board.deployment')}</th>
                <th scope="col">{t('console.board.people')}</th>
                <th scope="col">{t('console.board.answerBy')}</th>
                <th scope="col">{t('console.board.leader')}</th>
              </tr>
            </thead>
            <tbody aria-live="polite">
              {rows.map((r) => (
                <tr key={r.teamId} data-team-id={r.teamId} data-status={r.status}>
                  <th scope="row">{r.teamName}</th>
                  <td>{label(CAPABILITY_LABELS[r.capability], locale)}</td>
                  <td className={`assignment assignment-${r.status}`}>
                    {label(ASSIGNMENT_STATUS_LABELS[r.status], locale)}
                    {r.declineReason ? <span className="muted"> — {r.declineReason}</span> : null}
                  </td>
                  <td>
                    {r.deployment ? label(DEPLOYMENT_STATUS_LABELS[r.deployment], locale) : '—'}
                  </td>
                  <td className="num">{r.people ?? '—'}</td>
                  <td>
                    {r.status === 'alerted' ? (
                      <DeadlineCountdown dueAt={r.ackDeadline} />
                    ) : (
                      timeText(r.answeredAt, locale)
                    )}
                  </td>
                  <td>{[r.leader.name, r.leader.phone].filter(Boolean).join(' ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The order's commands: alert the best candidates or one team, see who could still come, close. */
function Command({ callup, onChanged }: { callup: TCallup; onChanged: () => void }) {
  const t = useT();
  const api = useConsoleApi();
  const [candidates, setCandidates] = useState<ReturnType<typeof ZMatchResult.parse> | null>(null);
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [closing, setClosing] = useState(false);
  const [busy, setBusy] = useState(false);
  const base = `/api/forces/callups/${callup.id}`;

  const dispatch = async (teams: { teamId: string }[]) => {
    setBusy(true);
    setFailure(null);
    const r = await api.send('POST', `${base}/dispatch`, ZCallup, { teams });
    setBusy(false);
    if (!r.ok) return setFailure(r.failure);
    setCandidates(null);
    onChanged();
  };
  const showCandidates = async () => {
    setFailure(null);
    const r = await api.get(`${base}/candidates`, ZMatchResult);
    if (!r.ok) return setFailure(r.failure);
    setCandidates(r.data);
  };
  const close = async (reason: string) => {
    setBusy(true);
    const r = await api.send('POST', `${base}/close`, ZCallup, { reason });
    setBusy(false);
    if (!r.ok) return setFailure(r.failure);
    setClosing(false);
    onChanged();
  };
  const alertOne = (c: TMatchCandidate) => (
    <button
      type="button"
      className="console-button"
      disabled={busy}
      onClick={() => void dispatch([{ teamId: c.teamId }])}
    >
      {t('console.callups.alertTeam', { team: c.name })}
    </button>
  );

  return (
    <section className="console-section" aria-labelledby="command-title">
      <h2 id="command-title">{t('console.callups.command')}</h2>
      {failure ? <ErrorNotice failure={failure} /> : null}
      <div className="console-actions">
        <button
          type="button"
          className="button-primary"
          disabled={busy}
          onClick={() => void dispatch([])}
        >
          {t('console.callups.dispatchBest')}
        </button>
        <button type="button" className="console-button" onClick={() => void showCandidates()}>
          {t('console.callups.showCandidates')}
        </button>
        <button
          type="button"
          className="console-button"
          aria-expanded={closing}
          onClick={() => setClosing((c) => !c)}
        >
          {t('console.callups.close')}
        </button>
      </div>
      {closing ? (
        <ReasonForm
          id="close-reason"
          busy={busy}
          confirm={t('console.callups.confirmClose')}
          onConfirm={(reason) => void close(reason)}
          onCancel={() => setClosing(false)}
        />
      ) : null}
      {candidates ? <MatchCandidates result={candidates} action={alertOne} /> : null}
    </section>
  );
}

/**
 * Tells the server this page looks at the incident, as the map does when fitted to it: a duty
 * officer's connection then joins the incident's office room, where its board rows are pushed.
 */
function useFocusIncident(incidentId: string | undefined): void {
  const { focus } = useRealtime();
  useEffect(() => {
    if (!incidentId) return;
    focus(incidentId);
    return () => focus(null);
  }, [focus, incidentId]);
}

/** One call-up: the order, its needs, the live acceptance board and its commands. */
export function CallupPage({ id }: { id: string }) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const { account } = useSession();
  const fetcher = useCallback(
    (signal: AbortSignal) => api.get(`/api/forces/callups/${id}`, ZCallup, signal),
    [api, id],
  );
  const load = useLoad(fetcher);
  // A live change refetches the order: names, contacts and the needs' counts come with it.
  const signature = liveSignature(useLiveCallupRows(id));
  const { reload } = load;
  useEffect(() => {
    if (signature) reload();
  }, [signature, reload]);
  // Rows arrive live (the `callups` layer); a slow fetch as well covers a connection that is down.
  const open = load.phase === 'ready' && load.data.status === 'open';
  useEvery(open ? BOARD_POLL_MS : IDLE_POLL_MS, reload);
  const commands = account.role === 'duty_officer' || account.role === 'commander';
  useFocusIncident(load.phase === 'ready' ? load.data.incidentId : undefined);

  return (
    <article aria-labelledby="page-title">
      <p>
        <ConsoleLink section="callups">{t('console.callups.back')}</ConsoleLink>
      </p>
      <Loaded load={load} reload={load.reload}>
        {(c) => (
          <>
            <PageTitle>
              {t('console.callups.pageTitle', { incident: c.incidentTitle ?? '—' })}
            </PageTitle>
            {c.exercise ? <p className="exercise-tag">{t('console.exercise')}</p> : null}
            <dl className="facts console-facts">
              <dt>{t('console.callups.task')}</dt>
              <dd>{c.task}</dd>
              <dt>{t('console.callups.address')}</dt>
              <dd>{c.rallyPoint.address}</dd>
              <dt>{t('console.callups.window')}</dt>
              <dd>
                {timeText(c.window.from, locale)} – {timeText(c.window.to, locale)}
              </dd>
              <dt>{t('console.callups.legalBasis')}</dt>
              <dd className="muted">{messageIn(c.legalBasis, locale)}</dd>
            </dl>
            <NeedProgress needs={c.needs} />
            {commands && c.status === 'open' ? (
              <Command callup={c} onChanged={load.reload} />
            ) : null}
            <Board callup={c} />
          </>
        )}
      </Loaded>
    </article>
  );
}
