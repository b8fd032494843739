import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The test files that open their databases through test/helpers.ts (testDb, seededDb, sharedDb,
// sharedDatabase), which gives
// each a new PostgreSQL database in the postgres project: the others (SQLite files, processes,
// pure functions) would run the same twice.
const onEitherEngine = readdirSync('test')
  .filter((name) => name.endsWith('.test.ts') && !name.startsWith('postgres') && /\b(testDb|seededDb|sharedDb|sharedDatabase)\(/.test(readFileSync(`test/${name}`, 'utf8')))
  .map((name) => `test/${name}`);

export default defineConfig({
  // graphql 16 ships both index.mjs and index.js; Node loads index.js for the plugins in
  // node_modules, so the project's own imports must get the same copy (one graphql instance).
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    benchmark: { include: ['bench/**/*.bench.ts'] },
    // Every core: vitest's own default leaves one free, which on a two-core machine runs the files one at a time.
    maxWorkers: '100%',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['test/engine-setup.ts'],
    // The suite runs twice: on SQLite, and on PostgreSQL (each test database a new one on the
    // primary that test/global-setup.ts starts), every file whose databases are the helpers'. A
    // test of what only SQLite has says so, and is skipped on PostgreSQL (test/helpers.ts: onPostgres).
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], globalSetup: ['test/global-setup.ts'] } },
      // The tests of PostgreSQL itself (copy, the two engines side by side, replicas) run once, in the first.
      { extends: true, test: { name: 'postgres', globalSetup: ['test/global-setup.ts'], include: onEitherEngine, env: { CLAIMLINE_TEST_ENGINE: 'postgres' } } },
    ],
  },
});
