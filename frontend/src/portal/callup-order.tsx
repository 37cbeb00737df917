import { CAPABILITY_LABELS } from '@muster/contracts';
import type { TMyCallup } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import { instantText } from '../map/time-text.ts';
import { ExerciseBadge, useLabel } from './parts.tsx';

/** Fen as yuan with two decimals (¥50.00). */
export function yuan(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

/** The heading of a call-up: the incident, the 演练 mark, the need the team was called for. */
export function CallupHeading({ item, id }: { item: TMyCallup; id: string }) {
  const t = useT();
  const label = useLabel();
  return (
    <h3 id={id} className="callup-heading">
      {item.callup.exercise ? <ExerciseBadge /> : null}
      <span>{item.callup.incidentTitle ?? t('portal.callup.untitled')}</span>
      <span className="muted"> · {label(CAPABILITY_LABELS[item.row.capability])}</span>
    </h3>
  );
}

/** What the order says: task, rally point, window, terms, insurance, legal basis. */
export function CallupOrder({ item }: { item: TMyCallup }) {
  const t = useT();
  const { locale } = useLocale();
  const c = item.callup;
  return (
    <>
      <dl className="facts">
        <dt>{t('portal.callup.task')}</dt>
        <dd>{c.task}</dd>
        <dt>{t('portal.callup.rally')}</dt>
        <dd>{c.rallyPoint.address}</dd>
        <dt>{t('portal.callup.window')}</dt>
        <dd>
          {instantText(c.window.from, locale)} – {instantText(c.window.to, locale)}
        </dd>
        <dt>{t('portal.callup.terms')}</dt>
        <dd>
          {t('portal.callup.personHour', { amount: yuan(c.terms.personHourFen, locale) })}
          {c.terms.equipmentHourFen.map((e) => (
            <span key={e.kind}>
              {'; '}
              {t('portal.callup.equipmentHour', { kind: e.kind, amount: yuan(e.fen, locale) })}
            </span>
          ))}
          {'; '}
          {c.terms.expensesReimbursed
            ? t('portal.callup.expensesYes')
            : t('portal.callup.expensesNo')}
        </dd>
        <dt>{t('portal.callup.insurance')}</dt>
        <dd>
          {c.insuranceRequired
            ? t('portal.callup.insuranceRequired')
            : t('portal.callup.insuranceByOffice', { note: c.insuranceNote ?? '' })}
        </dd>
      </dl>
      <details className="legal-basis">
        <summary>{t('portal.callup.legalBasis')}</summary>
        <p>{c.legalBasis}</p>
      </details>
    </>
  );
}
