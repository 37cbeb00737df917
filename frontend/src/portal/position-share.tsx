import { CALLUP_LIMITS, ZPositionReportResult } from '@muster/contracts';
import { useEffect, useRef, useState } from 'react';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { formatTime } from '../system/format.ts';
import { usePortalApi } from './api.ts';
import { ErrorNotice } from './parts.tsx';

/**
 * How often this device sends its position at most: enough for a commander's map (teams move at
 * walking or driving pace), far below the server's own floor of one report per 2 s, and kind to
 * a phone's battery and data.
 */
export const POSITION_SEND_MS = Math.max(15_000, CALLUP_LIMITS.positionMinIntervalMs);

type GeoProblem = 'unsupported' | 'denied' | 'unavailable';

interface Sent {
  at: Date;
  accuracyM: number | undefined;
  outcome: 'accepted' | 'stale';
}

/**
 * Shares this device's position while the team is deployed: only after the member agrees to the
 * plain statement of what is kept and for how long, at most once per `POSITION_SEND_MS`, and
 * only while the page is open and sharing is on. Nothing is stored on the device.
 */
export function PositionShare({ incidentId }: { incidentId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const api = usePortalApi();
  const [agreed, setAgreed] = useState(false);
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<GeoProblem | null>(null);
  const [failure, setFailure] = useState<FetchFailure | undefined>();
  const [sent, setSent] = useState<Sent | null>(null);
  const latest = useRef<GeolocationPosition | null>(null);
  const lastSentFix = useRef<number>(0);

  useEffect(() => {
    if (!on) return;
    if (!('geolocation' in navigator)) {
      setProblem('unsupported');
      setOn(false);
      return;
    }
    let stopped = false;
    const post = async () => {
      const fix = latest.current;
      if (!fix || fix.timestamp === lastSentFix.current) return;
      lastSentFix.current = fix.timestamp;
      const accuracyM = Number.isFinite(fix.coords.accuracy) ? fix.coords.accuracy : undefined;
      const r = await api('POST', '/api/forces/positions', ZPositionReportResult, {
        lon: fix.coords.longitude,
        lat: fix.coords.latitude,
        ...(accuracyM === undefined ? {} : { accuracyM: Math.min(accuracyM, 100_000) }),
        reportedAt: new Date(fix.timestamp).toISOString(),
        incidentId,
      });
      if (stopped) return;
      if (r.ok) {
        setFailure(undefined);
        setSent({ at: new Date(), accuracyM, outcome: r.data.outcome });
      } else setFailure(r.failure);
    };
    const watch = navigator.geolocation.watchPosition(
      (p) => {
        const first = latest.current === null;
        latest.current = p;
        setProblem(null);
        if (first) void post();
      },
      (err) => {
        setProblem(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable');
        if (err.code === err.PERMISSION_DENIED) setOn(false);
      },
      { enableHighAccuracy: true, maximumAge: POSITION_SEND_MS, timeout: 30_000 },
    );
    const timer = window.setInterval(() => void post(), POSITION_SEND_MS);
    return () => {
      stopped = true;
      navigator.geolocation.clearWatch(watch);
      window.clearInterval(timer);
      latest.current = null;
    };
  }, [on, api, incidentId]);

  const seconds = POSITION_SEND_MS / 1000;
  return (
    <section className="position-share" aria-labelledby={`pos-${incidentId}`}>
      <h4 id={`pos-${incidentId}`}>{t('portal.position.title')}</h4>
      <div className="consent">
        <p>{t('portal.position.what', { seconds })}</p>
        <p>{t('portal.position.who')}</p>
        <p>{t('portal.position.kept')}</p>
        <p>{t('portal.position.stop')}</p>
      </div>
      {on ? (
        <>
          <p role="status" className="sharing-now">
            {sent
              ? t(sent.outcome === 'accepted' ? 'portal.position.sent' : 'portal.position.stale', {
                  time: formatTime(sent.at, locale),
                  accuracy: sent.accuracyM === undefined ? '—' : String(Math.round(sent.accuracyM)),
                })
              : t('portal.position.waiting')}
          </p>
          <button type="button" onClick={() => setOn(false)}>
            {t('portal.position.turnOff')}
          </button>
        </>
      ) : (
        <>
          <div className="check">
            <input
              id={`consent-${incidentId}`}
              type="checkbox"
              checked={agreed}
              onChange={(e) => setAgreed(e.target.checked)}
            />
            <label htmlFor={`consent-${incidentId}`}>{t('portal.position.agree')}</label>
          </div>
          <button
            type="button"
            className="button-primary"
            disabled={!agreed}
            onClick={() => {
              setProblem(null);
              setOn(true);
            }}
          >
            {t('portal.position.turnOn')}
          </button>
        </>
      )}
      {problem ? (
        <p className="notice notice-error" role="alert">
          {t(`portal.position.${problem}`)}
        </p>
      ) : null}
      {failure ? <ErrorNotice failure={failure} /> : null}
    </section>
  );
}
