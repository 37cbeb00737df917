import { CAPABILITY_LABELS } from '@muster/contracts';
import type { TCallupSummary } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { label } from './labels.ts';

/** Each need as accepted / asked for, with the alerts still out. */
export function NeedProgress({ needs }: { needs: TCallupSummary['needs'] }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <ul className="need-progress">
      {needs.map((n) => (
        <li key={n.capability}>
          {label(CAPABILITY_LABELS[n.capability], locale)}{' '}
          {t('console.callups.progress', {
            accepted: n.accepted,
            count: n.count,
            pending: n.pending,
          })}
          {n.exhausted ? (
            <strong className="deadline-overdue"> {t('console.callups.exhausted')}</strong>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
