import type { Role } from '@muster/contracts';

/**
 * Who is looking: the account behind a session, with the purposes it holds right now. Built per
 * request (and per socket, refreshed when grants change) from the account and its active grants.
 */
export interface Viewer {
  kind: 'account';
  accountId: string;
  role: Role;
  teamId: string | null;
  departmentId: string | null;
  /** Incidents this viewer commands (active `command` grants). */
  commands: ReadonlySet<string>;
  /** Incidents the viewer's own team is deployed to (active `deployment` grants of its team). */
  deployments: ReadonlySet<string>;
  /** The session's id (hash of its token), to tie audit entries and sockets to it. */
  sessionId: string;
}

/** The public: no account, no personal information. */
export interface PublicViewer {
  kind: 'public';
}

export type AnyViewer = Viewer | PublicViewer;
export const PUBLIC_VIEWER: PublicViewer = { kind: 'public' };

/** The actor id written into audit entries and events. */
export function actorOf(v: AnyViewer): string {
  return v.kind === 'account' ? v.accountId : 'public';
}
