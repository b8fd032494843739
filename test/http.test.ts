import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './paths.ts';

// Starts claimline exactly as `npm start` does (the package's start script, in a shell with
// node_modules/.bin on the PATH), on a free port, over a database file in a scratch folder.
const START = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
const folder = mkdtempSync(join(tmpdir(), 'claimline-http-'));
const running: ChildProcess[] = [];

afterAll(() => {
  // A child still running after a failed test: end its whole process group.
  for (const child of running) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  rmSync(folder, { recursive: true, force: true });
});

async function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn('sh', ['-c', START], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, PORT: '0', CLAIMLINE_DB: join(folder, 'claimline.db'), PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 20 s:\n${output}`)), 20_000);
    child.stdout!.on('data', () => {
      const match = output.match(/GraphiQL at (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

const post = (url: string, query: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

describe('over a real HTTP port, started as npm start starts it', () => {
  it('creates, migrates and seeds the database on first start, and reuses it as it is on the next', async () => {
    const first = await start();
    expect(first.output()).toMatch(/created, seeded/);
    const response = await post(first.url, '{ sources { totalCount nodes { title publisher } } timeline { totalCount } }');
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.data.sources).toEqual({ totalCount: 1, nodes: [{ title: "Moscow says US 'pretending' to fight IS in Iraq", publisher: null }] });
    const items = body.data.timeline.totalCount;
    expect(items).toBe(14);

    const page = await fetch(first.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).toContain('/graphiql-assets/graphiql.js');
    const bad = await post(first.url, '{ timeline(first: 1000) { totalCount } }');
    expect(bad.status).toBe(200);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    await stop(first.child);

    const second = await start();
    expect(second.output()).toMatch(/reused/);
    expect(second.output()).not.toMatch(/seeded/);
    const again = (await (await post(second.url, '{ timeline { totalCount } }')).json()) as any;
    expect(again.data.timeline.totalCount).toBe(items);
    await stop(second.child);
  });
});
