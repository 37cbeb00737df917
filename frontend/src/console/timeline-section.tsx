import { ZTimeline } from '@muster/contracts';
import type { TTimelineEntry } from '@muster/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { query, useConsoleApi } from './api.ts';
import { label, timeText } from './labels.ts';
import { Empty, ErrorNotice } from './states.tsx';

const PAGE_SIZE = 50;

/** 时间线: what happened to the incident, from every module, oldest first, a page at a time. */
export function TimelineSection({ incidentId, version }: { incidentId: string; version: number }) {
  const t = useT();
  const { locale } = useLocale();
  const api = useConsoleApi();
  const [items, setItems] = useState<TTimelineEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [failure, setFailure] = useState<FetchFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const fetchPage = useCallback(
    async (cursor: string | undefined, signal?: AbortSignal) => {
      setBusy(true);
      const r = await api.get(
        `/api/response/incidents/${incidentId}/timeline${query({ limit: PAGE_SIZE, cursor })}`,
        ZTimeline,
        signal,
      );
      setBusy(false);
      if (signal?.aborted) return;
      if (!r.ok) return setFailure(r.failure);
      setFailure(null);
      setItems((old) => (cursor && old ? [...old, ...r.data.items] : r.data.items));
      setNext(r.data.nextCursor);
    },
    [api, incidentId],
  );
  useEffect(() => {
    const c = new AbortController();
    void fetchPage(undefined, c.signal);
    return () => c.abort();
  }, [fetchPage, version]);

  return (
    <section className="console-section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('console.timeline.title')}</h2>
      {failure ? <ErrorNotice failure={failure} onRetry={() => void fetchPage(undefined)} /> : null}
      {items === null && !failure ? (
        <p className="notice" role="status">
          {t('console.loading')}
        </p>
      ) : null}
      {items && items.length === 0 ? <Empty>{t('console.timeline.empty')}</Empty> : null}
      {items && items.length > 0 ? (
        <ol className="timeline">
          {items.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{timeText(e.at, locale)}</time> {label(e.summary, locale)}
              {e.exercise ? <span className="exercise-tag">{t('console.exercise')}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {next ? (
        <button
          type="button"
          className="console-button"
          disabled={busy}
          onClick={() => void fetchPage(next)}
        >
          {t('console.timeline.more')}
        </button>
      ) : null}
    </section>
  );
}
