import { execFileSync, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './paths.ts';
import { groupAlive, runScript, stop, stopAll } from './process.ts';
import { onPostgres, sharedDatabase } from './helpers.ts';

const folder = mkdtempSync(join(tmpdir(), 'claimline-workers-'));
afterAll(() => {
  stopAll();
  rmSync(folder, { recursive: true, force: true });
});

/** A POST over a connection of its own (so the primary hands each to the next worker), with a request id to find its log line. */
function post(url: string, query: string, id: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const r = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-request-id': id, connection: 'close' } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
    });
    r.on('error', reject);
    r.end(JSON.stringify({ query }));
  });
}

const workerPids = (primary: number) =>
  execFileSync('ps', ['-o', 'pid=', '--ppid', String(primary)], { encoding: 'utf8' }).split('\n').map((l) => Number(l.trim())).filter(Boolean);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('claimline serve with CLAIMLINE_WORKERS=2', () => {
  it('answers from both processes, with one rate budget and one /metrics for them all, replaces a worker that dies, and stops them all on SIGTERM', async () => {
    // `{ timeline(first: 9) { nodes { id } } }` costs 10 points: a budget of 50 grants five. (On
    // PostgreSQL the workers share it through the database, as servers on several hosts do.)
    const server = await runScript('start', [], { PORT: '0', CLAIMLINE_DB: sharedDatabase(), CLAIMLINE_WORKERS: '2', CLAIMLINE_RATE_LIMIT_POINTS: '50' }, /GraphiQL at (http:\/\/[^\s"]+)/);
    await expect.poll(() => server.output(), { timeout: 20_000 }).toContain('2 processes serving');
    expect(server.output()).toContain('database ');
    expect(server.output()).toContain('; 2 processes;');

    const answers = [];
    for (let n = 0; n < 8; n += 1) {
      answers.push(await post(server.url, '{ timeline(first: 9) { nodes { id } } }', `budget-${n}`));
      await pause(60); // longer than the 20 ms in which a worker tells the others what it granted
    }
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(answers[5]!.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // Both processes answered.
    await expect.poll(() => server.output()).toContain('"request":"budget-7"');
    const workers = new Set(server.output().split('\n').filter((l) => l.includes('"request":"budget-')).map((l) => JSON.parse(l).worker));
    expect([...workers].sort()).toEqual([1, 2]);
    // /metrics counts every process's refusals, whichever one is scraped.
    const origin = new URL(server.url).origin;
    for (let n = 0; n < 2; n += 1) {
      const metrics = await (await fetch(`${origin}/metrics`, { headers: { connection: 'close' } })).text();
      expect(metrics).toContain('claimline_graphql_errors_total{code="RATE_LIMITED"} 3');
    }

    // A worker killed outright is replaced, and the API keeps answering.
    const [first, second] = workerPids(server.child.pid!);
    expect(second).toBeDefined();
    process.kill(first!, 'SIGKILL');
    await expect.poll(() => server.output()).toMatch(/worker \d exited \(SIGKILL\): starting another/);
    await expect.poll(() => workerPids(server.child.pid!).length, { timeout: 20_000 }).toBe(2);
    expect(workerPids(server.child.pid!)).not.toContain(first);
    await expect.poll(async () => (await post(server.url, '{ sources { totalCount } }', 'after-kill')).status, { timeout: 20_000 }).toBe(200);

    expect(await stop(server.child)).toEqual({ code: 0, signal: null });
    await expect.poll(() => groupAlive(server.child)).toBe(false);
  });

  it.skipIf(onPostgres)('stops with exit 1 and the reason when the first worker cannot open the database', () => {
    const file = join(folder, 'not-a-database.db');
    writeFileSync(file, '{}');
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/claimline.js'), 'serve'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, CLAIMLINE_DB: file, PORT: '0', CLAIMLINE_WORKERS: '2' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('claimline: file is not a database');
    expect(run.stdout).toContain('exited (1) before serving: stopping');
  });
});
