import { describe, expect, it } from 'vitest';
import { durationSeconds, parseScenarioYaml } from '@muster/contracts';
import { demoScenarioYaml } from './index.ts';

const demo = demoScenarioYaml();

describe('drill scenario files', () => {
  it('reads the demo scenario', () => {
    const r = parseScenarioYaml(demo);
    expect(r.ok && r.scenario.injects.length).toBe(18);
  });

  it('refuses a bad file naming the line and the field of each problem', () => {
    const bad = demo
      .replace('{ at: 21m, kind: team', '{ at: 21x, kind: team')
      .replace('value: 193.9', 'value: high');
    const r = parseScenarioYaml(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = demo.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([
      [lineOf('value: 193.9'), 'injects.1.value'],
      [lineOf('{ at: 21m, kind: team'), 'injects.13.at'],
    ]);
  });

  it('refuses YAML that does not parse, with its line', () => {
    const r = parseScenarioYaml('version: 1\nname: [unclosed\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.line).toBeGreaterThan(1);
  });

  it('reads durations', () => {
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(durationSeconds('45s')).toBe(45);
    expect(durationSeconds('')).toBeUndefined();
    expect(durationSeconds('5 min')).toBeUndefined();
  });
});
