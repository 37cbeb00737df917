// Module boundaries (ADR 0003), checked in `npm run lint`: a module under backend/src/modules/<m>/
// imports only contracts, platform and its own files; code outside a module imports only the
// module's index.ts; the platform imports no module at all.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const src = path.join(root, 'backend', 'src');

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(name)) yield p;
  }
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];
for (const file of files(src)) {
  const text = readFileSync(file, 'utf8');
  const rel = path.relative(src, file);
  const own = rel.startsWith(`modules${path.sep}`) ? rel.split(path.sep)[1] : undefined;
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec || !spec.startsWith('.')) continue;
    const target = path.relative(src, path.resolve(path.dirname(file), spec));
    if (!target.startsWith(`modules${path.sep}`)) continue;
    const [, mod, ...rest] = target.split(path.sep);
    // The one schema barrel drizzle-kit reads lists every module's tables.ts (and nothing else).
    const schemaBarrel = rel === 'schema.ts' && rest.join('/') === 'tables.ts';
    if (schemaBarrel) continue;
    if (rel.startsWith(`platform${path.sep}`))
      problems.push(`${rel}: the platform imports module ${mod}`);
    else if (own && mod !== own)
      problems.push(`${rel}: module ${own} imports module ${mod} (${spec}); speak through events`);
    else if (!own && rest.join('/').replace(/\.ts$/, '') !== 'index')
      problems.push(`${rel}: imports ${spec}; import the module's index.ts only`);
  }
}
if (problems.length > 0) {
  process.stderr.write(
    `Module boundaries broken:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write('module boundaries hold\n');
