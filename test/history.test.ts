import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { globalId as id } from '../src/domain/global-id.ts';
import { allTriggers } from '../src/db/triggers.ts';
import { openDb } from '../src/db/open.ts';
import { rewindTo } from '../src/domain/changes.ts';
import { parseFuzzyDate } from '../src/domain/fuzzy-date.ts';
import { write as writeChange, type Writer } from '../src/domain/write.ts';
import { Editor } from '../src/server/editor.ts';
import { createKey } from '../src/domain/keys.ts';
import { loadBundle, readBundleFile } from '../src/domain/bundle.ts';
import { createApp } from '../src/server/app.ts';
import { listen } from '../src/server/http.ts';
import { generatedTimeline } from './builders.ts';
import { gql, onPostgres, seededDb, sharedDb } from './helpers.ts';
import { FIXTURES, ROOT, SEED_BUNDLE_PATH } from './paths.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
const servers: { close: () => void }[] = [];
afterAll(() => servers.forEach((s) => s.close()));

function seededFile() {
  const { db, database: file } = sharedDb();
  loadBundle(db, readBundleFile(SEED_BUNDLE_PATH));
  return { db, file, key: createKey(db, 'editor', ['write']) };
}

async function write(app: ReturnType<typeof createApp>, key: string, name: string, input: unknown) {
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}`;
  const result = await gql(app, `mutation ($input: ${type}Input!) { ${name}(input: $input) { __typename ... on Error { message } } }`, { input }, { authorization: `Bearer ${key}` });
  expect(result.data?.[name]?.__typename, JSON.stringify(result)).toBe(`${type}Success`);
}

describe('history', () => {
  it('is recorded by triggers on every tracked table, exactly as src/db/triggers.ts prints them (the search index too)', () => {
    const { db } = seededDb();
    if (onPostgres) {
      // Each trigger and its function, as PostgreSQL holds them: the trigger's definition, and the function's body.
      const stored = db.$client.prepare(`SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS trigger, p.prosrc AS body FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal ORDER BY t.tgname`).all() as { name: string; trigger: string; body: string }[];
      const printed = allTriggers('postgres');
      // PostgreSQL prints a trigger's condition in its own words: the rest is compared as written.
      const unconditioned = (trigger: string) => trigger.replace(' ON public.', ' ON ').replace(/ WHEN \(.*\) EXECUTE /, ' EXECUTE ');
      expect(stored.map((t) => unconditioned(t.trigger))).toEqual(printed.filter((t) => t.startsWith('CREATE TRIGGER')).map(unconditioned).sort());
      expect(stored.map((t) => t.body)).toEqual(stored.map((t) => /\$\$([\s\S]*)\$\$/.exec(printed.find((p) => p.startsWith(`CREATE FUNCTION ${t.name}()`))!)![1]));
    } else {
      const stored = db.$client.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { sql: string }[];
      expect(stored.map((t) => t.sql).sort()).toEqual(allTriggers().sort());
    }
    // The seed is one change, and every row it wrote is filed under it.
    expect(db.$client.prepare('SELECT operation, key_name AS "keyName" FROM changes').all()).toEqual([{ operation: 'seed', keyName: null }]);
    expect((db.$client.prepare('SELECT count(*) AS n FROM row_changes WHERE change_id = 1').get() as { n: number }).n).toBeGreaterThan(100);
  });
});

describe('as-of reads', () => {
  it('return the record exactly as it stood at each instant of a replayed sequence of edits', async () => {
    const { db, key } = seededFile();
    const app = createApp({ db });
    const actorId = id('Actor', (db.$client.prepare("SELECT id FROM actors WHERE name = 'Russian military'").get() as { id: number }).id);
    const sourceId = id('Source', 1);
    const read = (asOf: string) =>
      gql(app, `query ($asOf: DateTime) { node(id: "${actorId}", asOf: $asOf) { ... on Actor { name aliases } } timeline(asOf: $asOf) { totalCount } search(query: "Kremlin", asOf: $asOf) { totalCount } }`, { asOf });
    const instants: string[] = [];
    const states: unknown[] = [];
    const mark = async () => {
      await tick();
      instants.push(new Date().toISOString());
      await tick();
      states.push((await gql(app, `{ node(id: "${actorId}") { ... on Actor { name aliases } } timeline { totalCount } search(query: "Kremlin") { totalCount } }`)).data);
    };
    await mark();
    await write(app, key, 'actorUpdate', { id: actorId, changes: { name: 'Ministry of Defence of the Russian Federation', aliases: ['Kremlin military'] } });
    await mark();
    await write(app, key, 'statementCreate', { summary: 'The Kremlin comments.', date: '2017-10-12', claimant: actorId, statementKind: 'ASSERTION', citations: [{ source: sourceId }] });
    await mark();
    const statement = id('Statement', (db.$client.prepare("SELECT max(id) AS id FROM items WHERE type = 'STATEMENT'").get() as { id: number }).id);
    await write(app, key, 'retract', { id: statement, reason: 'duplicate' });
    await mark();

    expect(states.map((s: any) => [s.node.name, s.timeline.totalCount, s.search.totalCount])).toEqual([
      ['Russian military', 14, 0],
      ['Ministry of Defence of the Russian Federation', 14, 1],
      ['Ministry of Defence of the Russian Federation', 15, 2],
      ['Ministry of Defence of the Russian Federation', 14, 1],
    ]);
    for (const [i, instant] of instants.entries()) expect((await read(instant)).data).toEqual(states[i]);
    // Before anything was recorded, the record was empty; and the rewinds left the present as it is.
    expect((await read('2000-01-01T00:00:00Z')).data).toEqual({ node: null, timeline: { totalCount: 0 }, search: { totalCount: 0 } });
    expect((await gql(app, '{ timeline { totalCount } }')).data.timeline.totalCount).toBe(14);

    const retracted = await gql(app, `query ($asOf: DateTime) { node(id: "${statement}", asOf: $asOf) { ... on Statement { summary retraction { reason } history { totalCount nodes { operation by } } } } }`, { asOf: instants[2] });
    expect(retracted.data.node).toEqual({ summary: 'The Kremlin comments.', retraction: null, history: { totalCount: 1, nodes: [{ operation: 'statementCreate', by: 'editor' }] } });
    const now = await gql(app, `{ node(id: "${statement}") { ... on Statement { retraction { reason } history { nodes { operation } } } } }`);
    expect(now.data.node).toEqual({ retraction: { reason: 'duplicate' }, history: { nodes: [{ operation: 'statementCreate' }, { operation: 'retract' }] } });

    const mixed = await gql(app, `{ a: timeline(asOf: "${instants[0]}") { totalCount } b: timeline(asOf: "${instants[1]}") { totalCount } }`);
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });
});

describe('concurrent writers', () => {
  it('lose no acknowledged write: many HTTP clients at once, and a second process writing the same file', async () => {
    const { db, file, key } = seededFile();
    const { server, url } = await listen(db, 0, '127.0.0.1');
    servers.push(server);
    const folder = mkdtempSync(join(tmpdir(), 'claimline-bundle-'));
    servers.push({ close: () => rmSync(folder, { recursive: true, force: true }) });
    const bundleFile = join(folder, 'bundle.json');
    writeFileSync(bundleFile, JSON.stringify(generatedTimeline({ events: 200 })));
    const other = promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'seed', bundleFile], { cwd: ROOT, env: { ...process.env, CLAIMLINE_DB: file } });
    const names = Array.from({ length: 40 }, (_, i) => `Concurrent actor ${i}`);
    const acknowledged = await Promise.all(
      names.map(async (name) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query: `mutation { actorCreate(input: { name: "${name}", kind: PERSON }) { __typename ... on ActorCreateSuccess { actor { name } } } }` }),
        });
        return ((await response.json()) as any).data.actorCreate.actor.name as string;
      }),
    );
    await other;
    expect(acknowledged.sort()).toEqual([...names].sort());
    const stored = (db.$client.prepare("SELECT name FROM actors WHERE name LIKE 'Concurrent actor %'").all() as { name: string }[]).map((r) => r.name);
    expect(stored.sort()).toEqual([...names].sort());
    expect((db.$client.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n).toBeGreaterThan(14 + 200);
    // One change per write, each complete: 1 seed + 40 mutations + 1 bundle from the other process.
    expect((db.$client.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n).toBe(42);
  });
});

describe('live updates', () => {
  it('deliver over server-sent events the items a mutation from another client adds, filtered', async () => {
    const { db, key } = seededFile();
    const { server, url } = await listen(db, 0, '127.0.0.1');
    servers.push(server);
    const controller = new AbortController();
    const stream = await subscribeOver(url, 'subscription { timelineItemAdded(filter: { types: [STATEMENT] }) { __typename summary } }', controller.signal);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    const claimant = id('Actor', 1);
    const create = (name: string, input: object) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: `mutation ($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { __typename } }`, variables: { input } }),
      });
    // An event (filtered out), then a statement (delivered).
    await tick();
    await create('eventCreate', { title: 'E', summary: 'An event.', kind: 'ASSAULT', status: 'REPORTED', date: '2017-10-12', citations: [{ source: id('Source', 1) }] });
    await create('statementCreate', { summary: 'A live statement.', date: '2017-10-12', claimant, statementKind: 'ASSERTION', citations: [{ source: id('Source', 1) }] });
    let received = '';
    while (!/data: .*summary/.test(received)) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    const payload = JSON.parse(/data: (.*summary.*)/.exec(received)![1]!);
    expect(payload.data.timelineItemAdded).toEqual({ __typename: 'Statement', summary: 'A live statement.' });
  });

  it('deliver, once each, what another process writes to the same database: an import, a mutation through a second server', async () => {
    const { db, key, file } = seededFile();
    const { server, url } = await listen(db, 0, '127.0.0.1');
    servers.push(server);
    const controller = new AbortController();
    const stream = await subscribeOver(url, 'subscription { timelineItemAdded { id summary } }', controller.signal);
    const reader = stream.body!.getReader();
    await tick();
    // `claimline import` in its own process, on the same file: 2,111 items at once (more than
    // yoga's pub/sub queues for one subscriber, which crashed the server).
    expect(await importInto(file, 'gdelt-2.0-events-sample/20191024143000.export.CSV')).toBe(0);
    // A second server on the same file takes a mutation.
    const other = await listen(openDb(file), 0, '127.0.0.1');
    servers.push(other.server);
    await fetch(other.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: `mutation { statementCreate(input: { summary: "Said elsewhere.", date: "2017-10-12", claimant: "${id('Actor', 1)}", statementKind: ASSERTION, citations: [{ source: "${id('Source', 1)}" }] }) { __typename } }` }),
    });
    const ids: string[] = [];
    let received = '';
    while (ids.length < 2112) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
      const events = received.split('\n\n');
      received = events.pop()!;
      for (const event of events) {
        const data = /^data: (.*)$/m.exec(event)?.[1];
        if (data) ids.push(JSON.parse(data).data.timelineItemAdded.id);
      }
    }
    controller.abort();
    expect(ids).toHaveLength(2112);
    expect(new Set(ids).size).toBe(2112);
  }, 30_000);

  it('reach a subscriber in commit order: what another process committed first comes before this server’s next write', async () => {
    const { db, file } = seededFile();
    // A poll that never comes during the test: only the write itself can publish the other's change first.
    const editor = new Editor(db, { pollMs: 60_000 });
    const other = openDb(file);
    const origin = { operation: 'test', keyName: null };
    const event = (summary: string) => (w: Writer) =>
      w.createItem({ type: 'EVENT', summary, date: parseFuzzyDate('2017-10-12'), event: { title: summary, kind: 'ASSAULT', status: 'REPORTED' }, citations: [{ sourceId: 1 }] });
    const added = editor.subscribe('timeline:added')[Symbol.asyncIterator]();
    const first = added.next(); // the subscription starts listening
    const elsewhere = writeChange(other, origin, event('Committed elsewhere first.')).result;
    const here = await editor.write(origin, event('Written here next.'));
    expect([(await first).value, (await added.next()).value]).toEqual([elsewhere, here]);
    await added.return?.();
    await editor.close();
    other.$client.close();
  });

  it.runIf(onPostgres)('reach a subscriber as another server commits, by PostgreSQL’s notice of each change, without waiting for a poll', async () => {
    const { db, file } = seededFile();
    const editor = new Editor(db, { pollMs: 60_000, notices: true });
    const other = openDb(file);
    const added = editor.subscribe('timeline:added')[Symbol.asyncIterator]();
    const next = added.next();
    // The listening connection is made on libpq's thread: it listens once it shows in pg_stat_activity.
    for (let tries = 0; tries < 100 && !(other.$client.prepare("SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'LISTEN \"claimline_changes\"'").get() as { n: number }).n; tries++) await tick();
    const origin = { operation: 'test', keyName: null };
    const elsewhere = writeChange(other, origin, (w: Writer) =>
      w.createItem({ type: 'EVENT', summary: 'Committed by another server.', date: parseFuzzyDate('2017-10-12'), event: { title: 'Elsewhere', kind: 'ASSAULT', status: 'REPORTED' }, citations: [{ sourceId: 1 }] }),
    ).result;
    const timeout = new Promise((resolve) => setTimeout(() => resolve({ value: 'no notice within 5 s' }), 5_000));
    expect(((await Promise.race([next, timeout])) as { value: unknown }).value).toBe(elsewhere);
    await added.return?.();
    await editor.close();
    other.$client.close();
  });

  it('end a subscription with SUBSCRIPTION_OVERFLOW when more items wait than CLAIMLINE_SUBSCRIPTION_BACKLOG, and keep serving', async () => {
    const { db, file } = seededFile();
    const { server, url } = await listen(db, 0, '127.0.0.1', { limits: { subscriptionBacklog: 100 } });
    servers.push(server);
    const stream = await subscribeOver(url, 'subscription { timelineItemAdded { id } }');
    await tick();
    expect(await importInto(file, 'gdelt-2.0-events-sample/20191024143000.export.head300.CSV')).toBe(0);
    // The 300 items overflow a backlog of 100 before the next poll delivers any: one error, then the end.
    const received = await stream.text();
    const payloads = [...received.matchAll(/^data: (\{.*\})$/gm)].map((m) => JSON.parse(m[1]!));
    expect(payloads).toHaveLength(1);
    expect(payloads[0].errors[0].extensions).toMatchObject({ code: 'SUBSCRIPTION_OVERFLOW', limit: 100 });
    expect(payloads[0].errors[0].message).toMatch(/More than 100 items were waiting/);
    const answer = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ timeline { totalCount } }' }) })).json()) as any;
    expect(answer.data.timeline.totalCount).toBe(14 + 300);
  }, 30_000);
});

/** A subscription over server-sent events, as a browser's EventSource-like client opens it. */
function subscribeOver(url: string, query: string, signal?: AbortSignal): Promise<Response> {
  return fetch(url, { method: 'POST', signal, headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ query }) });
}

/** `claimline import` of a GDELT fixture in its own process, on the same file; resolves with its exit code. */
function importInto(file: string, fixture: string): Promise<number | null> {
  return new Promise((resolve) => spawn(process.execPath, [join(ROOT, 'bin/claimline.js'), 'import', '--format', 'gdelt-events', join(FIXTURES, fixture)], { env: { ...process.env, CLAIMLINE_DB: file } }).once('exit', resolve));
}

// SQLite's query plans; PostgreSQL seeks through the same index (its planner's choice, by its statistics).
describe.skipIf(onPostgres)('the rewind of an as-of read', () => {
  it('seeks the row changes after its instant through the change-id index, never scanning them all', () => {
    const { db, statements } = seededDb();
    loadBundle(db, generatedTimeline({ events: 30, namespace: 'test/later' }));
    statements.length = 0;
    db.$client.exec('BEGIN');
    rewindTo(db, new Date(Date.now() - 1));
    db.$client.exec('ROLLBACK');
    const reads = statements.filter((s) => /^\s*SELECT/i.test(s) && s.includes('row_changes'));
    expect(reads.length).toBeGreaterThan(0);
    for (const statement of reads) {
      const names = [...new Set([...statement.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
      const explain = db.$client.prepare(`EXPLAIN QUERY PLAN ${statement}`);
      const plan = (names.length ? explain.all(Object.fromEntries(names.map((n) => [n, 1]))) : explain.all(...Array.from({ length: (statement.match(/\?/g) ?? []).length }, () => 1)))
        .map((r: any) => r.detail as string)
        .join('\n');
      expect(plan, statement).toMatch(/SEARCH row_changes USING (COVERING )?INDEX row_changes_change_idx/);
      expect(plan, statement).not.toMatch(/SCAN row_changes/);
    }
  });
});
