import { ZTeam } from '@muster/contracts';
import { useState } from 'react';
import { useAuth, useSession } from '../auth/session-context.tsx';
import { useT } from '../i18n/i18n.tsx';
import { PageTitle } from '../shell/page-title.tsx';
import { usePortalApi } from './api.ts';
import { CallupsSection } from './callups-section.tsx';
import { FilingForm } from './filing-form.tsx';
import { InsuranceSection } from './insurance-section.tsx';
import { MembersSection } from './members-section.tsx';
import { LoadState } from './parts.tsx';
import { PortalTabs, TabPanel } from './portal-tabs.tsx';
import { TeamStatus } from './team-status.tsx';
import { useLoad } from './use-load.ts';
import './portal.css';

type Section = 'callups' | 'team' | 'members' | 'insurance';

/** The team's own pages, once it is filed: call-ups first, then the register's parts. */
function TeamPortal({ teamId, leader }: { teamId: string; leader: boolean }) {
  const t = useT();
  const api = usePortalApi();
  const [section, setSection] = useState<Section>('callups');
  const team = useLoad(`team:${teamId}`, (signal) =>
    api('GET', `/api/forces/teams/${teamId}`, ZTeam, undefined, signal),
  );
  const tabs = [
    { key: 'callups', label: t('portal.tab.callups') },
    { key: 'team', label: t('portal.tab.team') },
    { key: 'members', label: t('portal.tab.members') },
    { key: 'insurance', label: t('portal.tab.insurance') },
  ] as const;
  const changed = () => team.reload();
  const data = team.data;
  return (
    <>
      {data ? (
        <p className="lead">
          <strong>{data.name}</strong>
        </p>
      ) : null}
      <PortalTabs tabs={tabs} current={section} onSelect={setSection} label={t('portal.tabs')} />
      <TabPanel k={section}>
        {section === 'callups' ? <CallupsSection teamId={teamId} leader={leader} /> : null}
        {section === 'members' ? <MembersSection teamId={teamId} leader={leader} /> : null}
        {section === 'team' || section === 'insurance' ? (
          !data || team.failure ? (
            <LoadState loading={team.loading} failure={team.failure} onRetry={team.reload} />
          ) : null
        ) : null}
        {section === 'team' && data ? (
          <>
            <TeamStatus team={data} leader={leader} onChanged={changed} />
            {leader && data.status !== 'submitted' && data.status !== 'revoked' ? (
              <FilingForm team={data} onSaved={changed} />
            ) : null}
          </>
        ) : null}
        {section === 'insurance' && data ? (
          <InsuranceSection team={data} leader={leader} onSaved={changed} />
        ) : null}
      </TabPanel>
    </>
  );
}

/**
 * 队伍门户: where a team leader files and keeps the team, and where the team answers call-ups,
 * checks in, reports its status and shares positions while deployed. Built for a phone.
 */
export function TeamPortalPage() {
  const t = useT();
  const { account } = useSession();
  const { check } = useAuth();
  const leader = account.role === 'team_leader';
  const onTeam = leader || account.role === 'team_member';
  return (
    <div className="portal">
      <PageTitle>{t('portal.title')}</PageTitle>
      {!onTeam ? (
        <p className="notice">{t('portal.notTeamRole')}</p>
      ) : account.teamId ? (
        <TeamPortal teamId={account.teamId} leader={leader} />
      ) : leader ? (
        <>
          <p className="lead">{t('portal.fileFirst')}</p>
          <FilingForm onSaved={() => void check()} />
        </>
      ) : (
        <p className="notice">{t('portal.memberNoTeam')}</p>
      )}
    </div>
  );
}
