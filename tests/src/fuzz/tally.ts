import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

/** What a fuzz run counts; the R2 figure is made from it. */
export interface Tally {
  inputs: number;
  byChannel: Record<string, number>;
  responses5xx: number;
  crashes: number;
  writesFromRejected: number;
  /** Other broken promises: an error body outside the contract, a refusal naming no field… */
  contractBreaks: number;
  /** Inputs that were taken and wrote (a feed's messages): the fuzzing reaches past the schema. */
  wrote: number;
  /** One entry per failed property: where, the seed, and fast-check's shrunk counterexample. */
  failures: string[];
}

export function newTally(): Tally {
  return {
    inputs: 0,
    byChannel: {},
    responses5xx: 0,
    crashes: 0,
    writesFromRejected: 0,
    contractBreaks: 0,
    wrote: 0,
    failures: [],
  };
}

export function count(t: Tally, channel: string): void {
  t.inputs++;
  t.byChannel[channel] = (t.byChannel[channel] ?? 0) + 1;
}

/** A seed per target, stable when other targets are added: the run's seed mixed with its name. */
export function seedFor(seed: number, name: string): number {
  let h = seed | 0;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x5bd1e995) ^ (h >>> 15);
  return h | 0;
}

/** A failure of the harness's own oracle, with its kind (what the figure line counts). */
export class FuzzFinding extends Error {
  constructor(
    readonly kind: 'http_5xx' | 'crash' | 'write_from_rejected' | 'contract',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs one property; a failure is recorded (kind counted, counterexample shrunk and kept) and
 * the run goes on with the next target, so one bug does not hide the others.
 */
export async function check<T>(
  t: Tally,
  target: string,
  o: { seed: number; runs: number; path?: string },
  arb: fc.Arbitrary<T>,
  predicate: (v: T) => Promise<void>,
): Promise<void> {
  const seed = seedFor(o.seed, target);
  const started = Date.now();
  const inputsBefore = t.inputs;
  const wroteBefore = t.wrote;
  const details = await fc.check(fc.asyncProperty(arb, predicate), {
    seed,
    numRuns: o.runs,
    ...(o.path ? { path: o.path } : {}),
  });
  if (process.env.MUSTER_FUZZ_VERBOSE)
    process.stderr.write(
      `[fuzz] ${target}: ${t.inputs - inputsBefore} inputs${t.wrote > wroteBefore ? ` (${t.wrote - wroteBefore} wrote)` : ''} in ${Date.now() - started} ms${details.failed ? ' FAILED' : ''}\n`,
    );
  if (!details.failed) return;
  const err = details.errorInstance;
  const kind = err instanceof FuzzFinding ? err.kind : 'contract';
  if (kind === 'http_5xx') t.responses5xx++;
  else if (kind === 'crash') t.crashes++;
  else if (kind === 'write_from_rejected') t.writesFromRejected++;
  else t.contractBreaks++;
  const example = JSON.stringify(details.counterexample, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 300 ? `${v.slice(0, 120)}…(${v.length} chars)` : v,
  );
  const report = [
    `${target}: ${err instanceof Error ? err.message : String(err)}`,
    `  seed ${seed} (run seed ${o.seed}), path ${details.counterexamplePath ?? '?'}, after ${details.numRuns} runs and ${details.numShrinks} shrinks`,
    `  counterexample: ${(example ?? 'undefined').slice(0, 4000)}`,
    `  reproduce: MUSTER_FUZZ_SEED=${o.seed} MUSTER_FUZZ_ONLY='${target}' MUSTER_FUZZ_PATH='${details.counterexamplePath ?? ''}' npm run fuzz`,
  ].join('\n');
  t.failures.push(report);
  // At once, so a long run shows what it found while it goes on.
  process.stderr.write(`[fuzz] FAILURE ${report}\n`);
}

/** The closing figure line. */
export function figureLine(t: Tally): string {
  return `R2 inputs=${t.inputs} responses_5xx=${t.responses5xx} crashes=${t.crashes} writes_from_rejected=${t.writesFromRejected} contract_breaks=${t.contractBreaks}`;
}

/** Writes tests/bench/results/R2.json the way the benchmarks write theirs. */
export function writeResult(
  t: Tally,
  o: { seed: number; goalInputs: number; seconds: number; only?: string },
): string {
  const dir = fileURLToPath(new URL('../../bench/results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const pass =
    t.inputs >= o.goalInputs &&
    t.responses5xx === 0 &&
    t.crashes === 0 &&
    t.writesFromRejected === 0 &&
    t.contractBreaks === 0;
  const file = `${dir}${resultName(o.only)}`;
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        id: 'R2',
        figures: {
          inputs: t.inputs,
          responses_5xx: t.responses5xx,
          crashes: t.crashes,
          writes_from_rejected: t.writesFromRejected,
          contract_breaks: t.contractBreaks,
          by_channel: t.byChannel,
          seconds: o.seconds,
        },
        baseline: null,
        goal: `inputs>=${o.goalInputs} responses_5xx=0 crashes=0 writes_from_rejected=0`,
        pass,
        seed: o.seed,
        failures: t.failures,
        machine: { cpus: os.cpus().length, node: process.version },
        at: new Date().toISOString(),
      },
      null,
      2,
    )}\n`,
  );
  return file;
}

/** R2.json for a whole run; a run of some targets only (`MUSTER_FUZZ_ONLY`) has a file of its own. */
export function resultName(only?: string): string {
  return only ? `R2-${only.replace(/[^A-Za-z0-9.-]+/g, '_')}.json` : 'R2.json';
}
