import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.ts';
import { globalId as id } from '../src/domain/global-id.ts';
import { createKey, revokeKey } from '../src/domain/keys.ts';
import { createApp } from '../src/server/app.ts';
import { gql, seededDb } from './helpers.ts';

const count = (db: Db, table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const idOf = (db: Db, sql: string, ...params: unknown[]) => (db.$client.prepare(sql).get(...params) as { id: number }).id;

/** Every table a write can touch, counted: equal before and after means nothing was written. */
const TABLES = ['changes', 'row_changes', 'sources', 'quotes', 'actors', 'actor_aliases', 'actor_relations', 'places', 'items', 'links', 'citations', 'claim_accused'];
const snapshot = (db: Db) => Object.fromEntries(TABLES.map((t) => [t, count(db, t)]));

let db: Db;
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;

const DATA_FIELDS: Record<string, [string, string]> = {
  sourceCreate: ['source', 'id'], quoteCreate: ['quote', 'id'], actorCreate: ['actor', 'id'], actorUpdate: ['actor', 'id'], actorMerge: ['actor', 'id'],
  actorRelationCreate: ['relation', 'id'], placeCreate: ['place', 'id'], eventCreate: ['event', 'id'], eventUpdate: ['event', 'id'],
  accusationCreate: ['accusation', 'id'], rebuttalCreate: ['rebuttal', 'id'], statementCreate: ['statement', 'id'], claimUpdate: ['claim', 'id'],
  linkCreate: ['link', 'id'], linkDelete: ['link', 'id'], citationAdd: ['item', 'id'], retract: ['retracted', 'record { id }'], bundleImport: ['report', 'namespace'],
};
const RESULT = `__typename ... on Error { message } ... on ValidationError { field issues { field message } } ... on NotFoundError { field id } ... on ConflictError { field }`;

/** Runs a mutation and returns its payload: the success's data field, or the typed error. */
async function mutate(name: string, input: unknown, selection?: string, headers = auth) {
  const [dataField, defaultSelection] = DATA_FIELDS[name]!;
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}`;
  const result = await gql(app, `mutation ($input: ${type}Input!) { ${name}(input: $input) { ${RESULT} ... on ${type}Success { ${dataField} { ${selection ?? defaultSelection} } } } }`, { input }, headers);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data[name];
}

/** Runs a mutation that must fail, and checks that it wrote nothing at all. */
async function refused(name: string, input: unknown) {
  const before = snapshot(db);
  const payload = await mutate(name, input);
  expect(snapshot(db)).toEqual(before);
  return payload;
}

beforeEach(() => {
  db = seededDb().db;
  app = createApp({ db });
  auth = { authorization: `Bearer ${createKey(db, 'editor', ['write'])}` };
});

const seedIds = () => ({
  source: id('Source', idOf(db, 'SELECT id FROM sources')),
  russianMod: id('Actor', idOf(db, "SELECT id FROM actors WHERE name = 'Russian military'")),
  coalition: id('Actor', idOf(db, "SELECT id FROM actors WHERE name LIKE '%coalition%'")),
  event: id('Event', idOf(db, "SELECT id FROM items WHERE type = 'EVENT'")),
  accusation: id('Accusation', idOf(db, "SELECT id FROM items WHERE type = 'ACCUSATION'")),
  rebuttal: id('Rebuttal', idOf(db, "SELECT id FROM items WHERE type = 'REBUTTAL'")),
});

describe('writes need an API key with the write scope', () => {
  const input = { name: 'Syrian Observatory for Human Rights', kind: 'ORGANIZATION' };
  it('refuses a missing, malformed, unknown or revoked key, writing nothing', async () => {
    for (const headers of <Record<string, string>[]>[{}, { authorization: 'Basic abc' }, { authorization: 'Bearer clk_unknown' }]) {
      const before = snapshot(db);
      const payload = await mutate('actorCreate', input, 'id', headers);
      expect(payload.__typename).toBe('UnauthorizedError');
      expect(snapshot(db)).toEqual(before);
    }
    revokeKey(db, 'editor');
    const payload = await mutate('actorCreate', input);
    expect(payload).toMatchObject({ __typename: 'UnauthorizedError', message: expect.stringContaining('revoked') });
    expect(count(db, 'api_keys')).toBe(1);
    expect((db.$client.prepare('SELECT hash FROM api_keys').get() as { hash: string }).hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a good key and records who wrote what', async () => {
    const payload = await mutate('actorCreate', input, 'id name kind history { nodes { operation by rows { table operation after } } }');
    expect(payload.__typename).toBe('ActorCreateSuccess');
    expect(payload.actor.history.nodes).toEqual([
      { operation: 'actorCreate', by: 'editor', rows: [{ table: 'actors', operation: 'INSERT', after: expect.objectContaining({ name: input.name, kind: 'ORGANIZATION' }) }] },
    ]);
  });

  it('refuses a simple cross-site request (CSRF) before it runs', async () => {
    const response = await app.fetch('http://claimline.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...auth },
      body: JSON.stringify({ query: 'mutation { retract(input: { id: "x", reason: "y" }) { __typename } }' }),
    });
    expect(response.status).toBe(403);
  });
});

describe('every mutation', () => {
  it('adds the next article and corrects the record, through the API alone', async () => {
    const seed = seedIds();
    const text = 'On Tuesday the coalition said it had not struck Raqqa. A coalition spokesman said: "We did not strike." Later, "We did not strike." was repeated.';
    const source = await mutate('sourceCreate', { title: 'Coalition denies strike', published: '2017-10-12', language: 'en', text }, 'id title publisher text');
    expect(source.source).toMatchObject({ title: 'Coalition denies strike', publisher: null });
    const sourceId = source.source.id;

    const byText = await mutate('quoteCreate', { source: sourceId, kind: 'DIRECT', speaker: seed.coalition, exact: 'We did not strike.', suffix: '" was repeated' }, 'id text start end prefix suffix');
    expect(byText.quote).toMatchObject({ text: 'We did not strike.', start: text.lastIndexOf('We did not strike.') });
    const byOffsets = await mutate('quoteCreate', { source: sourceId, kind: 'NARRATION', start: 0, end: 54 }, 'id text');
    expect(byOffsets.quote.text).toBe(text.slice(0, 54));

    const actor = await mutate('actorCreate', { name: 'Col. Ryan Dillon', kind: 'PERSON', aliases: ['Ryan Dillon'] }, 'id');
    const dillon = actor.actor.id;
    const updated = await mutate('actorUpdate', { id: dillon, changes: { description: 'Spokesman of the coalition', aliases: ['Dillon'] } }, 'description aliases');
    expect(updated.actor).toEqual({ description: 'Spokesman of the coalition', aliases: ['Dillon'] });
    const relation = await mutate('actorRelationCreate', { subject: dillon, kind: 'SPOKESPERSON_FOR', object: seed.coalition, citations: [{ quote: byText.quote.id }] }, 'kind object { id } citations { source { id } }');
    expect(relation.relation).toEqual({ kind: 'SPOKESPERSON_FOR', object: { id: seed.coalition }, citations: [{ source: { id: sourceId } }] });

    const place = await mutate('placeCreate', { name: 'Raqqa', kind: 'CITY', country: 'SY', coordinates: { latitude: 35.95, longitude: 39.01 } }, 'id name coordinates { latitude }');
    const event = await mutate(
      'eventCreate',
      { title: 'Alleged strike on Raqqa', summary: 'A strike on Raqqa is alleged.', kind: 'ASSAULT', status: 'ALLEGED', date: '2017-10-10', participants: [{ actor: seed.coalition, role: 'AGENT' }], places: [place.place.id], quantities: [{ measure: 'strikes', value: 1 }], citations: [{ source: sourceId }] },
      'id date { edtf } participants { role actor { id } } places { name } sources { id }',
    );
    expect(event.event).toMatchObject({ date: { edtf: '2017-10-10' }, places: [{ name: 'Raqqa' }], sources: [{ id: sourceId }] });
    const eventId = event.event.id;
    const moved = await mutate('eventUpdate', { id: eventId, changes: { status: 'DISPUTED', date: '2017-10-09/2017-10-10' } }, 'status date { edtf }');
    expect(moved.event).toEqual({ status: 'DISPUTED', date: { edtf: '2017-10-09/2017-10-10' } });

    const accusation = await mutate('accusationCreate', { summary: 'Activists accuse the coalition.', date: '2017-10-11', claimant: seed.russianMod, accused: [seed.coalition], about: [eventId], citations: [{ source: sourceId }] }, 'id accused { id } linksOut { kind to { id } }');
    expect(accusation.accusation.linksOut).toEqual([{ kind: 'IS_ABOUT', to: { id: eventId } }]);
    const rebuttal = await mutate('rebuttalCreate', { summary: 'The coalition denies it.', date: '2017-10-12', claimant: seed.coalition, spokesperson: dillon, stance: 'DENIES', rebuts: [accusation.accusation.id], citations: [{ quote: byText.quote.id }] }, 'id stance linksOut { kind to { id } }');
    expect(rebuttal.rebuttal.linksOut).toEqual([{ kind: 'REBUTS', to: { id: accusation.accusation.id } }]);
    const statement = await mutate('statementCreate', { summary: 'The coalition asks for restraint.', date: '2017-10', claimant: seed.coalition, statementKind: 'APPEAL', citations: [{ source: sourceId }] }, 'id');
    const claimUpdated = await mutate('claimUpdate', { id: statement.statement.id, changes: { summary: 'The coalition appeals for restraint.' } }, 'summary');
    expect(claimUpdated.claim.summary).toBe('The coalition appeals for restraint.');

    const link = await mutate('linkCreate', { from: rebuttal.rebuttal.id, kind: 'CITES_AS_EVIDENCE', to: eventId }, 'id kind');
    const cited = await mutate('citationAdd', { item: seed.event, citation: { quote: byText.quote.id } }, 'sources { id }');
    expect(cited.item.sources.map((s: { id: string }) => s.id)).toContain(sourceId);
    const unlinked = await mutate('linkDelete', { link: link.link.id, reason: 'the event is not evidence' }, 'retraction { reason }');
    expect(unlinked.link.retraction.reason).toBe('the event is not evidence');

    const retracted = await mutate('retract', { id: statement.statement.id, reason: 'misattributed' }, 'record { id ... on Statement { retraction { reason at } } }');
    expect(retracted.retracted.record.retraction.reason).toBe('misattributed');
    const after = (await gql(app, `{ timeline(filter: { sources: ["${sourceId}"] }) { nodes { id } } node(id: "${statement.statement.id}") { id } rebuttal: node(id: "${rebuttal.rebuttal.id}") { ... on Rebuttal { linksOut { kind } } } }`)).data;
    expect(after.timeline.nodes.map((n: { id: string }) => n.id)).toEqual([seed.event, eventId, accusation.accusation.id, rebuttal.rebuttal.id]);
    expect(after.node).toEqual({ id: statement.statement.id });
    expect(after.rebuttal.linksOut).toEqual([{ kind: 'REBUTS' }]);

    const dup = await mutate('actorCreate', { name: 'Ryan Dillon (colonel)', kind: 'PERSON' }, 'id');
    await mutate('claimUpdate', { id: rebuttal.rebuttal.id, changes: { spokesperson: dup.actor.id } }, 'id');
    const merged = await mutate('actorMerge', { actor: dillon, duplicate: dup.actor.id }, 'aliases claims { nodes { id } }');
    expect(merged.actor).toEqual({ aliases: ['Dillon', 'Ryan Dillon (colonel)'], claims: { nodes: [{ id: rebuttal.rebuttal.id }] } });
    const gone = (await gql(app, `{ node(id: "${dup.actor.id}") { ... on Actor { retraction { reason } } } actors(filter: { kinds: [PERSON] }) { nodes { name } } }`)).data;
    expect(gone.node.retraction.reason).toMatch(/merged into Col. Ryan Dillon/);
    expect(gone.actors.nodes.map((a: { name: string }) => a.name)).not.toContain('Ryan Dillon (colonel)');

    const bundle = { format: 'claimline-bundle', version: 1, namespace: 'test/api', sources: [{ key: 's', title: 'T', published: '2017-10-13', text: 'Moscow said so.' }], actors: [{ key: 'a', name: 'Moscow voice', kind: 'PERSON' }], claims: [{ key: 'c', type: 'STATEMENT', statementKind: 'ASSERTION', summary: 'Moscow said so.', date: '2017-10-13', claimant: 'a', citations: [{ source: 's', quote: { exact: 'Moscow said so.', kind: 'DIRECT', speaker: 'a' } }] }] };
    const imported = await mutate('bundleImport', { bundle }, 'created { sources actors claims quotes } matched { claims }');
    expect(imported.report).toEqual({ created: { sources: 1, actors: 1, claims: 1, quotes: 1 }, matched: { claims: 0 } });
    const again = await mutate('bundleImport', { bundle }, 'created { claims } matched { sources actors claims }');
    expect(again.report).toEqual({ created: { claims: 0 }, matched: { sources: 1, actors: 1, claims: 1 } });
  });
});

describe('bad input is refused with a typed error naming the field, and nothing is written', () => {
  it('missing fields and wrong types are GraphQL validation errors, before any resolver runs', async () => {
    const before = snapshot(db);
    const missing = await gql(app, 'mutation { actorCreate(input: { name: "X" }) { __typename } }', undefined, auth);
    expect(missing.errors?.[0]?.message).toMatch(/kind/);
    const wrongType = await gql(app, 'mutation { actorCreate(input: { name: "X", kind: 42 }) { __typename } }', undefined, auth);
    expect(wrongType.errors?.[0]?.message).toMatch(/ActorKind/);
    expect(snapshot(db)).toEqual(before);
  });

  it('unknown, malformed and wrong-type IDs', async () => {
    const seed = seedIds();
    const statement = { summary: 'S.', date: '2017-10-11', statementKind: 'ASSERTION', citations: [{ source: seed.source }] };
    expect(await refused('statementCreate', { ...statement, claimant: id('Actor', 9999) })).toMatchObject({ __typename: 'NotFoundError', field: ['input', 'claimant'], id: id('Actor', 9999) });
    expect(await refused('statementCreate', { ...statement, claimant: 'not-an-id' })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'claimant'] });
    expect(await refused('statementCreate', { ...statement, claimant: seed.event })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'claimant'], message: expect.stringContaining('a Actor') });
    expect(await refused('rebuttalCreate', { ...statement, statementKind: undefined, claimant: seed.coalition, stance: 'DENIES', rebuts: [seed.event] })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'rebuts', '0'] });
    expect(await refused('accusationCreate', { ...statement, statementKind: undefined, claimant: seed.russianMod, accused: [seed.source] })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'accused', '0'] });
    expect(await refused('citationAdd', { item: seed.russianMod, citation: { source: seed.source } })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'item'] });
  });

  it('malformed EDTF, mismatched or ambiguous quote text, self-references, no source, out-of-order rebuttals', async () => {
    const seed = seedIds();
    const statement = { summary: 'S.', claimant: seed.russianMod, statementKind: 'ASSERTION', citations: [{ source: seed.source }] };
    expect(await refused('statementCreate', { ...statement, date: '2017-13-45' })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'date'] });
    expect(await refused('statementCreate', { ...statement, date: '2017-10-11', citations: [] })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'citations'], message: expect.stringContaining('cite at least one source') });
    expect(await refused('quoteCreate', { source: seed.source, kind: 'NARRATION', start: 0, end: 5, exact: 'Not this' })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'exact'] });
    expect(await refused('quoteCreate', { source: seed.source, kind: 'NARRATION', exact: 'words that the article never uses' })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'exact'] });
    expect(await refused('quoteCreate', { source: seed.source, kind: 'NARRATION', exact: 'the' })).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/occurs \d+ times/) });
    expect(await refused('quoteCreate', { source: seed.source, kind: 'DIRECT', exact: 'Moscow' })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'speaker'] });
    expect(await refused('linkCreate', { from: seed.rebuttal, kind: 'REBUTS', to: seed.rebuttal })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'to'] });
    expect(await refused('linkCreate', { from: seed.accusation, kind: 'REBUTS', to: seed.event })).toMatchObject({ __typename: 'ValidationError', issues: [{ field: ['input', 'from'] }, { field: ['input', 'to'] }] });
    expect(await refused('actorRelationCreate', { subject: seed.coalition, kind: 'OPPOSES', object: seed.coalition, citations: [{ source: seed.source }] })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'object'] });
    expect(await refused('actorMerge', { actor: seed.coalition, duplicate: seed.coalition })).toMatchObject({ __typename: 'ValidationError', field: ['input', 'duplicate'] });
    const accusation = await mutate('accusationCreate', { summary: 'A.', date: '2017-10-11', claimant: seed.russianMod, accused: [seed.coalition], citations: [{ source: seed.source }] });
    const early = { summary: 'Denied before it was said.', date: '2017-10-01', claimant: seed.coalition, stance: 'DENIES', rebuts: [accusation.accusation.id], citations: [{ source: seed.source }] };
    expect(await refused('rebuttalCreate', early)).toMatchObject({ __typename: 'ValidationError', field: ['input', 'rebuts', '0'], message: expect.stringContaining('cannot rebut') });
  });

  it('duplicates and repeated retractions are conflicts', async () => {
    const seed = seedIds();
    await mutate('retract', { id: seed.event, reason: 'test' }, 'record { id }');
    expect(await refused('retract', { id: seed.event, reason: 'again' })).toMatchObject({ __typename: 'ConflictError', field: ['input', 'id'] });
    expect((await mutate('citationAdd', { item: seed.accusation, citation: { source: seed.source } })).__typename).toBe('CitationAddSuccess');
    expect(await refused('citationAdd', { item: seed.accusation, citation: { source: seed.source } })).toMatchObject({ __typename: 'ConflictError', field: ['input', 'citation'] });
    const quoted = db.$client.prepare('SELECT start, "end" FROM quotes LIMIT 1').get() as { start: number; end: number };
    expect(await refused('quoteCreate', { source: seed.source, kind: 'NARRATION', ...quoted })).toMatchObject({ __typename: 'ConflictError' });
  });
});
