import { useEffect } from 'react';

/**
 * How often an open, visible page asks for its session. The server's idle expiry is 30 minutes
 * (SESSION_IDLE_MINUTES) and it notes activity at most once a minute, so 5 minutes keeps a
 * commander who only watches the live map signed in with a wide margin, at 12 requests an hour.
 */
export const KEEP_ALIVE_MS = 5 * 60_000;

/**
 * While `active`, calls `check` every KEEP_ALIVE_MS when the tab is visible, and at once when the
 * tab becomes visible after longer than that (a laptop waking up). A hidden tab lets the session
 * idle out, as it should for a screen nobody is looking at.
 */
export function useKeepAlive(active: boolean, check: () => Promise<unknown>): void {
  useEffect(() => {
    if (!active) return;
    let last = performance.now();
    const run = () => {
      last = performance.now();
      void check();
    };
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') run();
    }, KEEP_ALIVE_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible' && performance.now() - last >= KEEP_ALIVE_MS)
        run();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [active, check]);
}
