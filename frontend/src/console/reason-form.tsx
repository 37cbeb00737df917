import { useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { TextAreaField } from '../forms/fields.tsx';

/**
 * The inline form of a step that needs a reason (return, adjust, lift, reject, terminate,
 * close): optional fields first, the reason, then confirm and cancel.
 */
export function ReasonForm({
  id,
  error,
  busy,
  confirm,
  onConfirm,
  onCancel,
  children,
}: {
  id: string;
  error?: string | undefined;
  busy: boolean;
  confirm: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  return (
    <form
      className="console-inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(reason);
      }}
    >
      {children}
      <TextAreaField
        id={id}
        label={t('console.response.reason')}
        value={reason}
        error={error}
        rows={2}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="console-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {confirm}
        </button>
        <button type="button" className="console-button" onClick={onCancel}>
          {t('console.cancel')}
        </button>
      </div>
    </form>
  );
}
