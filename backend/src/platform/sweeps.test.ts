import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { movableClock } from '../testing/clock.ts';
import { createSweepRunner, type Sweep } from './sweeps.ts';

describe('sweep runner', () => {
  it('runs each sweep with the clock’s now, and one failure does not stop the others', async () => {
    const clock = movableClock(new Date('2026-07-01T00:00:00Z'));
    const seen: string[] = [];
    const sweeps: Sweep[] = [
      {
        name: 'a.fails',
        run: () => Promise.reject(new Error('boom')),
      },
      {
        name: 'b.counts',
        run: (now) => {
          seen.push(now.toISOString());
          return Promise.resolve(3);
        },
      },
    ];
    const runner = createSweepRunner({
      sweeps,
      clock,
      logger: createLogger({ level: 'silent', instanceId: 'test' }),
    });
    expect(await runner.runNow()).toEqual({ 'a.fails': 0, 'b.counts': 3 });
    clock.advance(60_000);
    await runner.runNow();
    expect(seen).toEqual(['2026-07-01T00:00:00.000Z', '2026-07-01T00:01:00.000Z']);
  });

  it('never overlaps a manual run with a timer round', async () => {
    let active = 0;
    let maxActive = 0;
    const slow: Sweep = {
      name: 'slow',
      async run() {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 30));
        active--;
        return 1;
      },
    };
    const runner = createSweepRunner({
      sweeps: [slow],
      clock: movableClock(),
      logger: createLogger({ level: 'silent', instanceId: 'test' }),
    });
    runner.start(5);
    await new Promise((r) => setTimeout(r, 12));
    await Promise.all([runner.runNow(), runner.runNow()]);
    await runner.stop();
    expect(maxActive).toBe(1);
  });
});
