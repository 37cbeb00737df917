import { PROCESS_ROLES } from '@muster/contracts';
import type { ProcessRole } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { PageTitle } from '../shell/page-title.tsx';
import { ConsumersTable } from './consumers-table.tsx';
import { formatTime } from './format.ts';
import { StatusError } from './status-error.tsx';
import { BusCard, DeadLettersCard, OutboxCard } from './status-cards.tsx';
import { useSystemStatus } from './use-system-status.ts';
import type { TSystemStatus } from './use-system-status.ts';

const roleText: Record<ProcessRole, MessageKey> = {
  api: 'status.role.api',
  consumers: 'status.role.consumers',
  realtime: 'status.role.realtime',
};

function isProcessRole(role: string): role is ProcessRole {
  return (PROCESS_ROLES as readonly string[]).includes(role);
}

function StatusBody({ data }: { data: TSystemStatus }) {
  const t = useT();
  // A role this build does not know yet is shown by its name rather than hidden.
  const roles = data.roles.map((r) => (isProcessRole(r) ? t(roleText[r]) : r));
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('status.instance')}</dt>
          <dd>
            <code>{data.instanceId}</code>
          </dd>
        </div>
        <div>
          <dt>{t('status.roles')}</dt>
          <dd>{roles.join(' · ')}</dd>
        </div>
      </dl>
      <div className="cards">
        <BusCard bus={data.bus} />
        <OutboxCard outbox={data.outbox} />
        <DeadLettersCard count={data.deadLetters} />
      </div>
      <section className="panel" aria-labelledby="consumers-title">
        <h2 id="consumers-title">{t('status.consumers.title')}</h2>
        <ConsumersTable consumers={data.consumers} />
      </section>
    </>
  );
}

/** 系统状态: the pipeline's health, polled every 5 s. */
export function SystemStatusPage() {
  const t = useT();
  const { locale } = useLocale();
  const { data, updatedAt, failure, refresh } = useSystemStatus();
  const updated = updatedAt ? formatTime(updatedAt, locale) : undefined;

  return (
    <>
      <PageTitle>{t('status.title')}</PageTitle>
      <p className="lead">{t('status.intro')}</p>
      <div className="toolbar">
        <p className="muted">{updated ? t('status.updatedAt', { time: updated }) : '\u00a0'}</p>
        <button type="button" onClick={refresh}>
          {t('status.refresh')}
        </button>
      </div>
      {failure ? <StatusError failure={failure} staleSince={data ? updated : undefined} /> : null}
      {data ? (
        <StatusBody data={data} />
      ) : failure ? null : (
        <p className="notice" role="status">
          {t('status.loading')}
        </p>
      )}
    </>
  );
}
