import type { TPublicWarning } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { instantText } from '../map/time-text.ts';

/** A label pair from contracts in the page's language. */
export function pick(label: { zh: string; en: string }, zh: boolean): string {
  return zh ? label.zh : label.en;
}

/** One warning in force: level colour band, headline, when, where, what to do. */
export function WarningCard({ w }: { w: TPublicWarning }) {
  const t = useT();
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  const headline = zh ? w.headline : (w.headlineEn ?? w.headline);
  const when = (iso: string | null) => (iso ? instantText(iso, locale) : t('public.notSet'));
  const headingId = `warning-${w.id}`;
  return (
    <article
      className={`public-warning level-${w.level}`}
      aria-labelledby={headingId}
      data-level={w.level}
    >
      <p className="public-warning-level">
        <span className="level-swatch" aria-hidden="true" />
        {pick(w.levelLabel, zh)} · {pick(w.categoryLabel, zh)}
      </p>
      <h2 id={headingId} lang={zh || !w.headlineEn ? 'zh-CN' : 'en'}>
        {headline}
      </h2>
      <dl className="facts">
        <dt>{t('public.area')}</dt>
        <dd>{w.area.description}</dd>
        <dt>{t('public.issuer')}</dt>
        <dd>{w.issuer ?? t('public.notSet')}</dd>
        <dt>{t('public.issuedAt')}</dt>
        <dd>{when(w.issuedAt)}</dd>
        {w.adjustedAt ? (
          <>
            <dt>{t('public.adjustedAt')}</dt>
            <dd>{when(w.adjustedAt)}</dd>
          </>
        ) : null}
        <dt>{t('public.onset')}</dt>
        <dd>{when(w.onset)}</dd>
        <dt>{t('public.expiresAt')}</dt>
        <dd>{when(w.expiresAt)}</dd>
      </dl>
      {w.impacts ? (
        <>
          <h3>{t('public.impacts')}</h3>
          <p>{w.impacts}</p>
        </>
      ) : null}
      {w.measures.length > 0 ? (
        <>
          <h3>{t('public.measures')}</h3>
          <ul>
            {w.measures.map((m, i) => (
              <li key={i} lang={zh || !m.en ? 'zh-CN' : 'en'}>
                {zh ? m.zh : (m.en ?? m.zh)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {w.advice ? (
        <>
          <h3>{t('public.advice')}</h3>
          <p>{w.advice}</p>
        </>
      ) : null}
      {w.capIdentifier ? (
        <p>
          <a href={`/api/public/cap/messages/${encodeURIComponent(w.capIdentifier)}`}>
            {t('public.capMessage')}
          </a>
        </p>
      ) : null}
    </article>
  );
}
