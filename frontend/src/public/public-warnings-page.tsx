import { WARNING_LEVELS, WARNING_LEVEL_LABELS } from '@muster/contracts';
import { FailureText } from '../api/failure-text.tsx';
import { AuthLayout } from '../auth/auth-layout.tsx';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { formatTime } from '../system/format.ts';
import { usePublicWarnings } from './use-public-warnings.ts';
import { WarningCard, pick } from './warning-card.tsx';
import './public.css';

/** 红橙黄蓝 with their names: colour is never the only sign of a level. */
function LevelLegend() {
  const t = useT();
  const { locale } = useLocale();
  return (
    <ul className="level-legend" aria-label={t('public.legend')}>
      {WARNING_LEVELS.map((l) => (
        <li key={l} className={`level-${l}`}>
          <span className="level-swatch" aria-hidden="true" />
          {pick(WARNING_LEVEL_LABELS[l], locale === 'zh-CN')}
        </li>
      ))}
    </ul>
  );
}

function Warnings() {
  const t = useT();
  const { locale } = useLocale();
  const { data, failure, loading, retry } = usePublicWarnings();
  return (
    <>
      {failure ? (
        <div className="notice notice-error" role="alert">
          <p>{t('public.error')}</p>
          <FailureText failure={failure} />
          <button type="button" onClick={retry}>
            {t('public.retry')}
          </button>
        </div>
      ) : null}
      {!data && loading ? (
        <p className="notice" role="status">
          {t('public.loading')}
        </p>
      ) : null}
      {data ? (
        <>
          <p className="muted">
            {t('public.count', { count: data.items.length })} ·{' '}
            {t('public.updatedAt', { time: formatTime(new Date(data.at), locale) })}
          </p>
          {data.items.length === 0 ? (
            <p className="empty">{t('public.empty')}</p>
          ) : (
            <div className="public-warnings">
              {data.items.map((w) => (
                <WarningCard key={w.id} w={w} />
              ))}
            </div>
          )}
        </>
      ) : null}
    </>
  );
}

/**
 * The public page: warnings in force, for anyone, without signing in. Real warnings only (the
 * server never sends an exercise here), each in its level's colour, and the CAP feed to follow.
 */
export function PublicWarningsPage() {
  const t = useT();
  return (
    <>
      <AuthLayout
        wide
        tools={
          <a className="header-button" href="/">
            {t('public.signIn')}
          </a>
        }
      >
        <PageTitle>{t('public.title')}</PageTitle>
        <p className="lead">{t('public.intro')}</p>
        <LevelLegend />
        <Warnings />
      </AuthLayout>
      <footer className="site-footer">
        <ul>
          <li>
            <a href="/api/public/cap/feed.atom" type="application/atom+xml">
              {t('public.capFeed')}
            </a>{' '}
            <span className="muted">{t('public.capFeedHint')}</span>
          </li>
        </ul>
      </footer>
    </>
  );
}
