// Fails when the drizzle schema and the committed migrations disagree: generates into a copy of
// the migrations folder and reports any migration that generation would add.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const backend = process.cwd();
const committed = path.join(backend, 'drizzle');
// drizzle-kit wants an out folder relative to the working directory.
const scratch = path.relative(backend, mkdtempSync(path.join(backend, '.drift-')));
try {
  cpSync(committed, scratch, { recursive: true });
  const before = new Set(readdirSync(scratch));
  const out = execFileSync(
    'npx',
    [
      'drizzle-kit',
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      './src/schema.ts',
      '--out',
      scratch,
      '--name',
      'drift',
    ],
    { cwd: backend, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  const added = readdirSync(scratch).filter((f) => !before.has(f));
  if (added.length > 0) {
    process.stderr.write(
      `The schema has changed without a migration (${added.join(', ')}).\nRun \`npm run db:generate\` and commit backend/drizzle.\n`,
    );
    process.exit(1);
  }
  if (!/No schema changes/.test(out)) {
    process.stderr.write(`Could not compare schema and migrations:\n${out}\n`);
    process.exit(1);
  }
  process.stdout.write('schema and migrations agree\n');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
