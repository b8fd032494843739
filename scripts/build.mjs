// npm run build: the JavaScript that runs, in dist/cli/. The claimline command and the import
// worker are bundled with what they import (one file each, plus the chunks that only some
// commands load: the gateway, exports, the query compiler, GraphiQL's assets), so that a start
// reads a few files instead of several thousand: at a million items the first answer comes in
// about 550 ms instead of 920 (bench:reads). better-sqlite3 stays a package: it is native code.
// Type checking is tsc's (npm test runs `tsc --noEmit`); the code's own paths (migrations,
// examples) are two folders below the package's root, from src/cli and from dist/cli alike.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}/dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts', 'src/cli/import-worker.ts'],
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3'],
  // Some packages read their classes' names (edtf's date types are named by their constructors).
  keepNames: true,
  // The CommonJS packages in the bundle call require() for Node's own modules.
  banner: { js: "import { createRequire as claimlineRequire } from 'node:module'; const require = claimlineRequire(import.meta.url);" },
  logLevel: 'warning',
});
