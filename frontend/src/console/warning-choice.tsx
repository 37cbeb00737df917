import { ZWarningList } from '@muster/contracts';
import { useCallback } from 'react';
import { SelectField } from '../forms/fields.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useConsoleApi } from './api.ts';
import { useLoad } from './use-load.ts';

/** The warnings in force, for an incident that grew out of one. */
export function WarningChoice({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange: (id: string) => void;
}) {
  const t = useT();
  const api = useConsoleApi();
  const warnings = useLoad(
    useCallback(
      (signal: AbortSignal) => api.get('/api/monitoring/warnings?limit=200', ZWarningList, signal),
      [api],
    ),
  );
  const inForce =
    warnings.phase === 'ready'
      ? warnings.data.items.filter((w) => w.status === 'issued' || w.status === 'adjusted')
      : [];
  return (
    <SelectField
      id="inc-warningId"
      label={t('console.incidentForm.warning')}
      value={value}
      error={error}
      hint={
        warnings.phase === 'error'
          ? t('console.incidentForm.warningsFailed')
          : warnings.phase === 'ready' && inForce.length === 0
            ? t('console.incidentForm.noWarnings')
            : undefined
      }
      onChange={(e) => onChange(e.target.value)}
      options={[
        { value: '', label: t('console.choose') },
        ...inForce.map((w) => ({ value: w.id, label: w.headline })),
      ]}
    />
  );
}
