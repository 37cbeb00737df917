import type { TCallupLiveRow, TTeamMapItem } from '@muster/contracts';
import { useLocale, useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';
import type { LiveMapView } from '../realtime/live-map.ts';
import { instantText } from './time-text.ts';

/** Rows shown at most; the newest first. */
const MAX_ROWS = 20;

/**
 * 调用看板: each team's answer to its call-up and its deployment, as the `callups` layer pushes
 * them (ids, statuses and times only; the team's name comes from the teams layer when the viewer
 * has it). Shown only while the viewer has rows: the office, the incident's commanders, the team.
 */
export function CallupBoard({ view }: { view: LiveMapView }) {
  const t = useT();
  const { locale } = useLocale();
  const rows = [...(view.layers.get('callups')?.values() ?? [])]
    .map((e) => e.data as TCallupLiveRow)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, MAX_ROWS);
  if (rows.length === 0) return null;
  const teams = view.layers.get('teams');
  return (
    <section className="callup-board" data-testid="callup-board" aria-labelledby="board-title">
      <h3 id="board-title">{t('board.title')}</h3>
      <table>
        <caption className="muted">{t('board.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('board.team')}</th>
            <th scope="col">{t('board.state')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const name = (teams?.get(r.teamId)?.data as TTeamMapItem | undefined)?.name;
            const state =
              r.status === 'accepted' && r.deployment
                ? t(`board.deployment.${r.deployment}` as MessageKey)
                : t(`board.status.${r.status}` as MessageKey);
            return (
              <tr
                key={`${r.callupId}:${r.teamId}`}
                data-testid="callup-row"
                data-team={r.teamId}
                data-status={r.status}
                data-deployment={r.deployment ?? ''}
              >
                <th scope="row">{name ?? r.teamId.slice(0, 8)}</th>
                <td>
                  <span className="callup-state">
                    {state}
                    {r.people !== undefined ? ` · ${t('board.people', { n: r.people })}` : ''}
                  </span>
                  <time className="muted" dateTime={r.at}>
                    {instantText(r.at, locale)}
                  </time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
