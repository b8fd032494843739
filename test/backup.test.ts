import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { createApp } from '../src/server/app.ts';
import { data } from './helpers.ts';
import { ROOT } from './paths.ts';
import { claimline, runScript, stop, stopAll } from './process.ts';

// Backups as an operator takes them: `claimline backup` while the server serves and writes,
// `claimline restore`, and Litestream's continuous replication with a point-in-time restore.

const folder = mkdtempSync(join(tmpdir(), 'claimline-backup-'));
afterAll(() => {
  stopAll();
  rmSync(folder, { recursive: true, force: true });
});

const LITESTREAM = join(ROOT, 'node_modules/@flydotio/litestream-linux-x64/litestream');
if (!existsSync(LITESTREAM)) console.warn(`\n  NOTICE: Litestream test SKIPPED: no binary at ${LITESTREAM} (npm install @flydotio/litestream-linux-x64, linux x64 only).\n`);

const start = (file: string) => runScript('start', [], { PORT: '0', CLAIMLINE_DB: file, CLAIMLINE_RATE_LIMIT_POINTS: '0' }, /GraphiQL at (http:\/\/[^\s"]+)/);
const post = (url: string, query: string, key: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
/** Runs the command without blocking this process (the writers keep writing meanwhile). */
const runAsync = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/claimline.js'), ...args], { env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stderr }));
  });

/** Writers creating actors as fast as the server takes them; `acknowledged` holds each name the server confirmed. */
function writers(url: string, key: string, prefix: string, clients = 4) {
  const acknowledged: string[] = [];
  let stopped = false;
  const one = async (client: number) => {
    for (let n = 0; !stopped; n += 1) {
      const name = `${prefix} ${client}-${n}`;
      const body = (await (await post(url, `mutation { actorCreate(input: { name: "${name}", kind: ORGANIZATION }) { __typename } }`, key)).json()) as any;
      if (body.data?.actorCreate?.__typename === 'ActorCreateSuccess') acknowledged.push(name);
    }
  };
  const running = Promise.all(Array.from({ length: clients }, (_, i) => one(i)));
  return { acknowledged, stop: async () => ((stopped = true), await running) };
}

const names = (file: string, prefix: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return new Set((db.prepare('SELECT name FROM actors WHERE name LIKE ?').all(`${prefix} %`) as { name: string }[]).map((r) => r.name));
  } finally {
    db.close();
  }
};

describe('claimline backup and restore', () => {
  it('copies the database consistently while the server serves and writes, and restores it', async () => {
    const file = join(folder, 'live.db');
    const env = { CLAIMLINE_DB: file };
    expect(claimline(['migrate'], env).code).toBe(0);
    const key = claimline(['keys', 'create', '--name', 'writer'], env).stdout.trim();
    const server = await start(file);
    const stream = writers(server.url, key, 'Backup');
    while (stream.acknowledged.length < 100) await new Promise((resolve) => setTimeout(resolve, 5));
    const before = [...stream.acknowledged];
    const copy = join(folder, 'copy.db');
    const backup = await runAsync(['backup', copy], env);
    const during = stream.acknowledged.length - before.length;
    await stream.stop();
    await stop(server.child);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stderr).toMatch(/^backup: .* → .*copy\.db: [\d,]+ pages in [\d.]+ s\n$/);
    expect(during).toBeGreaterThan(0); // the writes went on while it copied
    const check = new Database(copy, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.pragma('foreign_key_check')).toEqual([]);
    check.close();
    const inCopy = names(copy, 'Backup');
    expect(before.filter((name) => !inCopy.has(name))).toEqual([]);
    // Backing up onto an existing file is refused; restoring brings the copy back as the database.
    expect((await runAsync(['backup', copy], env)).code).toBe(1);
    const target = join(folder, 'restored.db');
    const restored = await runAsync(['restore', copy], { CLAIMLINE_DB: target });
    expect(restored.code, restored.stderr).toBe(0);
    expect(names(target, 'Backup')).toEqual(inCopy);
  }, 60_000);
});

describe.skipIf(!existsSync(LITESTREAM))('Litestream', () => {
  const QUERY = '{ timeline { totalCount } actors(first: 100) { totalCount nodes { name } } }';

  it('replicates continuously to a folder and restores the database as it stood at an instant', async () => {
    const file = join(folder, 'replicated.db');
    const replica = join(folder, 'replica');
    const config = join(folder, 'litestream.yml');
    writeFileSync(config, `dbs:\n  - path: ${file}\n    replicas:\n      - type: file\n        path: ${replica}\n        sync-interval: 200ms\n`);
    const env = { CLAIMLINE_DB: file };
    expect(claimline(['migrate'], env).code).toBe(0);
    const key = claimline(['keys', 'create', '--name', 'writer'], env).stdout.trim();
    const litestream = spawn(LITESTREAM, ['replicate', '-config', config], { stdio: 'ignore' });
    try {
      const server = await start(file);
      for (let i = 0; i < 20; i += 1) await post(server.url, `mutation { actorCreate(input: { name: "Before ${i}", kind: ORGANIZATION }) { __typename } }`, key);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // replicated
      const instant = new Date();
      const atInstant = await data(createApp({ db: openDatabase({ file }) }), QUERY);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      for (let i = 0; i < 20; i += 1) await post(server.url, `mutation { actorCreate(input: { name: "After ${i}", kind: ORGANIZATION }) { __typename } }`, key);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await stop(server.child);
      litestream.kill('SIGTERM');
      await new Promise((resolve) => litestream.once('exit', resolve));

      const output = join(folder, 'point-in-time.db');
      const restore = spawn(LITESTREAM, ['restore', '-config', config, '-o', output, '-timestamp', instant.toISOString(), file], { stdio: 'pipe' });
      let log = '';
      restore.stderr!.on('data', (chunk) => (log += chunk));
      expect(await new Promise((resolve) => restore.once('exit', resolve)), log).toBe(0);
      const restored = await data(createApp({ db: openDatabase({ file: output }) }), QUERY);
      expect(restored).toEqual(atInstant);
      expect(restored.actors.nodes.map((a: any) => a.name)).toContain('Before 19');
      expect(restored.actors.nodes.map((a: any) => a.name)).not.toContain('After 0');
    } finally {
      if (litestream.exitCode === null) litestream.kill('SIGKILL');
    }
  }, 60_000);
});
