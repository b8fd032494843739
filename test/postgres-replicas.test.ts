import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { openPostgresDb } from '../src/db/postgres.ts';
import { ReadReplicas } from '../src/db/replicas.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { createKey } from '../src/domain/keys.ts';
import { createApp, type App } from '../src/server/app.ts';
import { gql } from './helpers.ts';
import { runScript, stop } from './process.ts';
import { SEED_BUNDLE_PATH } from './paths.ts';
import { freshPostgres, postgresMissing, standbyCaughtUp } from './postgres.ts';

// Several claimline servers over one PostgreSQL primary and its hot standby (test/global-setup.ts
// starts both): writes through the primary, reads from the standby, a standby-only server that
// refuses writes, and reads that go on when the standby stops answering. The standby is reached
// through a TCP relay that the test can cut, as if the standby had stopped (the real one serves
// the other tests of the run).

/**
 * A relay to a port, in a process of its own (a synchronous PostgreSQL connection blocks this
 * one's event loop while it waits, so a relay in it could not pass on the answer), cut by
 * ending that process: every connection through it drops, and new ones are refused.
 */
async function relay(to: number): Promise<{ port: number; cut: () => Promise<void> }> {
  const code = `const net = require('node:net');
    const server = net.createServer((client) => { const up = net.connect(${to}, '127.0.0.1'); for (const s of [client, up]) s.on('error', () => {}); client.pipe(up).pipe(client); });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
    child.once('exit', (exit) => reject(new Error(`the relay exited (${exit})`)));
  });
  const cut = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
  opened.push({ close: cut });
  return { port, cut };
}

const opened: { close: () => unknown }[] = [];
afterAll(async () => {
  for (const o of opened.reverse()) await o.close();
});

describe.skipIf(postgresMissing !== '')('claimline on a PostgreSQL primary and its hot standby', () => {
  let primary: Db;
  let urls: { primary: string; standby: string };
  let key: string;
  const statementsOnStandby: string[] = [];
  beforeAll(async () => {
    urls = await freshPostgres();
    primary = openPostgresDb(urls.primary);
    opened.push({ close: () => primary.$client.close() });
    loadBundle(primary, readBundleFile(SEED_BUNDLE_PATH));
    key = createKey(primary, 'writer', ['write']);
    await standbyCaughtUp();
  });

  const statement = (summary: string) =>
    `mutation { statementCreate(input: { summary: "${summary}", date: "2017-10-12", claimant: "QWN0b3I6MQ==", statementKind: ASSERTION, citations: [{ source: "U291cmNlOjE=" }] }) { __typename ... on Error { message } } }`;
  const search = (app: App, words: string, headers: Record<string, string> = {}) =>
    gql(app, `{ search(query: "${words}") { totalCount } timeline { totalCount } }`, undefined, headers);
  const auth = () => ({ authorization: `Bearer ${key}` });

  /** Waits until `check` holds, or fails after 5 s. */
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    for (let tries = 0; tries < 100; tries++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('not within 5 s');
  }

  it('a server on the standby answers what a server on the primary wrote, and refuses a write, naming where writes go', async () => {
    const writer = createApp({ db: primary });
    const standby = openPostgresDb(urls.standby);
    opened.push({ close: () => standby.$client.close() }, { close: () => writer.editor.close() });
    const reader = createApp({ db: standby });
    opened.push({ close: () => reader.editor.close() });
    const written = await gql(writer, statement('Moscow repeats its charge once more.'), undefined, auth());
    expect(written.data.statementCreate.__typename).toBe('StatementCreateSuccess');
    await eventually(async () => (await search(reader, 'once more')).data?.search.totalCount === 1);
    const refused = await gql(reader, statement('A write sent to the standby.'), undefined, auth());
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/is a hot standby, which takes no writes: send writes to a claimline whose CLAIMLINE_DB is its primary/), extensions: { code: 'READ_ONLY' } });
    expect((await gql(writer, '{ search(query: "standby") { totalCount } }')).data.search.totalCount).toBe(0);
    // Ready for what it serves: a load balancer sends it reads.
    const ready = await reader.fetch('http://claimline.test/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { open: true, migrated: true, writable: 'a hot standby (read-only): writes go to its primary' } });
  });

  it('with CLAIMLINE_DB_REPLICAS, reads on the standby and writes on the primary; a writer reads its own writes; a stopped standby leaves reads on the primary', async () => {
    const standbyPort = Number(new URL(urls.standby).port);
    const link = await relay(standbyPort);
    const through = urls.standby.replace(`:${standbyPort}/`, `:${link.port}/`);
    const replicas = new ReadReplicas(primary, [through], { maxLagMs: 60_000, checkMs: 100, onStatement: (sql) => statementsOnStandby.push(sql) });
    opened.push(replicas);
    const app = createApp({ db: primary, replicas });
    opened.push({ close: () => app.editor.close() });
    await replicas.settled();
    expect(replicas.status()).toEqual([{ url: through, up: true, reason: null, lagMs: expect.any(Number), reads: 0 }]);

    // A query reads on the standby.
    statementsOnStandby.length = 0;
    expect((await search(app, 'ISIS')).data.search.totalCount).toBeGreaterThan(0);
    expect(statementsOnStandby.some((s) => /search_index/.test(s))).toBe(true);
    expect(replicas.status()[0]!.reads).toBe(1);

    // The writer's next read sees its write at once, whichever database answers it.
    const written = await gql(app, statement('Written and read back at once.'), undefined, auth());
    expect(written.data.statementCreate.__typename).toBe('StatementCreateSuccess');
    const own = await search(app, 'read back at once', auth());
    expect(own.data.search.totalCount).toBe(1);
    await eventually(async () => (await search(app, 'read back at once')).data.search.totalCount === 1);

    // The standby stops answering: reads go on, from the primary, and it is reported down.
    await link.cut();
    for (let i = 0; i < 3; i++) {
      const answer = await search(app, 'ISIS');
      expect(answer.errors).toBeUndefined();
      expect(answer.data.search.totalCount).toBeGreaterThan(0);
    }
    await eventually(async () => replicas.status()[0]!.up === false);
    expect(replicas.status()[0]!.reason).toMatch(/connect|server|closed|terminat/i);
    // Writes never went anywhere but the primary.
    expect((await gql(app, statement('Written while the standby is away.'), undefined, auth())).data.statementCreate.__typename).toBe('StatementCreateSuccess');
  });

  it('a writer reads its own writes through any server over the primary, not only the one that took them', async () => {
    const standbyAdmin = openPostgresDb(urls.standby);
    opened.push({ close: () => standbyAdmin.$client.close() });
    await standbyCaughtUp();
    // Two servers (or two processes of one), each with its own view of the standby.
    const [one, two] = [0, 1].map(() => {
      const replicas = new ReadReplicas(primary, [urls.standby], { maxLagMs: 60_000, checkMs: 50 });
      const app = createApp({ db: primary, replicas });
      opened.push(replicas, { close: () => app.editor.close() });
      return { app, replicas };
    });
    await Promise.all([one!.replicas.settled(), two!.replicas.settled()]);
    // The standby holds the write back: replayed, the first reads below would prove nothing.
    standbyAdmin.$client.prepare('SELECT pg_wal_replay_pause()').get();
    try {
      await eventually(async () => Boolean(standbyAdmin.$client.prepare('SELECT pg_is_wal_replay_paused()').pluck().get()));
      expect((await gql(one!.app, statement('Written on one, read on the other.'), undefined, auth())).data.statementCreate.__typename).toBe('StatementCreateSuccess');
      const reads = two!.replicas.status()[0]!.reads;
      expect((await search(two!.app, 'read on the other', auth())).data.search.totalCount).toBe(1);
      // Without the key, the same read is the standby's, which has not replayed the write yet.
      expect((await search(two!.app, 'read on the other')).data.search.totalCount).toBe(0);
      expect(two!.replicas.status()[0]!.reads).toBe(reads + 1);
    } finally {
      standbyAdmin.$client.prepare('SELECT pg_wal_replay_resume()').get();
    }
    // Once the standby has it, the writer's reads are the standby's again.
    await eventually(async () => (await search(two!.app, 'read on the other')).data.search.totalCount === 1);
    const reads = two!.replicas.status()[0]!.reads;
    expect((await search(two!.app, 'read on the other', auth())).data.search.totalCount).toBe(1);
    expect(two!.replicas.status()[0]!.reads).toBe(reads + 1);
  });

  it('while the primary is away, answers queries with a key and without one from the standby, never a 500', async () => {
    const own = openPostgresDb(urls.primary);
    const replicas = new ReadReplicas(own, [urls.standby], { maxLagMs: 60_000, checkMs: 50 });
    const app = createApp({ db: own, replicas });
    // A second server over the same connection, which has looked the key up already.
    const known = createApp({ db: own, replicas });
    opened.push(replicas, { close: () => app.editor.close() }, { close: () => known.editor.close() }, { close: () => own.$client.close() });
    await replicas.settled();
    expect((await search(known, 'ISIS', auth())).data.search.totalCount).toBeGreaterThan(0);
    const pid = own.$client.prepare('SELECT pg_backend_pid() AS pid').get() as { pid: number };
    primary.$client.prepare('SELECT pg_terminate_backend(@pid)').run(pid);
    // Its key known, the query cannot learn the key's newest change: it is the primary's, which is away.
    const away = await search(known, 'ISIS', auth());
    expect(away.status).toBe(200);
    expect(away.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    // The key cannot be looked up: the query is read as one without a key.
    const keyed = await search(app, 'ISIS', auth());
    expect(keyed.status).toBe(200);
    expect(keyed.data.search.totalCount).toBeGreaterThan(0);
    expect((await search(app, 'ISIS')).data.search.totalCount).toBeGreaterThan(0);
  });

  it('a server whose connection to the primary is cut says DATABASE_UNAVAILABLE, connects again by itself, and answers and writes as before', async () => {
    const db = openPostgresDb(urls.primary);
    const app = createApp({ db });
    opened.push({ close: () => app.editor.close() }, { close: () => db.$client.close() });
    expect((await search(app, 'ISIS')).data.search.totalCount).toBeGreaterThan(0);
    const pid = db.$client.prepare('SELECT pg_backend_pid() AS pid').get() as { pid: number };
    // As a restart or a failover of the primary would: its server process for this connection ends.
    primary.$client.prepare('SELECT pg_terminate_backend(@pid)').run(pid);
    const cut = await search(app, 'ISIS');
    expect(cut.status).toBe(200);
    expect(cut.errors?.[0]).toMatchObject({ message: 'The database is not answering: claimline is connecting to it again. Retry shortly.', extensions: { code: 'DATABASE_UNAVAILABLE' } });
    await eventually(async () => (await search(app, 'ISIS')).errors === undefined);
    expect((db.$client.prepare('SELECT pg_backend_pid() AS pid').get() as { pid: number }).pid).not.toBe(pid.pid);
    expect((await gql(app, statement('Written once connected again.'), undefined, auth())).data.statementCreate.__typename).toBe('StatementCreateSuccess');
    expect((await search(app, 'connected again')).data.search.totalCount).toBe(1);
  });

  it('skips a standby that falls further behind than CLAIMLINE_DB_REPLICA_MAX_LAG_MS', async () => {
    const standbyAdmin = openPostgresDb(urls.standby);
    opened.push({ close: () => standbyAdmin.$client.close() });
    // The tests before wrote: the standby starts caught up (within 200 ms even on a loaded machine).
    await standbyCaughtUp();
    const replicas = new ReadReplicas(primary, [urls.standby], { maxLagMs: 200, checkMs: 50 });
    opened.push(replicas);
    const app = createApp({ db: primary, replicas });
    opened.push({ close: () => app.editor.close() });
    await replicas.settled();
    await eventually(async () => replicas.status()[0]!.up === true);
    standbyAdmin.$client.prepare('SELECT pg_wal_replay_pause()').get();
    try {
      await gql(app, statement('Written while the standby waits.'), undefined, auth());
      await eventually(async () => replicas.status()[0]!.up === false);
      expect(replicas.status()[0]!.reason).toMatch(/ms behind its primary \(CLAIMLINE_DB_REPLICA_MAX_LAG_MS is 200\)/);
      // Every reader sees the write: the reads are on the primary.
      expect((await search(app, 'standby waits')).data.search.totalCount).toBe(1);
    } finally {
      standbyAdmin.$client.prepare('SELECT pg_wal_replay_resume()').get();
    }
    await eventually(async () => replicas.status()[0]!.up === true);
  });

  it('as servers: `npm start` on the primary with the standby as its replica, and one on the standby alone', async () => {
    await standbyCaughtUp();
    const env = { PORT: '0', CLAIMLINE_WORKERS: '1', CLAIMLINE_RATE_LIMIT_POINTS: '0' };
    const ready = /GraphiQL at (http:\/\/[^\s"]+)/;
    const writer = await runScript('start', [], { ...env, CLAIMLINE_DB: urls.primary, CLAIMLINE_DB_REPLICAS: urls.standby }, ready);
    const reader = await runScript('start', [], { ...env, CLAIMLINE_DB: urls.standby }, ready);
    opened.push({ close: () => stop(writer.child) }, { close: () => stop(reader.child) });
    expect(writer.output()).toMatch(/reads on postgres:\/\/postgres@127\.0\.0\.1:\d+\/claimline_\w+ \(at most 5000 ms behind\)/);
    const post = async (url: string, query: string, headers: Record<string, string> = {}) =>
      (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) })).json() as Promise<{ data?: any; errors?: { message: string; extensions: { code: string } }[] }>;
    expect((await post(writer.url, statement('Sent to the server on the primary.'), auth())).data.statementCreate.__typename).toBe('StatementCreateSuccess');
    expect((await post(writer.url, '{ search(query: "server on the primary") { totalCount } }', auth())).data.search.totalCount).toBe(1);
    await eventually(async () => (await post(reader.url, '{ search(query: "server on the primary") { totalCount } }')).data.search.totalCount === 1);
    const refused = await post(reader.url, statement('Sent to the server on the standby.'), auth());
    expect(refused.errors?.[0]?.extensions.code).toBe('READ_ONLY');
    expect(reader.output()).not.toMatch(/stack|at \w+ \(/);
    // The database's size, as PostgreSQL gives it.
    const metrics = await (await fetch(new URL('/metrics', writer.url))).text();
    expect(Number(/claimline_database_bytes\{file="database"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(1_000_000);
  });

  it('as servers on one primary, spend from one rate budget per client, whichever server answers', async () => {
    const env = { PORT: '0', CLAIMLINE_WORKERS: '1', CLAIMLINE_DB: urls.primary, CLAIMLINE_RATE_LIMIT_POINTS: '20' };
    const ready = /GraphiQL at (http:\/\/[^\s"]+)/;
    const [one, two] = await Promise.all([runScript('start', [], env, ready), runScript('start', [], env, ready)]);
    opened.push({ close: () => stop(one!.child) }, { close: () => stop(two!.child) });
    // Costs 10 points: a budget of 20 grants two, from either server.
    const ask = async (url: string, headers: Record<string, string> = {}) =>
      (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ timeline(first: 9) { nodes { id } } }' }) })).status;
    expect(await ask(one!.url)).toBe(200);
    expect(await ask(one!.url)).toBe(200);
    // The other server hears of the spending within milliseconds (sent every 20 ms), and refuses its first request from this client.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await ask(two!.url)).toBe(429);
    expect(await ask(one!.url)).toBe(429);
    for (const server of [one!, two!]) expect(server.output()).not.toMatch(/not shared/);
    // Each server's listening connection is cut (as by a restart of the primary): each says so, connects again, and goes on sharing.
    const admin = openPostgresDb(urls.primary);
    opened.push({ close: () => admin.$client.close() });
    expect(admin.$client.prepare("SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE query = 'LISTEN \"claimline_spending\"'").get()).toEqual({ n: 2 });
    for (const server of [one!, two!]) await expect.poll(() => server.output()).toMatch(/rate-limit spending not shared: .*terminat/);
    await eventually(async () => (admin.$client.prepare("SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'LISTEN \"claimline_spending\"'").get() as { n: number }).n === 2);
    // An API key has a budget of its own: spent on the second server, refused by the first.
    expect(await ask(two!.url, auth())).toBe(200);
    expect(await ask(two!.url, auth())).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await ask(one!.url, auth())).toBe(429);
  });

  it('goes on answering while a standby that accepts connections but never answers is being connected to', async () => {
    // A host that takes the connection and says nothing: libpq waits for it up to connect_timeout.
    const code = `const server = require('node:net').createServer(() => {}); server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    opened.push({ close: () => child.kill('SIGKILL') });
    const port = await new Promise<number>((resolve) => child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
    const replicas = new ReadReplicas(primary, [`postgres://postgres@127.0.0.1:${port}/claimline?connect_timeout=2`], { maxLagMs: 5_000, checkMs: 50 });
    opened.push(replicas);
    const app = createApp({ db: primary, replicas });
    opened.push({ close: () => app.editor.close() });
    for (let i = 0; i < 5; i++) {
      expect((await search(app, 'ISIS')).data.search.totalCount).toBeGreaterThan(0);
      expect(replicas.status()[0]).toMatchObject({ up: false, reason: 'connecting' });
    }
    await replicas.settled();
    expect(replicas.status()[0]).toMatchObject({ up: false, reason: expect.stringMatching(/timeout expired/) });
  });
});

