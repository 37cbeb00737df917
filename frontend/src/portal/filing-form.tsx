import {
  CAPABILITIES,
  CAPABILITY_LABELS,
  TEAM_KINDS,
  TEAM_KIND_LABELS,
  ZTeam,
} from '@muster/contracts';
import type { Capability, TTeam } from '@muster/contracts';
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { z } from 'zod';
import { FormField } from '../forms/form-field.tsx';
import { useT } from '../i18n/i18n.tsx';
import { usePortalApi } from './api.ts';
import { useSubmit } from './use-submit.ts';
import { ErrorNotice, SelectField, useLabel } from './parts.tsx';

type Team = z.output<typeof ZTeam>;

interface Values {
  name: string;
  kind: string;
  creditCode: string;
  address: string;
  lon: string;
  lat: string;
  serviceArea: string;
  leaderName: string;
  leaderPhone: string;
  capabilities: Capability[];
  equipment: { kind: string; count: string }[];
}

function valuesOf(team: TTeam | undefined): Values {
  if (!team)
    return {
      name: '',
      kind: 'ngo_rescue',
      creditCode: '',
      address: '',
      lon: '',
      lat: '',
      serviceArea: '500109',
      leaderName: '',
      leaderPhone: '',
      capabilities: [],
      equipment: [],
    };
  return {
    name: team.name,
    kind: team.kind,
    creditCode: team.creditCode,
    address: team.base.address,
    lon: String(team.base.lon),
    lat: String(team.base.lat),
    serviceArea: team.serviceArea.join(', '),
    leaderName: team.leader.name ?? '',
    leaderPhone: team.leader.phone ?? '',
    capabilities: team.capabilities,
    equipment: team.equipment.map((e) => ({ kind: e.kind, count: String(e.count) })),
  };
}

/** The filing as the API takes it; the server's schema decides what is valid. */
function bodyOf(v: Values, team: TTeam | undefined): Record<string, unknown> {
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  return {
    name: v.name,
    kind: v.kind,
    creditCode: v.creditCode,
    base: { lon: num(v.lon), lat: num(v.lat), address: v.address },
    serviceArea: v.serviceArea
      .split(/[\s,，、]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    leader: { name: v.leaderName, phone: v.leaderPhone },
    contacts: (team?.contacts ?? []).map((c) => ({
      name: c.name,
      phone: c.phone,
      ...(c.role ? { role: c.role } : {}),
    })),
    capabilities: v.capabilities,
    equipment: v.equipment
      .filter((e) => e.kind.trim() !== '')
      .map((e) => ({ kind: e.kind, count: num(e.count) })),
    insurance: (team?.insurance ?? []).map(({ id: _id, ...p }) => p),
  };
}

/**
 * 备案登记: the team's filing, new or kept current. A change to the core of an approved filing
 * (name, kind, code, base, area, capabilities) sends it back for review; the form says so.
 */
export function FilingForm({ team, onSaved }: { team?: TTeam; onSaved: (t: Team) => void }) {
  const t = useT();
  const label = useLabel();
  const api = usePortalApi();
  const [v, setV] = useState<Values>(() => valuesOf(team));
  const { pending, failure, errors, run } = useSubmit();
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setSaved(false);
    setV((old) => ({ ...old, [k]: value }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(
      () =>
        team
          ? api('PUT', `/api/forces/teams/${team.id}`, ZTeam, bodyOf(v, team))
          : api('POST', '/api/forces/teams', ZTeam, bodyOf(v, team)),
      (saved) => {
        setSaved(true);
        onSaved(saved);
      },
    );
  };
  const err = (path: string) => errors[path];
  const field = (
    key: 'name' | 'creditCode' | 'address' | 'lon' | 'lat' | 'serviceArea',
    path: string,
    extra: { hint?: string; inputMode?: 'decimal' | 'text'; autoComplete?: string } = {},
  ) => (
    <FormField
      id={`filing-${key}`}
      label={t(`portal.filing.${key}`)}
      error={err(path)}
      value={v[key]}
      onChange={(e) => set(key, e.target.value)}
      {...extra}
    />
  );

  return (
    <form
      className="form portal-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="filing-title"
    >
      <h3 id="filing-title">{team ? t('portal.filing.edit') : t('portal.filing.new')}</h3>
      {team && team.status === 'approved' ? (
        <p className="notice notice-info">{t('portal.filing.coreReview')}</p>
      ) : null}
      {field('name', 'name')}
      <SelectField
        id="filing-kind"
        label={t('portal.filing.kind')}
        error={err('kind')}
        value={v.kind}
        onChange={(e) => set('kind', e.target.value)}
      >
        {TEAM_KINDS.map((k) => (
          <option key={k} value={k}>
            {label(TEAM_KIND_LABELS[k])}
          </option>
        ))}
      </SelectField>
      {field('creditCode', 'creditCode', { hint: t('portal.filing.creditCodeHint') })}
      {field('address', 'base.address')}
      <div className="field-row">
        {field('lon', 'base.lon', { inputMode: 'decimal', hint: t('portal.filing.lonHint') })}
        {field('lat', 'base.lat', { inputMode: 'decimal', hint: t('portal.filing.latHint') })}
      </div>
      {field('serviceArea', 'serviceArea', { hint: t('portal.filing.serviceAreaHint') })}
      <div className="field-row">
        <FormField
          id="filing-leaderName"
          label={t('portal.filing.leaderName')}
          error={err('leader.name')}
          autoComplete="name"
          value={v.leaderName}
          onChange={(e) => set('leaderName', e.target.value)}
        />
        <FormField
          id="filing-leaderPhone"
          label={t('portal.filing.leaderPhone')}
          error={err('leader.phone')}
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          value={v.leaderPhone}
          onChange={(e) => set('leaderPhone', e.target.value)}
        />
      </div>
      <fieldset className={err('capabilities') ? 'checks field-invalid' : 'checks'}>
        <legend>{t('portal.filing.capabilities')}</legend>
        {err('capabilities') ? <p className="field-error">{err('capabilities')}</p> : null}
        {CAPABILITIES.map((c) => (
          <div className="check" key={c}>
            <input
              id={`cap-${c}`}
              type="checkbox"
              checked={v.capabilities.includes(c)}
              onChange={(e) =>
                set(
                  'capabilities',
                  e.target.checked ? [...v.capabilities, c] : v.capabilities.filter((x) => x !== c),
                )
              }
            />
            <label htmlFor={`cap-${c}`}>{label(CAPABILITY_LABELS[c])}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="rows">
        <legend>{t('portal.filing.equipment')}</legend>
        {v.equipment.map((e, i) => (
          <div className="field-row" key={i}>
            <FormField
              id={`equipment-${i}-kind`}
              label={t('portal.filing.equipmentKind', { n: i + 1 })}
              error={err(`equipment.${i}.kind`)}
              value={e.kind}
              onChange={(ev) =>
                set(
                  'equipment',
                  v.equipment.map((x, j) => (j === i ? { ...x, kind: ev.target.value } : x)),
                )
              }
            />
            <FormField
              id={`equipment-${i}-count`}
              label={t('portal.filing.equipmentCount', { n: i + 1 })}
              error={err(`equipment.${i}.count`)}
              type="number"
              inputMode="numeric"
              min={1}
              value={e.count}
              onChange={(ev) =>
                set(
                  'equipment',
                  v.equipment.map((x, j) => (j === i ? { ...x, count: ev.target.value } : x)),
                )
              }
            />
            <button
              type="button"
              className="row-remove"
              onClick={() =>
                set(
                  'equipment',
                  v.equipment.filter((_, j) => j !== i),
                )
              }
            >
              {t('portal.filing.equipmentRemove', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => set('equipment', [...v.equipment, { kind: '', count: '1' }])}
        >
          {t('portal.filing.equipmentAdd')}
        </button>
      </fieldset>
      {failure ? <ErrorNotice failure={failure} title={t('portal.filing.failed')} /> : null}
      {saved ? (
        <p className="notice notice-info" role="status">
          {t('portal.filing.saved')}
        </p>
      ) : null}
      <button type="submit" className="button-primary" aria-disabled={pending}>
        {team ? t('portal.filing.save') : t('portal.filing.create')}
      </button>
    </form>
  );
}
