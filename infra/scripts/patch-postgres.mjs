// Guards a defect of the PostgreSQL driver (postgres.js ≤ 3.4.9, porsager/postgres issues #1154
// and #1208; the guard of pull request #1209, not yet released): when a connection closes, a
// write it had buffered (`nextWrite`, run from `setImmediate` or from the socket's data handler)
// calls `socket.write` on a socket that is already null. The TypeError escapes every caller as
// an uncaught exception and ends the process, so a backend died whenever PostgreSQL restarted.
// The guard drops the buffered bytes and rejects what was waiting on the connection with the
// driver's own CONNECTION_CLOSED error, which callers already handle (a 503, a retried batch).
//
// Run after every install (the root `postinstall`) and by `npm test`, `npm run up` and the
// Docker build; it is idempotent and says so when a driver release no longer needs it.
// `backend/src/platform/db/driver-guard.test.ts` proves it against a real server.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const MARK = '/* muster: nextWrite guard */';
const UNGUARDED =
  /(\n([ \t]*)function nextWrite\(fn\) \{\n)(\s*const x = socket\.write\(chunk, fn\))/;

/** Patches every build of the driver (ESM, CommonJS, Cloudflare) under `root`'s node_modules. */
export function patchPostgresDriver(root, log = () => undefined) {
  let dir;
  try {
    const require = createRequire(path.join(root, 'backend', 'package.json'));
    dir = path.dirname(require.resolve('postgres'));
  } catch {
    return 'absent'; // an install without the backend (the frontend's Docker stage)
  }
  // The package's root: the entry point sits in src/ or cjs/src/, which have package.json files too.
  const manifest = (d) => {
    const file = path.join(d, 'package.json');
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  };
  while (manifest(dir).name !== 'postgres') {
    if (path.dirname(dir) === dir) return 'absent';
    dir = path.dirname(dir);
  }
  const version = manifest(dir).version;
  let patched = 0;
  let guarded = 0;
  for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
    const full = path.join(dir, file);
    if (!existsSync(full)) continue;
    const text = readFileSync(full, 'utf8');
    if (text.includes(MARK)) {
      guarded++;
      continue;
    }
    const m = UNGUARDED.exec(text);
    if (!m) continue;
    const indent = `${m[2]}  `;
    const guard = [
      `${indent}if (!socket) { ${MARK}`,
      `${indent}  nextWriteTimer !== null && clearImmediate(nextWriteTimer)`,
      `${indent}  chunk = nextWriteTimer = null`,
      `${indent}  error(Errors.connection('CONNECTION_CLOSED', options))`,
      `${indent}  return false`,
      `${indent}}`,
      '',
    ].join('\n');
    writeFileSync(full, text.replace(UNGUARDED, `$1${guard}$3`));
    patched++;
  }
  if (patched > 0) {
    log(`postgres ${version}: guarded nextWrite against a closed socket (${patched} builds)`);
    return 'patched';
  }
  if (guarded > 0) return 'guarded';
  log(`postgres ${version}: nextWrite has no unguarded write to patch (fixed upstream?)`);
  return 'not-needed';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  patchPostgresDriver(root, (line) => process.stdout.write(`[patch] ${line}\n`));
}
