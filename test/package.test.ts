import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './paths.ts';

// The package as published: `npm pack`, unpacked into an empty folder, serves the API with its
// migrations, seed and GraphiQL assets. Its dependencies are linked from this clone's
// node_modules (installing them again would compile better-sqlite3 for minutes): what is tested
// is what the tarball holds and how its command runs from it.

const folder = mkdtempSync(join(tmpdir(), 'claimline-package-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds what it needs and serves GraphiQL and the API from an empty folder', async () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path);
    for (const needed of ['bin/claimline.js', 'dist/cli/main.js', 'drizzle/meta/_journal.json', 'seeds/article-2017-10-11/bundle.json', 'examples/01-who-accused-whom.graphql', 'package.json']) expect(files).toContain(needed);
    expect(files.filter((f) => /^(src|test|scratch|bench)\//.test(f))).toEqual([]);

    const app = join(folder, 'app');
    const installed = join(app, 'node_modules', 'claimline');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['xzf', join(folder, packed!.filename), '-C', installed, '--strip-components', '1']);
    for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
      if (entry !== '.bin' && entry !== 'claimline') symlinkSync(join(ROOT, 'node_modules', entry), join(app, 'node_modules', entry));
    }
    const server = spawn(process.execPath, [join(installed, 'bin/claimline.js'), 'serve'], { cwd: app, env: { ...process.env, PORT: '0', CLAIMLINE_DB: join(app, 'claimline.db') } });
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    server.stderr.on('data', (chunk) => (output += chunk));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready:\n${output}`)), 30_000);
        server.stdout.on('data', () => {
          const match = output.match(/GraphiQL at (http:\/\/[^\s"]+)/);
          if (match) (clearTimeout(timer), resolve(match[1]!));
        });
        server.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      expect(output).not.toContain('building it once'); // dist/ came in the package
      const answer = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ timeline { totalCount } }' }) })).json()) as any;
      expect(answer.data.timeline.totalCount).toBe(14);
      const page = await (await fetch(url, { headers: { accept: 'text/html' } })).text();
      expect(page).toContain('WhoAccusedWhom'); // the example tabs
      expect((await fetch(new URL('/graphiql-assets/graphiql.js', url))).status).toBe(200);
      expect(execFileSync(process.execPath, [join(installed, 'bin/claimline.js'), '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => (server.exitCode === null ? server.once('exit', resolve) : resolve(null)));
    }
  }, 60_000);
});
