import { ZMember } from '@muster/contracts';
import type { TMember } from '@muster/contracts';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { FormField } from '../forms/form-field.tsx';
import { useT } from '../i18n/i18n.tsx';
import { usePortalApi } from './api.ts';
import { useSubmit } from './use-submit.ts';
import { TextAreaField } from '../forms/fields.tsx';
import { ErrorNotice } from './parts.tsx';

interface Cert {
  name: string;
  number: string;
  expiresOn: string;
}

interface Values {
  name: string;
  idNumber: string;
  phone: string;
  ecName: string;
  ecPhone: string;
  skills: string;
  certificates: Cert[];
  healthNotes: string;
}

function valuesOf(m: TMember | undefined): Values {
  return {
    name: m?.name ?? '',
    idNumber: '',
    phone: m?.phone ?? '',
    ecName: m?.emergencyContact?.name ?? '',
    ecPhone: m?.emergencyContact?.phone ?? '',
    skills: m?.skills.join(', ') ?? '',
    certificates: (m?.certificates ?? []).map((c) => ({
      name: c.name,
      number: c.number ?? '',
      expiresOn: c.expiresOn,
    })),
    healthNotes: m?.healthNotes ?? '',
  };
}

/**
 * A member added to the roll, or kept current (the ID number is not changed: a wrong one means
 * taking the member off and adding them again). ID number and health notes are sealed at rest.
 */
export function MemberForm({
  teamId,
  member,
  onSaved,
  onCancel,
}: {
  teamId: string;
  member?: TMember;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const api = usePortalApi();
  const [v, setV] = useState<Values>(() => valuesOf(member));
  const { pending, failure, errors, run } = useSubmit();
  const set = <K extends keyof Values>(k: K, value: Values[K]) =>
    setV((old) => ({ ...old, [k]: value }));
  const setCert = (i: number, patch: Partial<Cert>) =>
    set(
      'certificates',
      v.certificates.map((c, j) => (j === i ? { ...c, ...patch } : c)),
    );
  const prefix = member ? `member-${member.id}` : 'member-new';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: v.name,
      ...(member ? {} : { idNumber: v.idNumber }),
      phone: v.phone,
      emergencyContact: { name: v.ecName, phone: v.ecPhone },
      skills: v.skills
        .split(/[,，、]+/)
        .map((s) => s.trim())
        .filter(Boolean),
      certificates: v.certificates.filter((c) => c.name.trim() !== ''),
      ...(v.healthNotes.trim() ? { healthNotes: v.healthNotes } : {}),
    };
    await run(
      () =>
        member
          ? api('PUT', `/api/forces/teams/${teamId}/members/${member.id}`, ZMember, body)
          : api('POST', `/api/forces/teams/${teamId}/members`, ZMember, body),
      onSaved,
    );
  };

  return (
    <form
      className="form portal-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${prefix}-t`}
    >
      <h4 id={`${prefix}-t`}>
        {member
          ? t('portal.member.editTitle', { name: member.name ?? '' })
          : t('portal.member.add')}
      </h4>
      <div className="field-row">
        <FormField
          id={`${prefix}-name`}
          label={t('portal.member.name')}
          error={errors.name}
          value={v.name}
          onChange={(e) => set('name', e.target.value)}
        />
        {member ? null : (
          <FormField
            id={`${prefix}-id`}
            label={t('portal.member.idNumber')}
            hint={t('portal.member.idNumberHint')}
            error={errors.idNumber}
            autoComplete="off"
            value={v.idNumber}
            onChange={(e) => set('idNumber', e.target.value)}
          />
        )}
        <FormField
          id={`${prefix}-phone`}
          label={t('portal.member.phone')}
          error={errors.phone}
          type="tel"
          inputMode="tel"
          value={v.phone}
          onChange={(e) => set('phone', e.target.value)}
        />
      </div>
      <div className="field-row">
        <FormField
          id={`${prefix}-ec-name`}
          label={t('portal.member.ecName')}
          error={errors['emergencyContact.name']}
          value={v.ecName}
          onChange={(e) => set('ecName', e.target.value)}
        />
        <FormField
          id={`${prefix}-ec-phone`}
          label={t('portal.member.ecPhone')}
          error={errors['emergencyContact.phone']}
          type="tel"
          inputMode="tel"
          value={v.ecPhone}
          onChange={(e) => set('ecPhone', e.target.value)}
        />
      </div>
      <FormField
        id={`${prefix}-skills`}
        label={t('portal.member.skills')}
        hint={t('portal.member.skillsHint')}
        error={errors.skills}
        value={v.skills}
        onChange={(e) => set('skills', e.target.value)}
      />
      <fieldset className="rows">
        <legend>{t('portal.member.certificates')}</legend>
        {v.certificates.map((c, i) => (
          <div className="field-row" key={i}>
            <FormField
              id={`${prefix}-cert-${i}-name`}
              label={t('portal.member.certName', { n: i + 1 })}
              error={errors[`certificates.${i}.name`]}
              value={c.name}
              onChange={(e) => setCert(i, { name: e.target.value })}
            />
            <FormField
              id={`${prefix}-cert-${i}-number`}
              label={t('portal.member.certNumber', { n: i + 1 })}
              error={errors[`certificates.${i}.number`]}
              value={c.number}
              onChange={(e) => setCert(i, { number: e.target.value })}
            />
            <FormField
              id={`${prefix}-cert-${i}-expires`}
              label={t('portal.member.certExpires', { n: i + 1 })}
              error={errors[`certificates.${i}.expiresOn`]}
              type="date"
              value={c.expiresOn}
              onChange={(e) => setCert(i, { expiresOn: e.target.value })}
            />
            <button
              type="button"
              className="row-remove"
              onClick={() =>
                set(
                  'certificates',
                  v.certificates.filter((_, j) => j !== i),
                )
              }
            >
              {t('portal.member.certRemove', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            set('certificates', [...v.certificates, { name: '', number: '', expiresOn: '' }])
          }
        >
          {t('portal.member.certAdd')}
        </button>
      </fieldset>
      <TextAreaField
        id={`${prefix}-health`}
        label={t('portal.member.health')}
        hint={t('portal.member.healthHint')}
        error={errors.healthNotes}
        rows={2}
        maxLength={2000}
        value={v.healthNotes}
        onChange={(e) => set('healthNotes', e.target.value)}
      />
      {failure ? <ErrorNotice failure={failure} title={t('portal.member.failed')} /> : null}
      <div className="form-actions">
        <button type="submit" className="button-primary" aria-disabled={pending}>
          {member ? t('portal.member.save') : t('portal.member.addSubmit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('portal.cancel')}
        </button>
      </div>
    </form>
  );
}
