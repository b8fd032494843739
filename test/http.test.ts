import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript, stop, stopAll } from './process.ts';

// Starts claimline exactly as `npm start` does, on a free port, over a database file in a scratch folder.
const folder = mkdtempSync(join(tmpdir(), 'claimline-http-'));
const start = () => runScript('start', [], { PORT: '0', CLAIMLINE_DB: join(folder, 'claimline.db') }, /GraphiQL at (http:\/\/[^\s"]+)/);

afterAll(() => {
  stopAll();
  rmSync(folder, { recursive: true, force: true });
});

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

    // Operating it: alive, ready, metrics, and a JSON log line per request.
    const origin = new URL(first.url).origin;
    expect(await (await fetch(`${origin}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${origin}/ready`)).json()).toEqual({ status: 'ready', checks: { open: true, migrated: true, writable: true } });
    const named = await fetch(first.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'test-42' },
      body: JSON.stringify({ query: 'query Named { claims(first: 3) { nodes { summary ... on Claim { claimant { name } } } } }' }),
    });
    expect(named.headers.get('x-request-id')).toBe('test-42');
    // An import running against the same file says how far it is (as `claimline import` writes it).
    const progress = join(folder, 'claimline.db-import.json');
    writeFileSync(progress, JSON.stringify({ pid: process.pid, format: 'gdelt-events', file: 'events.CSV', rows: 42, bytes: 4200, totalBytes: 10000, started: new Date().toISOString() }));
    const metrics = await (await fetch(`${origin}/metrics`)).text();
    rmSync(progress);
    expect(metrics).toContain('claimline_import_rows{format="gdelt-events",file="events.CSV"} 42');
    expect(metrics).toContain('claimline_import_total_bytes{format="gdelt-events",file="events.CSV"} 10000');
    for (const name of ['claimline_sql_statements_total', 'claimline_graphql_errors_total{code="BAD_USER_INPUT"} 1', 'claimline_subscribers 0', 'claimline_database_bytes{file="wal"}', 'graphql_yoga_http_duration_bucket']) {
      expect(metrics).toContain(name);
    }
    await expect.poll(() => first.output()).toContain('"request":"test-42"');
    const line = JSON.parse(first.output().split('\n').find((l) => l.includes('"request":"test-42"'))!);
    expect(line).toMatchObject({ level: 30, msg: 'request', method: 'POST', path: '/graphql', operation: 'Named', status: 200, statements: expect.any(Number), cost: expect.any(Number), ms: expect.any(Number) });
    expect(line.statements).toBeGreaterThan(0);
    // Written to a pipe, not a terminal: no colour codes.
    expect(first.output()).not.toContain('\u001b[');
    await stop(first.child);

    const second = await start();
    expect(second.output()).toMatch(/reused/);
    expect(second.output()).not.toMatch(/seeded with/);
    const again = (await (await post(second.url, '{ timeline { totalCount } }')).json()) as any;
    expect(again.data.timeline.totalCount).toBe(items);
    await stop(second.child);
  });
});
