#!/usr/bin/env node
// The claimline command: runs the bundled JavaScript in dist/ (npm run build; npm ci builds it
// through `prepare`). A clone installed without its scripts builds it on the first run.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  const { execFileSync } = await import('node:child_process');
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write('claimline: dist/ is missing: building it once (npm run build)\n');
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { cwd: root, stdio: 'inherit' });
}
await import(main.href);
