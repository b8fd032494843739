import type { Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/statements.ts';
import { recordOf, rowJson, SEARCH_DOCUMENTS, SEARCH_KINDS, spelled, type SearchKind } from '../db/triggers.ts';
import { elementsText, idsOf, jsonAt, textsOf, type Engine } from '../db/dialect.ts';
import { COLUMN_TYPES } from '../db/schema-pg.ts';
import type { ItemType, LinkKind, ParticipantRole, QuoteKind } from '../db/vocabulary.ts';
import { InputError } from './errors.ts';
import type { QuoteSelectors } from './quote-anchor.ts';
import { textProblem } from './validation.ts';
import { parseFuzzyDate, placedDate, type FuzzyDate } from './fuzzy-date.ts';
import { CODINGS, codingRow, linkRuleViolations, type CodingName, rebuttalOrderProblem, type ActorValues, type GdeltValues, type ItemValues, type PlaceValues, type ReviewValues, type SourceValues, type WriteSession } from './write.ts';

// The write module's set-based mode, for imports: records arrive one at a time, are checked as
// they arrive (every text, every rule a row can break alone), and are written a batch at a time
// by one statement per table, with their history rows and search documents written by set
// statements from the same definitions the triggers use (src/db/triggers.ts), so the record,
// its history and its index are what the per-record writer would have made.

type Path = readonly (string | number)[];

/** An item as an importer gives it to the set-based writer: references are natural keys in the import's namespace. */
export interface StagedItem extends Omit<ItemValues, 'claim' | 'accused' | 'participants' | 'placeIds' | 'reviews' | 'citations' | 'links' | 'gdelt'> {
  /** Links from this item to items staged before it, or imported before, by their keys. */
  links?: readonly { kind: LinkKind; to: string }[];
  claim?: Omit<NonNullable<ItemValues['claim']>, 'claimantId' | 'spokespersonId'> & { claimant: string; spokesperson?: string | null };
  accused?: readonly string[];
  participants?: readonly { actor: string; role: ParticipantRole }[];
  places?: readonly string[];
  gdelt?: (Omit<GdeltValues, 'actor1GeoId' | 'actor2GeoId'> & { actor1Geo: string | null; actor2Geo: string | null }) | null;
  reviews?: readonly (Omit<ReviewValues, 'reviewerId'> & { reviewer: string | null })[];
  citations: readonly { source: string; quote?: { selectors: QuoteSelectors; kind: QuoteKind; speaker: string | null } }[];
}

export type Outcome = 'created' | 'updated' | 'unchanged' | 'unmatched';

/** What a batch did, by row, in the order the rows were staged. */
export type Outcomes = Outcome[];

/**
 * The INSERT of rows given as one JSON array of arrays, each holding the values of `columns` in
 * order; `at`, when given, is a last column that takes a parameter before the array's (the
 * instant of the import). A duplicate of a unique key is left out with `ignore`, or updated as
 * `upsert` says (`ON CONFLICT …`). SQLite reads the elements as they are; PostgreSQL casts each to
 * its column's type.
 */
function insertRows(engine: Engine, table: string, columns: readonly string[], options: { at?: string; ignore?: boolean; upsert?: string; before?: string } = {}): string {
  const types = COLUMN_TYPES.get(table)!;
  const quoted = (c: string) => (c === 'end' ? '"end"' : c);
  const values = columns.map((c, i) => jsonAt(engine, 'value', i, types.get(c)!));
  const all = [...(options.before ? [options.before] : []), ...columns, ...(options.at ? [options.at] : [])].map(quoted).join(', ');
  const select = `SELECT ${options.before ? '?, ' : ''}${values.join(', ')}${options.at ? ', ?' : ''} FROM ${elementsText(engine, '?', engine === 'sqlite' ? '' : 'w').trimEnd()}`;
  if (engine === 'sqlite') {
    // (An upsert from a SELECT needs its WHERE: SQLite would read ON CONFLICT as a join's ON.)
    return options.upsert ? `INSERT INTO ${table} (${all}) ${select} WHERE true ${options.upsert}` : `INSERT ${options.ignore ? 'OR IGNORE ' : ''}INTO ${table} (${all}) ${select}`;
  }
  return `INSERT INTO ${table} (${all}) ${select}${options.upsert ? ` ${options.upsert}` : options.ignore ? ' ON CONFLICT DO NOTHING' : ''}`;
}

const BATCH_SIZE = 2_000;
const CACHE_SIZE = 20_000;

/** A bounded map: memory stays flat however large the input (an evicted key is looked up again). */
class Cache<V> {
  private readonly map = new Map<string, V>();
  get(key: string) {
    return this.map.get(key);
  }
  set(key: string, value: V) {
    if (this.map.size >= CACHE_SIZE) this.map.clear();
    this.map.set(key, value);
  }
}

function checkTexts(values: Record<string, unknown> | null | undefined, path: Path): void {
  if (!values) return;
  for (const [field, value] of Object.entries(values)) {
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) throw new InputError([...path, field], problem);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => (typeof v === 'string' ? checkTexts({ [i]: v }, [...path, field]) : v && typeof v === 'object' ? checkTexts(v as Record<string, unknown>, [...path, field, i]) : undefined));
    }
  }
}

interface Pending {
  actors: Map<string, ActorValues>;
  places: Map<string, PlaceValues & { parent: string | null }>;
  sources: Map<string, SourceValues>;
  rows: ({ kind: 'item'; key: string; fingerprint: string; item: StagedItem } | { kind: 'cite'; itemKey: string; source: { key: string; values: SourceValues } })[];
  /** Other names of places, by the place's key (a second spelling of one GDELT place). */
  placeAliases: Map<string, Set<string>>;
}

const empty = (): Pending => ({ actors: new Map(), places: new Map(), sources: new Map(), rows: [], placeAliases: new Map() });

/**
 * Writes an import's records set-wise inside its open change. Stage records with `actor`,
 * `place`, `source`, `item` and `cite`; `flush` writes what is staged (and runs by itself every
 * few thousand rows); the caller commits the session.
 */
export class BulkWriter {
  private pending = empty();
  private readonly actorIds = new Cache<number>();
  private readonly placeIds = new Cache<number>();
  private readonly sourceIds = new Cache<number>();
  private readonly q: (sql: string) => Statement;
  private readonly db: Db;
  /** The ref a source is staged under: its URL names it across imports; without one, its key within this format. */
  private readonly sourceRef = (key: string, values: SourceValues) => (values.url ? `url:${values.url}` : `key:${key}`);
  private readonly at: string;

  /**
   * `byTriggers` lets the triggers record and index each row instead of the set statements: the
   * same writes the slow way, so a test can compare what both make.
   */
  constructor(
    private readonly session: WriteSession,
    private readonly namespace: string,
    private readonly byTriggers = false,
  ) {
    this.db = session.writer.db;
    this.q = (sql) => prepared(this.db, sql);
    this.at = (this.q('SELECT at FROM changes WHERE id = ?').get(session.change) as { at: string }).at;
  }

  /**
   * Stages one input row's records: when the row is refused (`stage` throws), nothing it staged
   * stays behind, so a skipped row leaves no trace.
   */
  stageRow<T>(stage: () => T): T {
    const journal: [Map<string, unknown>, string][] = [];
    const rows = this.pending.rows.length;
    this.journal = journal;
    try {
      return stage();
    } catch (error) {
      for (const [map, key] of journal) map.delete(key);
      this.pending.rows.length = rows;
      throw error;
    } finally {
      this.journal = null;
    }
  }
  private journal: [Map<string, unknown>, string][] | null = null;
  private stage<V>(map: Map<string, V>, key: string, value: V): void {
    map.set(key, value);
    this.journal?.push([map as Map<string, unknown>, key]);
  }

  /** Whether enough is staged to write a batch. */
  get full(): boolean {
    return this.pending.rows.length >= BATCH_SIZE;
  }

  // -------------------------------------------------------------------------------------------
  // Staging: every check a record can fail alone happens here, before anything is written.

  actor(key: string, values: ActorValues, path: Path = []): string {
    if (!this.pending.actors.has(key)) {
      checkTexts({ name: values.name, description: values.description, aliases: values.aliases, codes: values.codes?.map((c) => c.value), identifiers: values.identifiers?.map((i) => i.value) }, path);
      this.stage(this.pending.actors, key, values);
    }
    return key;
  }

  /** A place; staged again under its key with another name, that name becomes an alias. */
  place(key: string, values: PlaceValues, parent: string | null = null, path: Path = []): string {
    const staged = this.pending.places.get(key);
    if (!staged) {
      checkTexts({ name: values.name, aliases: values.aliases }, path);
      this.stage(this.pending.places, key, { ...values, parent });
    } else if (staged.name !== values.name) {
      this.placeAlias(key, values.name, path);
    }
    return key;
  }

  /** Another name of the place staged (now or in an earlier batch) under `key`. */
  placeAlias(key: string, alias: string, path: Path = []): void {
    checkTexts({ alias }, path);
    let names = this.pending.placeAliases.get(key);
    if (!names) this.stage(this.pending.placeAliases, key, (names = new Set()));
    names.add(alias);
  }

  /** A source: its URL names it across imports; without one, the key does within this format. */
  source(key: string, values: SourceValues, path: Path = []): string {
    const ref = this.sourceRef(key, values);
    if (!this.pending.sources.has(ref)) {
      checkTexts({ title: values.title, publisher: values.publisher, text: values.text }, path);
      this.stage(this.pending.sources, ref, values);
    }
    return ref;
  }

  item(key: string, item: StagedItem, path: Path = []): void {
    checkTexts({ summary: item.summary, ...item.event, contexts: item.event?.contexts }, path);
    item.quantities?.forEach((q, i) => checkTexts({ measure: q.measure, unit: q.unit }, [...path, 'quantities', i]));
    item.reviews?.forEach((r, i) => checkTexts({ ratingLabel: r.ratingLabel, body: r.body }, [...path, 'reviews', i]));
    checkTexts(item.gdelt as Record<string, unknown> | null, [...path, 'gdelt']);
    checkTexts(item.acled as Record<string, unknown> | null, [...path, 'acled']);
    item.identifiers?.forEach((identifier, i) => checkTexts({ value: identifier.value }, [...path, 'identifiers', i]));
    placedDate(item.date, [...path, 'date']);
    if (item.citations.length === 0) throw new InputError([...path, 'citations'], 'cite at least one source: nothing enters the record without one');
    if (item.type === 'ACCUSATION' && !item.accused?.length) throw new InputError([...path, 'accused'], 'an accusation names at least one accused actor');
    // A re-import with the same values changes nothing: the values' fingerprint says so.
    const fingerprint = createHash('sha1').update(JSON.stringify(item)).digest('base64url');
    this.pending.rows.push({ kind: 'item', key, fingerprint, item });
  }

  /**
   * Cites a source for an item imported earlier under `itemKey` (a GDELT mention). The source is
   * recorded only when the item is there: a mention of an event not imported leaves nothing. A
   * source already recorded (by URL) gains the publisher the mention names when it had none.
   */
  cite(itemKey: string, key: string, values: SourceValues, path: Path = []): void {
    checkTexts({ title: values.title, publisher: values.publisher, text: values.text }, path);
    this.pending.rows.push({ kind: 'cite', itemKey, source: { key, values } });
  }

  // -------------------------------------------------------------------------------------------
  // Writing a batch

  /** Writes everything staged; returns the outcome of each staged row, in order. */
  flush(): Outcomes {
    const pending = this.pending;
    this.pending = empty();
    if (pending.rows.length === 0 && pending.actors.size === 0 && pending.places.size === 0 && pending.sources.size === 0) return [];
    const matched = this.stageCitedSources(pending);
    const sources = this.resolveSources(pending);
    const actors = this.resolveActors(pending);
    const places = this.resolvePlaces(pending);
    this.addPlaceAliases(pending, places);
    this.fillPublishers(pending, sources, matched);
    return this.writeRows(pending, { sources, actors, places });
  }

  /** Runs set statements with the triggers standing aside: this mode records and indexes itself. */
  private setWise<T>(body: () => T): T {
    if (this.byTriggers) return body();
    const state = this.db.$write;
    state.recorded = false;
    state.indexed = false;
    try {
      return body();
    } finally {
      state.recorded = true;
      state.indexed = true;
    }
  }

  /**
   * On PostgreSQL, the identity of a table this mode gave ids to goes on past them, so that a
   * per-record write after it takes the next (SQLite's rowid is the highest id plus one already).
   */
  private identityPast(table: string): void {
    if (this.db.$engine === 'postgres') this.q(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`).get();
  }

  private nextId(table: string, column = 'id'): number {
    return (this.q(`SELECT coalesce(max(${column}), 0) + 1 AS id FROM ${table}`).get() as { id: number }).id;
  }

  /** The records' keys already known in this namespace. */
  private known(keys: readonly string[]): Map<string, { id: number; fingerprint: string | null }> {
    if (keys.length === 0) return new Map();
    const rows = this.q(`SELECT key, record_id AS id, fingerprint FROM record_keys WHERE namespace = ? AND key IN (${textsOf(this.db.$engine)})`).all(this.namespace, JSON.stringify(keys)) as {
      key: string;
      id: number;
      fingerprint: string | null;
    }[];
    return new Map(rows.map((r) => [r.key, r]));
  }

  private rememberKeys(rows: readonly [string, string, number, string | null][]): void {
    if (rows.length === 0) return;
    this.q(
      insertRows(this.db.$engine, 'record_keys', ['key', 'record_type', 'record_id', 'fingerprint'], {
        before: 'namespace',
        upsert: 'ON CONFLICT (namespace, key) DO UPDATE SET record_id = excluded.record_id, fingerprint = excluded.fingerprint',
      }),
    ).run(this.namespace, JSON.stringify(rows));
  }

  /** History rows for every row of `table` whose `column` lies in [from, to]: what its insert trigger writes. */
  private recordInserts(table: string, column: string, from: number, to: number): void {
    if (to < from || this.byTriggers) return;
    this.q(
      `INSERT INTO row_changes (change_id, table_name, record, operation, key)
       SELECT ?, '${table}', ${recordOf(table, 'R')}, 'INSERT', ${rowJson(table, 'R', 'key', this.db.$engine)} FROM ${table} R WHERE R.${column} BETWEEN ? AND ?`,
    ).run(this.session.change, from, to);
  }

  /** Search documents of the records of a kind with ids in [from, to]: what the search triggers write. */
  private index(kind: SearchKind, from: number, to: number): void {
    if (to < from || this.byTriggers) return;
    const { table } = SEARCH_DOCUMENTS[kind];
    const { body, when } = spelled(this.db.$engine, kind);
    const documents = `SELECT R.id * 8 + ${SEARCH_KINDS[kind]}, ${body} FROM ${table} R WHERE R.id BETWEEN ? AND ? AND ${when}`;
    // FTS5 replaces a document by its rowid; PostgreSQL's table updates its row.
    this.q(this.db.$engine === 'sqlite' ? `INSERT OR REPLACE INTO search_index (rowid, body) ${documents}` : `INSERT INTO search_index (rowid, body) ${documents} ON CONFLICT (rowid) DO UPDATE SET body = excluded.body`).run(from, to);
  }

  /**
   * Stages the sources of the mentions whose item is there (imported before, or in this batch);
   * returns those cites' positions. A source staged already without a publisher takes the
   * mention's.
   */
  private stageCitedSources(pending: Pending): Set<number> {
    const cites = pending.rows.flatMap((r, at) => (r.kind === 'cite' ? [{ at, ...r }] : []));
    if (cites.length === 0) return new Set();
    const inBatch = new Set(pending.rows.flatMap((r) => (r.kind === 'item' ? [r.key] : [])));
    const known = this.known([...new Set(cites.filter((c) => !inBatch.has(c.itemKey)).map((c) => `item:${c.itemKey}`))]);
    const matched = new Set<number>();
    for (const c of cites) {
      if (!inBatch.has(c.itemKey) && !known.has(`item:${c.itemKey}`)) continue;
      matched.add(c.at);
      const ref = this.sourceRef(c.source.key, c.source.values);
      const staged = pending.sources.get(ref);
      if (!staged) pending.sources.set(ref, c.source.values);
      else if (staged.publisher == null && c.source.values.publisher != null) pending.sources.set(ref, { ...staged, publisher: c.source.values.publisher });
    }
    return matched;
  }

  /** Sources recorded before without a publisher take the one their mentions name (an UPDATE, recorded by the triggers). */
  private fillPublishers(pending: Pending, ids: Map<string, number>, matched: Set<number>): void {
    const fills = [...matched].flatMap((at) => {
      const row = pending.rows[at]!;
      if (row.kind !== 'cite' || row.source.values.publisher == null) return [];
      return [[ids.get(this.sourceRef(row.source.key, row.source.values))!, row.source.values.publisher]];
    });
    if (fills.length === 0) return;
    const e = this.db.$engine;
    this.q(`UPDATE sources SET publisher = w.value ->> 1 FROM ${elementsText(e, '?', 'w')} WHERE sources.id = ${jsonAt(e, 'w.value', 0, 'integer')} AND sources.publisher IS NULL`).run(JSON.stringify(fills));
  }

  /** Other names of places (a second spelling under the same key), recorded by the triggers: they are few. */
  private addPlaceAliases(pending: Pending, ids: Map<string, number>): void {
    const named = [
      ...[...pending.places].map(([key, p]) => [ids.get(key)!, p.name]),
      ...[...pending.placeAliases].flatMap(([key, names]) => [...names].map((name) => [ids.get(key) ?? this.placeIds.get(key)!, name])),
    ];
    if (named.length === 0) return;
    const e = this.db.$engine;
    const select = `SELECT DISTINCT p.id, w.value ->> 1 FROM ${elementsText(e, '?', 'w')} JOIN places p ON p.id = ${jsonAt(e, 'w.value', 0, 'integer')}
       WHERE p.name <> w.value ->> 1 AND NOT EXISTS (SELECT 1 FROM place_aliases a WHERE a.place_id = p.id AND a.alias = w.value ->> 1)`;
    this.q(e === 'sqlite' ? `INSERT OR IGNORE INTO place_aliases (place_id, alias) ${select}` : `INSERT INTO place_aliases (place_id, alias) ${select} ON CONFLICT DO NOTHING`).run(JSON.stringify(named));
  }

  private resolveSources(pending: Pending): Map<string, number> {
    const ids = new Map<string, number>();
    const unknown: string[] = [];
    for (const ref of pending.sources.keys()) {
      const cached = this.sourceIds.get(ref);
      if (cached !== undefined) ids.set(ref, cached);
      else unknown.push(ref);
    }
    const urls = unknown.filter((r) => r.startsWith('url:'));
    if (urls.length) {
      for (const row of this.q(`SELECT id, url FROM sources WHERE url IN (${textsOf(this.db.$engine)})`).all(JSON.stringify(urls.map((r) => r.slice(4)))) as { id: number; url: string }[]) {
        ids.set(`url:${row.url}`, row.id);
      }
    }
    const keyed = this.known(unknown.filter((r) => r.startsWith('key:')).map((r) => `source:${r.slice(4)}`));
    for (const [key, { id }] of keyed) ids.set(`key:${key.slice('source:'.length)}`, id);
    const fresh = unknown.filter((r) => !ids.has(r));
    if (fresh.length) {
      const first = this.nextId('sources');
      const rows = fresh.map((ref, i) => {
        const s = pending.sources.get(ref)!;
        ids.set(ref, first + i);
        return [first + i, s.title ?? null, s.publisher ?? null, s.url ?? null, s.published.edtf, s.published.earliest, s.published.latest, s.published.basis, s.language ?? null, s.text ?? null];
      });
      this.setWise(() => {
        this.q(
          insertRows(this.db.$engine, 'sources', ['id', 'title', 'publisher', 'url', 'published_edtf', 'published_earliest', 'published_latest', 'published_basis', 'language', 'text'], { at: 'created_at' }),
        ).run(this.at, JSON.stringify(rows));
        this.identityPast('sources');
        this.recordInserts('sources', 'id', first, first + fresh.length - 1);
        this.index('SOURCE', first, first + fresh.length - 1);
      });
      this.rememberKeys(fresh.filter((r) => r.startsWith('key:')).map((r) => [`source:${r.slice(4)}`, 'source', ids.get(r)!, null]));
    }
    for (const [ref, id] of ids) this.sourceIds.set(ref, id);
    return ids;
  }

  private resolveActors(pending: Pending): Map<string, number> {
    const ids = new Map<string, number>();
    const unknown: string[] = [];
    for (const key of pending.actors.keys()) {
      const cached = this.actorIds.get(key);
      if (cached !== undefined) ids.set(key, cached);
      else unknown.push(key);
    }
    for (const [key, { id }] of this.known(unknown.map((k) => `actor:${k}`))) ids.set(key.slice('actor:'.length), id);
    // An actor an identifier names is that actor, whoever recorded it first.
    const byIdentifier = unknown.filter((k) => !ids.has(k) && pending.actors.get(k)!.identifiers?.length);
    if (byIdentifier.length) {
      const wanted = byIdentifier.flatMap((k) => pending.actors.get(k)!.identifiers!.map((i) => [k, i.scheme, i.value]));
      for (const row of this.q(
        `SELECT w.value ->> 0 AS key, a.actor_id AS id FROM ${elementsText(this.db.$engine, '?', 'w')} JOIN actor_identifiers a ON a.scheme = w.value ->> 1 AND a.value = w.value ->> 2`,
      ).all(JSON.stringify(wanted)) as { key: string; id: number }[]) {
        ids.set(row.key, row.id);
      }
    }
    const fresh = unknown.filter((k) => !ids.has(k));
    if (fresh.length) {
      const first = this.nextId('actors');
      const actors: unknown[] = [];
      const aliases: unknown[] = [];
      const identifiers: unknown[] = [];
      const codes: unknown[] = [];
      // Two new actors of one batch that share an identifier are one actor too: the first.
      const holders = new Map<string, string>();
      const creating = fresh.filter((key) => {
        const shared = (pending.actors.get(key)!.identifiers ?? []).map((i) => holders.get(`${i.scheme}:${i.value}`)).find((h) => h !== undefined);
        if (shared !== undefined) return false;
        for (const i of pending.actors.get(key)!.identifiers ?? []) holders.set(`${i.scheme}:${i.value}`, key);
        return true;
      });
      creating.forEach((key, i) => {
        const a = pending.actors.get(key)!;
        const id = first + i;
        ids.set(key, id);
        actors.push([id, a.name, a.kind, a.country ?? null, a.description ?? null]);
        for (const alias of new Set(a.aliases ?? [])) if (alias !== a.name) aliases.push([id, alias]);
        for (const c of a.codes ?? []) codes.push([id, c.scheme, c.value]);
        for (const { scheme, value } of a.identifiers ?? []) identifiers.push([id, scheme, value]);
      });
      for (const key of fresh) {
        if (ids.has(key)) continue;
        const holder = (pending.actors.get(key)!.identifiers ?? []).map((i) => holders.get(`${i.scheme}:${i.value}`)).find((h) => h !== undefined)!;
        ids.set(key, ids.get(holder)!);
      }
      const last = first + creating.length - 1;
      this.setWise(() => {
        const e = this.db.$engine;
        this.q(insertRows(e, 'actors', ['id', 'name', 'kind', 'country', 'description'], { at: 'created_at' })).run(this.at, JSON.stringify(actors));
        this.identityPast('actors');
        this.q(insertRows(e, 'actor_aliases', ['actor_id', 'alias'], { ignore: true })).run(JSON.stringify(aliases));
        this.q(insertRows(e, 'actor_identifiers', ['actor_id', 'scheme', 'value'], { ignore: true })).run(JSON.stringify(identifiers));
        this.q(insertRows(e, 'actor_codes', ['actor_id', 'scheme', 'value'], { ignore: true })).run(JSON.stringify(codes));
        for (const table of ['actors', 'actor_aliases', 'actor_identifiers', 'actor_codes']) this.recordInserts(table, table === 'actors' ? 'id' : 'actor_id', first, last);
        this.index('ACTOR', first, last);
      });
    }
    this.rememberKeys(unknown.map((k) => [`actor:${k}`, 'actor', ids.get(k)!, null]));
    for (const [key, id] of ids) this.actorIds.set(key, id);
    return ids;
  }

  private resolvePlaces(pending: Pending): Map<string, number> {
    const ids = new Map<string, number>();
    let unknown: string[] = [];
    for (const key of pending.places.keys()) {
      const cached = this.placeIds.get(key);
      if (cached !== undefined) ids.set(key, cached);
      else unknown.push(key);
    }
    for (const [key, { id }] of this.known(unknown.map((k) => `place:${k}`))) ids.set(key.slice('place:'.length), id);
    const remembered: [string, string, number, null][] = [];
    // Parents before the places within them: a level at a time.
    for (unknown = unknown.filter((k) => !ids.has(k)); unknown.length; ) {
      const ready = unknown.filter((k) => {
        const parent = pending.places.get(k)!.parent;
        return parent === null || ids.has(parent) || this.placeIds.get(parent) !== undefined;
      });
      if (ready.length === 0) throw new Error(`places without a resolvable parent: ${unknown.slice(0, 3).join(', ')}`);
      const first = this.nextId('places');
      const places: unknown[] = [];
      const aliases: unknown[] = [];
      ready.forEach((key, i) => {
        const p = pending.places.get(key)!;
        const id = first + i;
        ids.set(key, id);
        remembered.push([`place:${key}`, 'place', id, null]);
        const parentId = p.parent === null ? null : (ids.get(p.parent) ?? this.placeIds.get(p.parent)!);
        places.push([id, p.name, p.kind, p.country ?? null, p.latitude ?? null, p.longitude ?? null, p.geonamesId ?? null, parentId]);
        for (const alias of new Set(p.aliases ?? [])) if (alias !== p.name) aliases.push([id, alias]);
      });
      const last = first + ready.length - 1;
      this.setWise(() => {
        this.q(insertRows(this.db.$engine, 'places', ['id', 'name', 'kind', 'country', 'latitude', 'longitude', 'geonames_id', 'parent_id'], { at: 'created_at' })).run(this.at, JSON.stringify(places));
        this.identityPast('places');
        this.q(insertRows(this.db.$engine, 'place_aliases', ['place_id', 'alias'], { ignore: true })).run(JSON.stringify(aliases));
        this.recordInserts('places', 'id', first, last);
        this.recordInserts('place_aliases', 'place_id', first, last);
        this.index('PLACE', first, last);
      });
      unknown = unknown.filter((k) => !ids.has(k));
    }
    this.rememberKeys(remembered);
    for (const [key, id] of ids) this.placeIds.set(key, id);
    return ids;
  }

  private writeRows(pending: Pending, refs: { sources: Map<string, number>; actors: Map<string, number>; places: Map<string, number> }): Outcomes {
    const w = this.session.writer;
    const itemRows = pending.rows.filter((r) => r.kind === 'item');
    const known = this.known([...itemRows.map((r) => `item:${r.key}`), ...pending.rows.flatMap((r) => (r.kind === 'cite' ? [`item:${r.itemKey}`] : []))]);
    // An item a data set's key names already (loaded from a bundle, say) is that item.
    for (const [key, id] of this.itemsByIdentifiers(itemRows.filter((r) => !known.has(`item:${r.key}`)))) known.set(`item:${key}`, { id, fingerprint: null });
    const actor = (key: string) => refs.actors.get(key) ?? this.actorIds.get(key)!;
    const place = (key: string) => refs.places.get(key) ?? this.placeIds.get(key)!;
    const source = (ref: string) => refs.sources.get(ref) ?? this.sourceIds.get(ref)!;
    /** The item's values with every reference resolved, as the per-record writer takes them. */
    // Links are written once the items they join are in (insertLinks); an updated item keeps its own.
    const resolved = (item: StagedItem, quoteIds: Map<string, number>): ItemValues => ({
      ...item,
      links: undefined,
      claim: item.claim && { ...item.claim, claimantId: actor(item.claim.claimant), spokespersonId: item.claim.spokesperson ? actor(item.claim.spokesperson) : null },
      accused: item.accused?.map(actor),
      participants: item.participants?.map((p) => ({ actorId: actor(p.actor), role: p.role })),
      placeIds: item.places?.map(place),
      gdelt: item.gdelt && (({ actor1Geo, actor2Geo, ...g }) => ({ ...g, actor1GeoId: actor1Geo === null ? null : place(actor1Geo), actor2GeoId: actor2Geo === null ? null : place(actor2Geo) }))(item.gdelt),
      reviews: item.reviews?.map(({ reviewer, ...r }) => ({ ...r, reviewerId: reviewer === null ? null : actor(reviewer) })),
      citations: item.citations.map((c) => ({ sourceId: source(c.source), quoteId: c.quote ? quoteIds.get(quoteKey(source(c.source), c.quote.selectors))! : null })),
    });
    const quoteKey = (sourceId: number, s: QuoteSelectors) => `${sourceId}:${s.start}:${s.end}`;
    const quoteIds = this.resolveQuotes(itemRows.flatMap((r) => r.item.citations.flatMap((c) => (c.quote ? [{ sourceId: source(c.source), ...c.quote, speakerId: c.quote.speaker === null ? null : actor(c.quote.speaker) }] : []))), quoteKey);

    const outcomes: Outcomes = [];
    const fresh: { key: string; fingerprint: string; values: ItemValues; staged: StagedItem }[] = [];
    const seen = new Set<string>();
    for (const row of pending.rows) {
      if (row.kind === 'cite') continue;
      const existing = known.get(`item:${row.key}`);
      if (existing?.fingerprint === row.fingerprint || (!existing && seen.has(row.key))) {
        outcomes.push('unchanged');
      } else if (existing) {
        // An updated row keeps its id (links to it stay): the per-record writer replaces its values.
        w.replaceItem(existing.id, resolved(row.item, quoteIds));
        w.rememberKey(this.namespace, `item:${row.key}`, 'item', existing.id, row.fingerprint);
        outcomes.push('updated');
      } else {
        seen.add(row.key);
        fresh.push({ key: row.key, fingerprint: row.fingerprint, values: resolved(row.item, quoteIds), staged: row.item });
        outcomes.push('created');
      }
    }
    const ids = this.insertItems(fresh);
    for (const [i, { key }] of fresh.entries()) known.set(`item:${key}`, { id: ids[i]!, fingerprint: null });
    this.insertLinks(fresh.map((f, i) => ({ id: ids[i]!, item: f.staged, key: f.key })));
    // Mentions, in their own order among the rows: a mention of an item not there is unmatched.
    const cites = pending.rows.flatMap((r, at) => {
      if (r.kind !== 'cite') return [];
      const item = known.get(`item:${r.itemKey}`)?.id;
      return [{ at, item, sourceId: item === undefined ? -1 : source(this.sourceRef(r.source.key, r.source.values)) }];
    });
    const citeOutcomes = this.insertCitations(cites);
    const merged: Outcomes = [];
    let next = 0;
    pending.rows.forEach((r, at) => merged.push(r.kind === 'cite' ? citeOutcomes.get(at)! : outcomes[next++]!));
    return merged;
  }

  /** The items already recorded under a data set's key that staged rows carry, by the rows' keys. */
  private itemsByIdentifiers(rows: readonly { key: string; item: StagedItem }[]): Map<string, number> {
    const wanted = rows.flatMap((r) => (r.item.identifiers ?? []).map((i) => [r.key, i.scheme, i.value]));
    if (wanted.length === 0) return new Map();
    const found = this.q(`SELECT w.value ->> 0 AS key, k.item_id AS id FROM ${elementsText(this.db.$engine, '?', 'w')} JOIN item_identifiers k ON k.scheme = w.value ->> 1 AND k.value = w.value ->> 2`).all(JSON.stringify(wanted)) as { key: string; id: number }[];
    return new Map(found.map((r) => [r.key, r.id]));
  }

  private resolveQuotes(quotes: { sourceId: number; selectors: QuoteSelectors; kind: QuoteKind; speakerId: number | null }[], keyOf: (sourceId: number, s: QuoteSelectors) => string): Map<string, number> {
    const ids = new Map<string, number>();
    if (quotes.length === 0) return ids;
    const wanted = [...new Map(quotes.map((q) => [keyOf(q.sourceId, q.selectors), q])).values()];
    for (const row of this.q(
      `SELECT q.id, q.source_id AS "sourceId", q.start, q.end FROM ${elementsText(this.db.$engine, '?', 'w')} JOIN quotes q
        ON q.source_id = ${jsonAt(this.db.$engine, 'w.value', 0, 'integer')} AND q.start = ${jsonAt(this.db.$engine, 'w.value', 1, 'integer')} AND q.end = ${jsonAt(this.db.$engine, 'w.value', 2, 'integer')}`,
    ).all(JSON.stringify(wanted.map((q) => [q.sourceId, q.selectors.start, q.selectors.end]))) as { id: number; sourceId: number; start: number; end: number }[]) {
      ids.set(`${row.sourceId}:${row.start}:${row.end}`, row.id);
    }
    const fresh = wanted.filter((q) => !ids.has(keyOf(q.sourceId, q.selectors)));
    if (fresh.length) {
      const first = this.nextId('quotes');
      const rows = fresh.map((q, i) => {
        ids.set(keyOf(q.sourceId, q.selectors), first + i);
        const s = q.selectors;
        return [first + i, q.sourceId, q.speakerId, q.kind, s.start, s.end, s.exact, s.prefix, s.suffix];
      });
      this.setWise(() => {
        this.q(insertRows(this.db.$engine, 'quotes', ['id', 'source_id', 'speaker_id', 'kind', 'start', 'end', 'exact', 'prefix', 'suffix'], { at: 'created_at' })).run(this.at, JSON.stringify(rows));
        this.identityPast('quotes');
        this.recordInserts('quotes', 'id', first, first + fresh.length - 1);
        this.index('QUOTE', first, first + fresh.length - 1);
      });
    }
    return ids;
  }

  /** New items with all their members, one statement per table; returns their ids. */
  private insertItems(fresh: { key: string; fingerprint: string; values: ItemValues; staged: StagedItem }[]): number[] {
    if (fresh.length === 0) return [];
    const first = this.nextId('items');
    const last = first + fresh.length - 1;
    const items: unknown[] = [];
    const events: unknown[] = [];
    const claims: unknown[] = [];
    const participants: unknown[] = [];
    const places: unknown[] = [];
    const quantities: unknown[] = [];
    const accused: unknown[] = [];
    const reviews: unknown[] = [];
    const citations: unknown[] = [];
    const identifiers: unknown[] = [];
    const codings: Record<CodingName, unknown[]> = { gdelt: [], acled: [] };
    const keys: [string, string, number, string][] = [];
    fresh.forEach(({ key, fingerprint, values: v }, i) => {
      const id = first + i;
      items.push([id, v.type, v.summary, v.date.edtf, v.date.earliest, v.date.latest, v.date.basis]);
      const e = v.event;
      if (e) {
        events.push([id, e.title, e.kind, e.mode ?? null, JSON.stringify(e.contexts ?? []), e.status]);
        for (const p of v.participants ?? []) participants.push([id, p.actorId, p.role]);
        for (const q of v.quantities ?? []) quantities.push([id, q.measure, q.value, q.unit ?? null]);
      }
      for (const p of new Set(v.placeIds ?? [])) places.push([id, p]);
      for (const { scheme, value } of v.identifiers ?? []) identifiers.push([id, scheme, value]);
      for (const name of ['gdelt', 'acled'] as const) {
        const coding = v[name];
        if (coding) codings[name].push([id, ...codingRow(name, coding)]);
      }
      const c = v.claim;
      if (c) {
        claims.push([id, c.claimantId, c.spokespersonId ?? null, c.stance ?? null, c.statementKind ?? null]);
        for (const a of new Set(v.accused ?? [])) accused.push([id, a]);
        for (const r of v.reviews ?? []) reviews.push([id, r.reviewerId, r.url, r.published.edtf, r.published.earliest, r.published.latest, r.published.basis, r.ratingValue, r.bestRating, r.worstRating, r.ratingLabel, r.body]);
      }
      for (const cite of v.citations) citations.push([id, cite.sourceId, cite.quoteId ?? null]);
      keys.push([`item:${key}`, 'item', id, fingerprint]);
      this.session.effects.added.add(id);
    });
    const json = JSON.stringify;
    this.setWise(() => {
      const firstQuantity = this.nextId('event_quantities');
      const firstReview = this.nextId('claim_reviews');
      const firstCitation = this.nextId('citations');
      const e = this.db.$engine;
      this.q(insertRows(e, 'items', ['id', 'type', 'summary', 'date_edtf', 'date_earliest', 'date_latest', 'date_basis'], { at: 'created_at' })).run(this.at, json(items));
      this.identityPast('items');
      this.q(insertRows(e, 'events', ['item_id', 'title', 'kind', 'mode', 'contexts', 'status'])).run(json(events));
      this.q(insertRows(e, 'claims', ['item_id', 'claimant_id', 'spokesperson_id', 'stance', 'statement_kind'])).run(json(claims));
      this.q(insertRows(e, 'event_participants', ['event_id', 'actor_id', 'role'], { ignore: true })).run(json(participants));
      this.q(insertRows(e, 'item_places', ['item_id', 'place_id'], { ignore: true })).run(json(places));
      this.q(insertRows(e, 'item_identifiers', ['item_id', 'scheme', 'value'], { ignore: true })).run(json(identifiers));
      for (const name of ['gdelt', 'acled'] as const) {
        const { table, columns } = CODINGS[name];
        if (codings[name].length === 0) continue;
        this.q(insertRows(e, table, ['item_id', ...columns.map(([, c]) => c)])).run(json(codings[name]));
      }
      this.q(insertRows(e, 'event_quantities', ['event_id', 'measure', 'value', 'unit'])).run(json(quantities));
      this.q(insertRows(e, 'claim_accused', ['claim_id', 'actor_id'], { ignore: true })).run(json(accused));
      this.q(
        insertRows(e, 'claim_reviews', ['claim_id', 'reviewer_id', 'url', 'published_edtf', 'published_earliest', 'published_latest', 'published_basis', 'rating_value', 'best_rating', 'worst_rating', 'rating_label', 'body']),
      ).run(json(reviews));
      this.q(insertRows(e, 'citations', ['item_id', 'source_id', 'quote_id'], { ignore: true })).run(json(citations));
      for (const [table, column] of [
        ['items', 'id'],
        ['events', 'item_id'],
        ['claims', 'item_id'],
        ['event_participants', 'event_id'],
        ['item_places', 'item_id'],
        ['item_identifiers', 'item_id'],
        ['gdelt_codings', 'item_id'],
        ['acled_codings', 'item_id'],
        ['claim_accused', 'claim_id'],
      ] as const) {
        this.recordInserts(table, column, first, last);
      }
      this.recordInserts('event_quantities', 'id', firstQuantity, this.nextId('event_quantities') - 1);
      this.recordInserts('claim_reviews', 'id', firstReview, this.nextId('claim_reviews') - 1);
      this.recordInserts('citations', 'id', firstCitation, this.nextId('citations') - 1);
      this.index('TIMELINE_ITEM', first, last);
    });
    this.rememberKeys(keys);
    return fresh.map((_, i) => first + i);
  }

  /**
   * The links of new items, to items of this import or imported before: the rules of the
   * per-record writer hold (what may rebut or be about what, no rebuttal before what it rebuts).
   */
  private insertLinks(items: { id: number; key: string; item: StagedItem }[]): void {
    const linking = items.filter((i) => i.item.links?.length);
    if (linking.length === 0) return;
    const targets = this.known([...new Set(linking.flatMap((i) => i.item.links!.map((l) => `item:${l.to}`)))]);
    const facts = new Map(
      (this.q(`SELECT id, type, date_edtf AS edtf, date_basis AS basis FROM items WHERE id IN (${idsOf(this.db.$engine)})`).all(JSON.stringify([...targets.values()].map((t) => t.id))) as {
        id: number;
        type: ItemType;
        edtf: string;
        basis: string | null;
      }[]).map((r) => [r.id, { type: r.type, date: parseFuzzyDate(r.edtf, [], r.basis) as FuzzyDate }]),
    );
    const rows: [number, LinkKind, number][] = [];
    for (const { id, key, item } of linking) {
      item.links!.forEach((l, n) => {
        const path = [key, 'links', n, 'to'];
        const to = targets.get(`item:${l.to}`)?.id;
        if (to === undefined) throw new InputError(path, `no item with key "${l.to}" in this import`);
        if (to === id) throw new InputError(path, 'an item cannot link to itself');
        const target = facts.get(to)!;
        const violation = linkRuleViolations(l.kind, item.type, target.type)[0];
        if (violation) throw new InputError(path, violation.message);
        const problem = l.kind === 'REBUTS' ? rebuttalOrderProblem(item.date, target.date) : null;
        if (problem) throw new InputError(path, problem);
        rows.push([id, l.kind, to]);
      });
    }
    this.setWise(() => {
      const first = this.nextId('links');
      this.q(insertRows(this.db.$engine, 'links', ['from_item_id', 'kind', 'to_item_id'], { at: 'created_at', ignore: true })).run(this.at, JSON.stringify(rows));
      this.recordInserts('links', 'id', first, this.nextId('links') - 1);
    });
    for (const [from, , to] of rows) this.session.effects.changed.add(to).add(from);
  }

  /** Citations of items imported before (mentions): each new one created, a repeated one unchanged. */
  private insertCitations(cites: { at: number; item: number | undefined; sourceId: number }[]): Map<number, Outcome> {
    const outcomes = new Map<number, Outcome>();
    const wanted = cites.filter((c) => c.item !== undefined);
    for (const c of cites) if (c.item === undefined) outcomes.set(c.at, 'unmatched');
    if (wanted.length === 0) return outcomes;
    const existing = new Set(
      (this.q(`SELECT c.item_id AS item, c.source_id AS source FROM ${elementsText(this.db.$engine, '?', 'w')} JOIN citations c
        ON c.item_id = ${jsonAt(this.db.$engine, 'w.value', 0, 'integer')} AND c.source_id = ${jsonAt(this.db.$engine, 'w.value', 1, 'integer')} AND c.quote_id IS NULL`).all(JSON.stringify(wanted.map((c) => [c.item, c.sourceId]))) as {
        item: number;
        source: number;
      }[]).map((r) => `${r.item}:${r.source}`),
    );
    const fresh: number[][] = [];
    for (const c of wanted) {
      const key = `${c.item}:${c.sourceId}`;
      outcomes.set(c.at, existing.has(key) ? 'unchanged' : 'created');
      if (!existing.has(key)) {
        existing.add(key);
        fresh.push([c.item!, c.sourceId]);
        this.session.effects.changed.add(c.item!);
      }
    }
    if (fresh.length) {
      this.setWise(() => {
        const first = this.nextId('citations');
        this.q(insertRows(this.db.$engine, 'citations', ['item_id', 'source_id'], { ignore: true })).run(JSON.stringify(fresh));
        this.recordInserts('citations', 'id', first, this.nextId('citations') - 1);
      });
    }
    return outcomes;
  }
}
