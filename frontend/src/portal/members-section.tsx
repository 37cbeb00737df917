import { ZMemberList } from '@muster/contracts';
import type { TMember } from '@muster/contracts';
import { useState } from 'react';
import { z } from 'zod';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useT } from '../i18n/i18n.tsx';
import { usePortalApi } from './api.ts';
import { MemberForm } from './member-form.tsx';
import { ErrorNotice, ExpiryBadge, LoadState } from './parts.tsx';
import { expiryState } from './expiry.ts';
import { useLoad } from './use-load.ts';

const ZRemoved = z.object({ memberId: z.string(), removed: z.literal(true) });

/** Members whose certificates have expired or expire within 30 days, for the section's summary. */
export function certificateWarnings(members: readonly TMember[]): {
  expired: number;
  soon: number;
} {
  let expired = 0;
  let soon = 0;
  for (const m of members)
    for (const c of m.certificates) {
      const s = expiryState(c.expiresOn);
      if (s === 'expired') expired++;
      else if (s === 'soon') soon++;
    }
  return { expired, soon };
}

function MemberCard({
  m,
  leader,
  onEdit,
  onRemove,
}: {
  m: TMember;
  leader: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const t = useT();
  return (
    <li className="member-card">
      <p className="member-name">
        <strong>{m.name ?? t('portal.member.hidden')}</strong>{' '}
        {m.phone ? <span className="muted">{m.phone}</span> : null}
      </p>
      {m.idNumber ? (
        <p className="muted">{t('portal.member.idShown', { id: m.idNumber })}</p>
      ) : null}
      {m.skills.length > 0 ? (
        <p>{t('portal.member.skillsList', { skills: m.skills.join('、') })}</p>
      ) : null}
      {m.certificates.length > 0 ? (
        <ul className="plain-list">
          {m.certificates.map((c) => (
            <li key={c.id}>
              {c.name} · <ExpiryBadge day={c.expiresOn} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('portal.member.noCertificates')}</p>
      )}
      {leader ? (
        <div className="row-actions">
          <button type="button" onClick={onEdit}>
            {t('portal.member.edit', { name: m.name ?? '' })}
          </button>
          <button type="button" className="button-danger" onClick={onRemove}>
            {t('portal.member.remove', { name: m.name ?? '' })}
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** The roll: members with their certificates (expiry flagged), kept by the leader. */
export function MembersSection({ teamId, leader }: { teamId: string; leader: boolean }) {
  const t = useT();
  const api = usePortalApi();
  const members = useLoad(`members:${teamId}`, (signal) =>
    api('GET', `/api/forces/teams/${teamId}/members`, ZMemberList, undefined, signal),
  );
  /** The member being changed, `new` for the add form, or none. */
  const [editing, setEditing] = useState<string | null>(null);
  const [failure, setFailure] = useState<FetchFailure | undefined>();
  const items = members.data?.items ?? [];
  const warn = certificateWarnings(items);

  const remove = async (m: TMember) => {
    if (!window.confirm(t('portal.member.confirmRemove', { name: m.name ?? '' }))) return;
    const r = await api('DELETE', `/api/forces/teams/${teamId}/members/${m.id}`, ZRemoved);
    if (r.ok) {
      setFailure(undefined);
      members.reload();
    } else setFailure(r.failure);
  };
  const saved = () => {
    setEditing(null);
    members.reload();
  };

  return (
    <>
      {!members.data || members.failure ? (
        <LoadState loading={members.loading} failure={members.failure} onRetry={members.reload} />
      ) : null}
      {failure ? <ErrorNotice failure={failure} /> : null}
      {warn.expired + warn.soon > 0 ? (
        <p className="notice notice-error" role="status">
          {t('portal.member.certWarning', { expired: warn.expired, soon: warn.soon })}
        </p>
      ) : null}
      {members.data ? (
        items.length === 0 ? (
          <p className="empty">{t('portal.member.none')}</p>
        ) : (
          <ul className="member-list">
            {items.map((m) =>
              editing === m.id ? (
                <li key={m.id}>
                  <MemberForm
                    teamId={teamId}
                    member={m}
                    onSaved={saved}
                    onCancel={() => setEditing(null)}
                  />
                </li>
              ) : (
                <MemberCard
                  key={m.id}
                  m={m}
                  leader={leader}
                  onEdit={() => setEditing(m.id)}
                  onRemove={() => void remove(m)}
                />
              ),
            )}
          </ul>
        )
      ) : null}
      {leader ? (
        editing === 'new' ? (
          <MemberForm teamId={teamId} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          <button type="button" className="button-primary" onClick={() => setEditing('new')}>
            {t('portal.member.add')}
          </button>
        )
      ) : null}
    </>
  );
}
