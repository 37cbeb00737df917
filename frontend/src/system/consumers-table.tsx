import type { TSystemStatus } from './use-system-status.ts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { formatCount } from './format.ts';

type Consumer = TSystemStatus['consumers'][number];

/** Each durable consumer's lag; scrolls sideways on a narrow screen instead of squeezing. */
export function ConsumersTable({ consumers }: { consumers: Consumer[] }) {
  const t = useT();
  const { locale } = useLocale();
  if (consumers.length === 0) return <p className="empty">{t('status.consumers.empty')}</p>;
  const n = (v: number) => formatCount(v, locale);
  return (
    <div className="table-scroll" role="region" aria-labelledby="consumers-caption" tabIndex={0}>
      <table>
        <caption id="consumers-caption">{t('status.consumers.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('status.consumers.name')}</th>
            <th scope="col">{t('status.consumers.subject')}</th>
            <th scope="col" className="num">
              {t('status.consumers.pending')}
            </th>
            <th scope="col" className="num">
              {t('status.consumers.ackPending')}
            </th>
            <th scope="col" className="num">
              {t('status.consumers.redelivered')}
            </th>
          </tr>
        </thead>
        <tbody>
          {consumers.map((c) => (
            <tr key={c.name} className={c.pending > 0 ? 'lagging' : undefined}>
              <th scope="row">
                <code>{c.name}</code>
              </th>
              <td>
                <code>{c.subject}</code>
              </td>
              <td className="num pending">{n(c.pending)}</td>
              <td className="num">{n(c.ackPending)}</td>
              <td className="num">{n(c.redelivered)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
