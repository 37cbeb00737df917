import type { ReactNode } from 'react';
import type { TMatchCandidate, TMatchResult } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { messageIn } from './api.ts';
import { Empty } from './states.tsx';

function Candidate({
  c,
  action,
}: {
  c: TMatchCandidate;
  action?: ((c: TMatchCandidate) => ReactNode) | undefined;
}) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <li className={`console-card ${c.eligible ? 'candidate-in' : 'candidate-out'}`}>
      <div className="console-card-head">
        <h4>{c.name}</h4>
        <span className="status-tag">
          {c.eligible ? t('console.match.in') : t('console.match.out')}
        </span>
        <span className="muted">
          {t('console.match.distance', { km: c.distanceKm.toFixed(1) })} ·{' '}
          {t('console.match.readiness', { grade: c.readiness })}
        </span>
      </div>
      <ul className="reasons" aria-label={t('console.match.why', { team: c.name })}>
        {c.reasons.map((r) => (
          <li key={r.code} className={r.ok ? 'reason-ok' : 'reason-bad'}>
            <span aria-hidden="true">{r.ok ? '✓' : '✗'}</span>{' '}
            <span className="visually-hidden">
              {r.ok ? t('console.match.met') : t('console.match.notMet')}
            </span>
            {t(`console.match.reason.${r.code}`)}
            {r.detail ? <span className="muted"> — {messageIn(r.detail, locale)}</span> : null}
          </li>
        ))}
      </ul>
      {action ? action(c) : null}
    </li>
  );
}

/** The matching's answer: each candidate and each team left out, with every reason why. */
export function MatchCandidates({
  result,
  action,
}: {
  result: TMatchResult;
  action?: (c: TMatchCandidate) => ReactNode;
}) {
  const t = useT();
  return (
    <div className="console-split">
      <section aria-labelledby="match-in">
        <h3 id="match-in">{t('console.match.candidates', { n: result.candidates.length })}</h3>
        {result.candidates.length === 0 ? (
          <Empty>{t('console.match.noCandidates')}</Empty>
        ) : (
          <ul className="console-list">
            {result.candidates.map((c) => (
              <Candidate key={c.teamId} c={c} action={action} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="match-out">
        <h3 id="match-out">{t('console.match.excluded', { n: result.excluded.length })}</h3>
        {result.excluded.length === 0 ? (
          <Empty>{t('console.match.noExcluded')}</Empty>
        ) : (
          <ul className="console-list">
            {result.excluded.map((c) => (
              <Candidate key={c.teamId} c={c} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
