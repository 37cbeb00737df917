import { useLocale, useT } from '../i18n/i18n.tsx';
import type { Translate } from '../i18n/i18n.tsx';
import type { Locale } from '../i18n/locale.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import type { ConnectionStatus } from '../realtime/connection.ts';
import { useRealtime } from '../realtime/realtime-context.tsx';

const statusText: Record<ConnectionStatus, MessageKey> = {
  connecting: 'conn.connecting',
  live: 'conn.live',
  resyncing: 'conn.resyncing',
  reconnecting: 'conn.reconnecting',
  offline: 'conn.offline',
};

type Realtime = ReturnType<typeof useRealtime>;

function detail(r: Realtime, t: Translate, locale: Locale): string {
  switch (r.status) {
    case 'connecting':
      return t('conn.detail.connecting');
    case 'live':
      return r.hello
        ? t('conn.detail.live', { instance: r.hello.instanceId })
        : t('conn.detail.liveUnknown');
    case 'resyncing':
      return t('conn.detail.resyncing');
    case 'reconnecting':
      return t('conn.detail.reconnecting');
    case 'offline':
      if (!r.browserOnline) return t('conn.detail.browserOffline');
      // The server said why it refused, in both languages.
      return r.refusal
        ? t('conn.detail.refused', { reason: locale === 'zh-CN' ? r.refusal.zh : r.refusal.en })
        : t('conn.detail.offline');
  }
}

/**
 * 实时 / 同步中 / 重连中 / 离线 in the header. A polite live region holding only the status word,
 * so a screen reader hears the connection drop and return but not every reconnection attempt;
 * the longer explanation is the tooltip.
 */
export function ConnectionIndicator() {
  const t = useT();
  const { locale } = useLocale();
  const realtime = useRealtime();
  const ignored =
    realtime.rejected > 0 ? ` ${t('conn.detail.rejected', { n: realtime.rejected })}` : '';
  return (
    <p
      className={`connection connection-${realtime.status}`}
      role="status"
      title={detail(realtime, t, locale) + ignored}
      data-status={realtime.status}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="visually-hidden">{t('conn.label')}</span>
      {t(statusText[realtime.status])}
    </p>
  );
}
