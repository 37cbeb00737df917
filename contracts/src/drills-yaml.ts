import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ZScenario, type TScenario } from './drills.ts';

/** One thing wrong with a scenario file: where (line, column, field path) and what. */
export interface ScenarioProblem {
  line: number;
  column: number;
  /** e.g. `injects.3.at`. */
  field: string;
  message: string;
}

export type ScenarioParse =
  { ok: true; scenario: TScenario } | { ok: false; problems: ScenarioProblem[] };

/** The deepest node of the document along `path`, with how far along it got. */
function nodeAt(root: Node | null, path: readonly PropertyKey[]): Node | null {
  let node: Node | null = root;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) =>
          (p.key as { value?: unknown } | null)?.value === step ||
          String((p.key as { value?: unknown } | null)?.value) === String(step),
      );
      if (!pair) return node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof step === 'number') {
      const next = node.items[step] as Node | undefined;
      if (!next) return node;
      node = next;
    } else return node;
  }
  return node;
}

/**
 * Reads a scenario file (YAML). A file that is not YAML, or whose content breaks the schema, is
 * refused with every problem named by line and field, e.g. `line 42, injects.3.at: a duration
 * such as 1h30m` — so whoever wrote it can go straight to the line.
 */
export function parseScenarioYaml(text: string): ScenarioParse {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return { line: pos.line, column: pos.col, field: '', message: e.message.split('\n')[0]! };
      }),
    };
  const parsed = ZScenario.safeParse(doc.toJS({ maxAliasCount: 50 }));
  if (parsed.success) return { ok: true, scenario: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => {
      const node = nodeAt(doc.contents, i.path);
      const pos = lines.linePos(node?.range?.[0] ?? 0);
      return { line: pos.line, column: pos.col, field: i.path.join('.'), message: i.message };
    }),
  };
}

/** The problems as lines a person reads: `line 12, injects.0.at: …`. */
export function formatScenarioProblems(problems: readonly ScenarioProblem[]): string {
  return problems
    .map((p) => `line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.message}`)
    .join('\n');
}
