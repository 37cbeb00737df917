import { ZTeam } from '@muster/contracts';
import type { TTeam } from '@muster/contracts';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormField } from '../forms/form-field.tsx';
import { useT } from '../i18n/i18n.tsx';
import { usePortalApi } from './api.ts';
import { useSubmit } from './use-submit.ts';
import { expiryState } from './expiry.ts';
import { ErrorNotice, ExpiryBadge } from './parts.tsx';

interface Policy {
  insurer: string;
  number: string;
  validFrom: string;
  validTo: string;
  /** Kept as filed: the members a policy names (none: the whole team). */
  insuredMemberIds?: string[];
}

const policiesOf = (team: TTeam): Policy[] => team.insurance.map(({ id: _id, ...p }) => ({ ...p }));

/**
 * Accident insurance (Volunteer Service Regulation art. 17): the policies, each with its end
 * flagged when near or past, kept by the leader without a new review.
 */
export function InsuranceSection({
  team,
  leader,
  onSaved,
}: {
  team: TTeam;
  leader: boolean;
  onSaved: (t: TTeam) => void;
}) {
  const t = useT();
  const api = usePortalApi();
  const [rows, setRows] = useState<Policy[]>(() => policiesOf(team));
  const { pending, failure, errors, run } = useSubmit();
  const [saved, setSaved] = useState(false);
  const setRow = (i: number, patch: Partial<Policy>) => {
    setSaved(false);
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const inForce = team.insurance.some((p) => expiryState(p.validTo) !== 'expired');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(
      () => api('PUT', `/api/forces/teams/${team.id}/insurance`, ZTeam, { insurance: rows }),
      (updated) => {
        setSaved(true);
        onSaved(updated);
      },
    );
  };

  return (
    <>
      {inForce ? null : (
        <p className="notice notice-error" role="status">
          {t('portal.insurance.noneInForce')}
        </p>
      )}
      {team.insurance.length > 0 ? (
        <ul className="plain-list">
          {team.insurance.map((p) => (
            <li key={p.id}>
              <strong>{p.insurer}</strong> {p.number} · {p.validFrom} –{' '}
              <ExpiryBadge day={p.validTo} /> ·{' '}
              {p.insuredMemberIds
                ? t('portal.insurance.members', { count: p.insuredMemberIds.length })
                : t('portal.insurance.wholeTeam')}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t('portal.insurance.none')}</p>
      )}
      {leader ? (
        <form
          className="form portal-form"
          onSubmit={(e) => void submit(e)}
          noValidate
          aria-labelledby="ins-t"
        >
          <h4 id="ins-t">{t('portal.insurance.edit')}</h4>
          {rows.map((p, i) => (
            <fieldset className="rows" key={i}>
              <legend>{t('portal.insurance.policy', { n: i + 1 })}</legend>
              <div className="field-row">
                <FormField
                  id={`ins-${i}-insurer`}
                  label={t('portal.insurance.insurer')}
                  error={errors[`insurance.${i}.insurer`]}
                  value={p.insurer}
                  onChange={(e) => setRow(i, { insurer: e.target.value })}
                />
                <FormField
                  id={`ins-${i}-number`}
                  label={t('portal.insurance.number')}
                  error={errors[`insurance.${i}.number`]}
                  value={p.number}
                  onChange={(e) => setRow(i, { number: e.target.value })}
                />
              </div>
              <div className="field-row">
                <FormField
                  id={`ins-${i}-from`}
                  label={t('portal.insurance.validFrom')}
                  error={errors[`insurance.${i}.validFrom`]}
                  type="date"
                  value={p.validFrom}
                  onChange={(e) => setRow(i, { validFrom: e.target.value })}
                />
                <FormField
                  id={`ins-${i}-to`}
                  label={t('portal.insurance.validTo')}
                  error={errors[`insurance.${i}.validTo`]}
                  type="date"
                  value={p.validTo}
                  onChange={(e) => setRow(i, { validTo: e.target.value })}
                />
              </div>
              <button
                type="button"
                className="row-remove"
                onClick={() => {
                  setSaved(false);
                  setRows((rs) => rs.filter((_, j) => j !== i));
                }}
              >
                {t('portal.insurance.remove', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            onClick={() =>
              setRows((rs) => [...rs, { insurer: '', number: '', validFrom: '', validTo: '' }])
            }
          >
            {t('portal.insurance.add')}
          </button>
          {failure ? <ErrorNotice failure={failure} title={t('portal.insurance.failed')} /> : null}
          {saved ? (
            <p className="notice notice-info" role="status">
              {t('portal.insurance.saved')}
            </p>
          ) : null}
          <button type="submit" className="button-primary" aria-disabled={pending}>
            {t('portal.insurance.save')}
          </button>
        </form>
      ) : null}
    </>
  );
}
