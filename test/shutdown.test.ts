import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimline, runScript, stopAll } from './process.ts';

// The server as `npm start` runs it: a clean stop with a live subscription open, and a killed
// process in the middle of a stream of writes.

const folder = mkdtempSync(join(tmpdir(), 'claimline-shutdown-'));
afterAll(() => {
  stopAll();
  rmSync(folder, { recursive: true, force: true });
});

const start = (file: string, env: Record<string, string> = {}) =>
  runScript('start', [], { PORT: '0', CLAIMLINE_DB: file, CLAIMLINE_RATE_LIMIT_POINTS: '0', ...env }, /GraphiQL at (http:\/\/[^\s"]+)/);
const exited = (child: import('node:child_process').ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
const post = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

describe('shutdown', () => {
  it('on SIGTERM ends a live subscription, finishes, closes every connection and exits 0 within the deadline', async () => {
    const file = join(folder, 'term.db');
    const server = await start(file, { CLAIMLINE_SHUTDOWN_SECONDS: '5' });
    // An as-of read opens the second (rewinding) connection, which must be closed too.
    expect(((await (await post(server.url, `{ timeline(asOf: "${new Date().toISOString()}") { totalCount } }`)).json()) as any).data.timeline.totalCount).toBe(14);
    const stream = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { timelineItemAdded { id } }' }),
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return true;
    })();
    const startedAt = Date.now();
    process.kill(-server.child.pid!, 'SIGTERM');
    expect(await ended).toBe(true);
    expect(await exited(server.child)).toEqual({ code: 0, signal: null });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(server.output()).toMatch(/SIGTERM: stopping/);
    expect(server.output()).toMatch(/"msg":"stopped"/);
    // Every connection closed cleanly: SQLite checkpointed and removed the write-ahead log.
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    await expect(post(server.url, '{ __typename }')).rejects.toThrow();
  });

  it('keeps every acknowledged write through a SIGKILL in the middle of a stream of mutations', async () => {
    const file = join(folder, 'kill.db');
    const env = { CLAIMLINE_DB: file };
    expect(claimline(['migrate'], env).code).toBe(0);
    const key = claimline(['keys', 'create', '--name', 'writer', '--scopes', 'write'], env).stdout.trim();
    const server = await start(file);
    const acknowledged: string[] = [];
    let killed = false;
    const writer = async (client: number) => {
      for (let n = 0; !killed; n += 1) {
        const name = `Writer ${client} actor ${n}`;
        try {
          const response = await post(server.url, `mutation { actorCreate(input: { name: "${name}", kind: ORGANIZATION }) { __typename } }`, { authorization: `Bearer ${key}` });
          const body = (await response.json()) as any;
          if (body.data?.actorCreate?.__typename === 'ActorCreateSuccess') acknowledged.push(name);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = Array.from({ length: 6 }, (_, i) => writer(i));
    while (acknowledged.length < 150) await new Promise((resolve) => setTimeout(resolve, 5));
    process.kill(-server.child.pid!, 'SIGKILL');
    killed = true;
    await Promise.all(writers);
    expect((await exited(server.child)).signal).toBe('SIGKILL');

    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const stored = new Set((db.prepare("SELECT name FROM actors WHERE name LIKE 'Writer %'").all() as { name: string }[]).map((r) => r.name));
    db.close();
    expect(acknowledged.filter((name) => !stored.has(name))).toEqual([]);
    // Each write is one change with its rows: none is half-written.
    const again = await start(file);
    const body = (await (await post(again.url, '{ search(query: "Writer", kinds: [ACTOR], first: 1) { totalCount } }')).json()) as any;
    expect(body.data.search.totalCount).toBe(stored.size);
    process.kill(-again.child.pid!, 'SIGTERM');
    expect((await exited(again.child)).code).toBe(0);
  }, 60_000);
});
