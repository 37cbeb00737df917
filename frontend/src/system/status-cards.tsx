import type { MessageKey } from '../i18n/zh-CN.ts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { formatCount, formatDuration } from './format.ts';
import { StatusCard } from './status-card.tsx';
import type { Tone } from './status-card.tsx';
import type { TSystemStatus } from './use-system-status.ts';

type BusState = TSystemStatus['bus'];

const busText: Record<BusState, MessageKey> = {
  connected: 'status.bus.connected',
  reconnecting: 'status.bus.reconnecting',
  disconnected: 'status.bus.disconnected',
  closed: 'status.bus.closed',
};

const busTone: Record<BusState, Tone> = {
  connected: 'ok',
  reconnecting: 'warn',
  disconnected: 'bad',
  closed: 'bad',
};

/**
 * The relay normally drains the outbox within milliseconds of a commit, so a row younger than
 * 5 s is just in flight; one older than a minute means the relay or the bus is stuck.
 */
const OUTBOX_IN_FLIGHT_MS = 5_000;
const OUTBOX_STUCK_MS = 60_000;

function outboxTone({ unsent, oldestUnsentAgeMs: age }: TSystemStatus['outbox']): Tone {
  if (unsent === 0 || age === null || age < OUTBOX_IN_FLIGHT_MS) return 'ok';
  return age >= OUTBOX_STUCK_MS ? 'bad' : 'warn';
}

export function BusCard({ bus }: { bus: BusState }) {
  const t = useT();
  return (
    <StatusCard title={t('status.bus.title')} tone={busTone[bus]}>
      <p className="figure">{t(busText[bus])}</p>
      {bus === 'connected' ? null : <p className="muted">{t('status.bus.hintBad')}</p>}
    </StatusCard>
  );
}

export function OutboxCard({ outbox }: { outbox: TSystemStatus['outbox'] }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <StatusCard title={t('status.outbox.title')} tone={outboxTone(outbox)}>
      {outbox.unsent === 0 ? (
        <p className="figure">{t('status.outbox.empty')}</p>
      ) : (
        <>
          <p className="figure">
            {t('status.outbox.unsent', { n: formatCount(outbox.unsent, locale) })}
          </p>
          {outbox.oldestUnsentAgeMs === null ? null : (
            <p className="muted">
              {t('status.outbox.oldest', {
                age: formatDuration(outbox.oldestUnsentAgeMs, locale),
              })}
            </p>
          )}
        </>
      )}
    </StatusCard>
  );
}

export function DeadLettersCard({ count }: { count: number }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <StatusCard title={t('status.deadLetters.title')} tone={count === 0 ? 'ok' : 'bad'}>
      {count === 0 ? (
        <p className="figure">{t('status.deadLetters.none')}</p>
      ) : (
        <>
          <p className="figure">
            {t('status.deadLetters.count', { n: formatCount(count, locale) })}
          </p>
          <p className="muted">{t('status.deadLetters.hint')}</p>
        </>
      )}
    </StatusCard>
  );
}
