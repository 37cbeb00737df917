import { durationSeconds, type TInject, type TScenario } from '@muster/contracts';

/** One step of a run: an inject, or one fix of a track, at its offset. */
export interface Step {
  seq: number;
  offsetS: number;
  inject: TInject;
  fix?: number;
}

/** The scenario's timeline as the runner plays it: tracks spread to one step per fix. */
export function stepsOf(s: TScenario): Step[] {
  const steps: Omit<Step, 'seq'>[] = [];
  for (const inject of s.injects) {
    const at = durationSeconds(inject.at) ?? 0;
    if (inject.kind !== 'track') {
      steps.push({ offsetS: at, inject });
      continue;
    }
    const every = durationSeconds(inject.every) ?? 60;
    inject.fixes.forEach((_, fix) => steps.push({ offsetS: at + fix * every, inject, fix }));
  }
  // Stable: same-offset steps keep the file's order.
  return steps
    .map((st, i) => ({ st, i }))
    .sort((a, b) => a.st.offsetS - b.st.offsetS || a.i - b.i)
    .map(({ st }, seq) => ({ ...st, seq }));
}
