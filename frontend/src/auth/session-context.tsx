import { ZSession } from '@muster/contracts';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { failureStatus, requestJson } from '../api/fetch-json.ts';
import type { FetchFailure } from '../api/fetch-json.ts';
import { useKeepAlive } from './keep-alive.ts';

export type TSession = z.output<typeof ZSession>;

/** Why the sign-in page is showing; each has its own message there. */
export type SignedOutReason = 'signedOut' | 'expired' | 'revoked' | 'passwordChanged';

export type AuthState =
  /** Asking the server whether the cookie still holds a session (page load). */
  | { phase: 'checking' }
  /** The server could not be asked; retried in the background. */
  | { phase: 'unreachable'; failure: FetchFailure }
  | { phase: 'signed-out'; reason: SignedOutReason | null }
  /** `fresh`: signed in just now on this page, rather than found signed in at load. */
  | { phase: 'signed-in'; session: TSession; fresh: boolean };

/** What asking the server about the session found. */
export type SessionCheck = 'signed-in' | 'signed-out' | 'unknown';

interface AuthValue {
  state: AuthState;
  /** A sign-in succeeded: keep its session (account and CSRF token) in memory only. */
  signedIn: (session: TSession) => void;
  /** The user ended the session on purpose (sign-out, password change). */
  finished: (reason: SignedOutReason) => void;
  /**
   * The session ended under us (a 401, `session:ended`). Ignored while the user is ending it on
   * purpose, so their own sign-out is not reported as a revocation.
   */
  lost: (reason: SignedOutReason) => void;
  /** Marks a deliberate end as under way; call the returned function if it did not happen. */
  leaving: () => () => void;
  /** Asks the server for the session now (which also keeps it from idling out). */
  check: () => Promise<SessionCheck>;
}

const AuthContext = createContext<AuthValue | null>(null);

/** While the server cannot be reached at page load, ask again this often. */
const UNREACHABLE_RETRY_MS = 5000;

/**
 * Holds who is signed in. The session cookie is HttpOnly, so the page never sees the token; the
 * CSRF token lives only in this state and is read again from `GET /api/auth/session` on reload.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ phase: 'checking' });
  const leavingCount = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  const lost = useCallback((reason: SignedOutReason) => {
    if (leavingCount.current > 0) return;
    setState((s) => (s.phase === 'signed-in' ? { phase: 'signed-out', reason } : s));
  }, []);

  const check = useCallback(async (): Promise<SessionCheck> => {
    const result = await requestJson('/api/auth/session', ZSession);
    if (result.ok) {
      // An answer that crossed a sign-out in flight must not sign the page back in.
      if (leavingCount.current === 0)
        setState((s) =>
          s.phase === 'signed-out'
            ? s
            : {
                phase: 'signed-in',
                session: result.data,
                fresh: s.phase === 'signed-in' && s.fresh,
              },
        );
      return 'signed-in';
    }
    if (failureStatus(result.failure) === 401) {
      if (stateRef.current.phase === 'signed-in') lost('expired');
      else setState({ phase: 'signed-out', reason: null });
      return 'signed-out';
    }
    if (stateRef.current.phase !== 'signed-in' && stateRef.current.phase !== 'signed-out')
      setState({ phase: 'unreachable', failure: result.failure });
    return 'unknown';
  }, [lost]);

  useEffect(() => {
    void check();
  }, [check]);

  useEffect(() => {
    if (state.phase !== 'unreachable') return;
    const timer = window.setTimeout(() => void check(), UNREACHABLE_RETRY_MS);
    return () => window.clearTimeout(timer);
  }, [state, check]);

  useKeepAlive(state.phase === 'signed-in', check);

  const value = useMemo<AuthValue>(
    () => ({
      state,
      signedIn: (session) => setState({ phase: 'signed-in', session, fresh: true }),
      finished: (reason) => setState({ phase: 'signed-out', reason }),
      lost,
      leaving: () => {
        leavingCount.current += 1;
        let done = false;
        return () => {
          if (done) return;
          done = true;
          leavingCount.current -= 1;
        };
      },
      check,
    }),
    [state, lost, check],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in session; only for the parts of the app shown after sign-in. */
export function useSession(): TSession {
  const { state } = useAuth();
  if (state.phase !== 'signed-in') throw new Error('useSession used while signed out');
  return state.session;
}
