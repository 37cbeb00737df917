import { useT } from '../i18n/i18n.tsx';
import type { Translate } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import type { ConnectionStatus } from '../realtime/connection.ts';
import { useRealtime } from '../realtime/realtime-context.tsx';

const statusText: Record<ConnectionStatus, MessageKey> = {
  connecting: 'conn.connecting',
  live: 'conn.live',
  reconnecting: 'conn.reconnecting',
  offline: 'conn.offline',
};

function detail(r: ReturnType<typeof useRealtime>, t: Translate): string {
  switch (r.status) {
    case 'connecting':
      return t('conn.detail.connecting');
    case 'live':
      return r.hello
        ? t('conn.detail.live', { instance: r.hello.instanceId })
        : t('conn.detail.liveUnknown');
    case 'reconnecting':
      return t('conn.detail.reconnecting');
    case 'offline':
      return r.browserOnline ? t('conn.detail.offline') : t('conn.detail.browserOffline');
  }
}

/**
 * 实时 / 重连中 / 离线 in the header. A polite live region holding only the status word, so a
 * screen reader hears the connection drop and return but not every reconnection attempt; the
 * longer explanation is the tooltip.
 */
export function ConnectionIndicator() {
  const t = useT();
  const realtime = useRealtime();
  return (
    <p
      className={`connection connection-${realtime.status}`}
      role="status"
      title={detail(realtime, t)}
      data-status={realtime.status}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="visually-hidden">{t('conn.label')}</span>
      {t(statusText[realtime.status])}
    </p>
  );
}
