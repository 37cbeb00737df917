import { useCallback, useEffect, useState } from 'react';

export interface Countdown {
  /** Whole seconds left; 0 when not counting. */
  remaining: number;
  /** Whether a countdown was started and has run out (a wait that is over). */
  finished: boolean;
  start: (seconds: number) => void;
  reset: () => void;
}

/** Counts whole seconds down to zero, e.g. the wait a throttled sign-in must sit out. */
export function useCountdown(): Countdown {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => performance.now());

  useEffect(() => {
    if (until === null) return;
    const timer = window.setInterval(() => {
      const t = performance.now();
      setNow(t);
      if (t >= until) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [until]);

  const start = useCallback((seconds: number) => {
    const t = performance.now();
    setNow(t);
    setUntil(t + seconds * 1000);
  }, []);
  const reset = useCallback(() => setUntil(null), []);

  const remaining = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  return { remaining, finished: until !== null && remaining === 0, start, reset };
}
