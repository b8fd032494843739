import type { Statement } from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.ts';
import { acledCodings, gdeltCodings } from '../db/schema.ts';
import { prepared, transaction } from '../db/statements.ts';
import { elementsText, idsOf } from '../db/dialect.ts';
import type {
  ActorCodeScheme,
  ActorKind,
  ActorRelationKind,
  EventKind,
  EventStatus,
  IdentifierScheme,
  ItemIdentifierScheme,
  ItemType,
  LinkKind,
  ParticipantRole,
  PlaceKind,
  QuoteKind,
  RebuttalStance,
  SameAsKind,
  StatementKind,
} from '../db/vocabulary.ts';
import { ConflictError, InputError, ReadOnlyError } from './errors.ts';
import { parseFuzzyDate, placedDate, type FuzzyDate } from './fuzzy-date.ts';
import { anchorQuote, type QuoteLocator } from './quote-anchor.ts';
import { GROUP_TABLES, Groups } from './same-as.ts';
import { textProblem } from './validation.ts';

// The one way to write the record. Every change opens here (history files each row under it),
// every record table is inserted and updated here, a fuzzy date becomes its columns here, and
// each invariant is held here once: an identifier names one actor, a record cites a source (or a
// quote) once, a rebuttal is never dated before what it rebuts, links obey their rules, text is
// well-formed. Mutations, bundles, importers and test builders are front ends: they resolve their
// references, then call a Writer; an error names the field under the path the front end gives.

type Path = readonly (string | number)[];

/** What made a change: the mutation or command, and the API key's name (null for the command line). */
export interface Origin {
  operation: string;
  keyName: string | null;
}

/** What a write did to the timeline, for live updates once it is committed. */
export interface Effects {
  added: Set<number>;
  changed: Set<number>;
}

export interface SourceValues {
  title?: string | null;
  publisher?: string | null;
  url?: string | null;
  published: FuzzyDate;
  language?: string | null;
  /** The full text, exactly as published: quotes index into it. */
  text?: string | null;
}

export interface Code<S extends string> {
  scheme: S;
  value: string;
}

export interface ActorValues {
  name: string;
  kind: ActorKind;
  country?: string | null;
  description?: string | null;
  aliases?: readonly string[];
  /** Identifiers in registries (a Wikidata QID): each names one actor. */
  identifiers?: readonly Code<IdentifierScheme>[];
  /** Codes an event data set gives the actor (CAMEO, PLOVER): shared by many. */
  codes?: readonly Code<ActorCodeScheme>[];
}

export interface PlaceValues {
  name: string;
  kind: PlaceKind;
  country?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  geonamesId?: number | null;
  parentId?: number | null;
  aliases?: readonly string[];
}

export interface RelationValues {
  subjectId: number;
  kind: ActorRelationKind;
  objectId: number;
  valid?: FuzzyDate | null;
}

export interface EventValues {
  title: string;
  kind: EventKind;
  mode?: string | null;
  contexts?: readonly string[];
  status: EventStatus;
}

/** An item's coding in a GDELT event record (src/db/schema.ts), the places as ids. */
export type GdeltValues = Omit<typeof gdeltCodings.$inferInsert, 'itemId'>;
/** An item's coding in an ACLED record. */
export type AcledValues = Omit<typeof acledCodings.$inferInsert, 'itemId'>;

/** The columns of a coding table besides its item, as [field, column] pairs, from its definition. */
const codingColumns = (table: SQLiteTable) =>
  Object.entries(getTableColumns(table))
    .filter(([field]) => field !== 'itemId')
    .map(([field, column]) => [field, column.name] as const);

/** The data sets' codings of an item: one table each, written the same way by both modes. */
export const CODINGS = {
  gdelt: { table: 'gdelt_codings', columns: codingColumns(gdeltCodings) },
  acled: { table: 'acled_codings', columns: codingColumns(acledCodings) },
} as const;
export type CodingName = keyof typeof CODINGS;

/** A coding's values in its columns' order. */
export const codingRow = (name: CodingName, values: GdeltValues | AcledValues) => CODINGS[name].columns.map(([field]) => (values as Record<string, unknown>)[field] ?? null);

export interface ClaimValues {
  claimantId: number;
  spokespersonId?: number | null;
  stance?: RebuttalStance | null;
  statementKind?: StatementKind | null;
}

export interface ReviewValues {
  reviewerId: number | null;
  url: string | null;
  published: FuzzyDate;
  ratingValue: number | null;
  bestRating: number | null;
  worstRating: number | null;
  ratingLabel: string | null;
  body: string | null;
}

export interface CitationValues {
  sourceId: number;
  quoteId?: number | null;
}

/** A timeline item with its members, its links to earlier items, and at least one citation. */
export interface ItemValues {
  type: ItemType;
  summary: string;
  date: FuzzyDate;
  event?: EventValues;
  claim?: ClaimValues;
  accused?: readonly number[];
  participants?: readonly { actorId: number; role: ParticipantRole }[];
  /** Where it happened or was made. */
  placeIds?: readonly number[];
  quantities?: readonly { measure: string; value: number; unit?: string | null }[];
  reviews?: readonly ReviewValues[];
  /** The keys data sets give the record: each names this item alone. */
  identifiers?: readonly Code<ItemIdentifierScheme>[];
  gdelt?: GdeltValues | null;
  acled?: AcledValues | null;
  /** Links from this item: what it is about, rebuts, cites as evidence. */
  links?: readonly { kind: LinkKind; to: number; path?: Path }[];
  citations: readonly CitationValues[];
}

/** An open change and its transaction: the one way to write. Commit or roll back. */
export interface WriteSession {
  readonly writer: Writer;
  readonly change: number;
  readonly effects: Effects;
  commit(): void;
  rollback(): void;
}

/**
 * Opens a change in an IMMEDIATE transaction (the write lock is taken at once, so writers queue
 * rather than fail on upgrade). For a write that reads its input as it goes (an import); a
 * write that has it all uses `write`.
 */
export function openWrite(db: Db, origin: Origin): WriteSession {
  if (db.$write.change !== null) throw new Error('a change is already open on this connection');
  refuseReadOnly(db);
  const sqlite = db.$client;
  transaction(db, 'BEGIN IMMEDIATE');
  let change: number;
  try {
    const now = new Date().toISOString();
    // Never earlier than the change before it, so "changes after T" are a suffix of the log.
    change = (
      statementsOf(db)(
        'INSERT INTO changes (at, operation, key_name) VALUES (coalesce((SELECT CASE WHEN at > @now THEN at END FROM changes ORDER BY id DESC LIMIT 1), @now), @operation, @key) RETURNING id',
      ).get({ now, operation: origin.operation, key: origin.keyName }) as { id: number }
    ).id;
  } catch (error) {
    transaction(db, 'ROLLBACK');
    throw error;
  }
  db.$write.change = change;
  const effects: Effects = { added: new Set(), changed: new Set() };
  const end = (sql: 'COMMIT' | 'ROLLBACK') => {
    db.$write.change = null;
    db.$write.recorded = true;
    db.$write.indexed = true;
    if (sqlite.inTransaction) transaction(db, sql);
  };
  return {
    writer: new Writer(db, effects, origin),
    change,
    effects,
    commit: () => end('COMMIT'),
    rollback: () => end('ROLLBACK'),
  };
}

/** Refuses any write to a database that takes none (a hot standby), before it begins. */
export function refuseReadOnly(db: Db): void {
  if (db.$engine === 'postgres' && db.$client.readonly) throw new ReadOnlyError(db.$client.name);
}

/** Runs a synchronous write as one transaction recorded as one change: all of it or, on any error, none of it. */
export function write<T>(db: Db, origin: Origin, body: (writer: Writer) => T): { result: T; effects: Effects; change: number } {
  const session = openWrite(db, origin);
  try {
    const result = body(session.writer);
    if (result instanceof Promise) throw new Error('a write body must be synchronous (better-sqlite3 transactions are)');
    session.commit();
    return { result, effects: session.effects, change: session.change };
  } catch (error) {
    session.rollback();
    throw error;
  }
}

// Statements are prepared once per connection, from constant SQL text (src/db/statements.ts).
const statementsOf = (db: Db): ((sql: string) => Statement) => (sql) => prepared(db, sql);

/** The four columns of a fuzzy date, in the order the tables declare them: EDTF, earliest, latest, basis. */
export const dateColumns = (date: FuzzyDate) => [date.edtf, date.earliest, date.latest, date.basis] as const;

/** An exact date names one day (or an instant) without approximation or uncertainty. */
const isExact = (date: FuzzyDate) => (date.precision === 'DAY' || date.precision === 'TIME') && !date.approximate && !date.uncertain;

/** The rules for one link, whatever writes it: what may rebut, be about, or cite what. */
export function linkRuleViolations(kind: string, from: ItemType, to: ItemType): { end: 'from' | 'to'; message: string }[] {
  const found: { end: 'from' | 'to'; message: string }[] = [];
  if (kind === 'REBUTS' && from !== 'REBUTTAL') found.push({ end: 'from', message: `only a rebuttal rebuts; this is ${from}` });
  if (kind === 'REBUTS' && to === 'EVENT') found.push({ end: 'to', message: 'a rebuttal rebuts claims; this is an event' });
  if (kind === 'IS_ABOUT' && from === 'EVENT') found.push({ end: 'from', message: 'only claims are about events; this is an event' });
  if (kind === 'IS_ABOUT' && to !== 'EVENT') found.push({ end: 'to', message: `a claim is about events; this is ${to}` });
  return found;
}

/** A rebuttal cannot be dated before a claim it rebuts, when both dates are exact. */
export function rebuttalOrderProblem(rebuttal: FuzzyDate, rebutted: FuzzyDate): string | null {
  return isExact(rebuttal) && isExact(rebutted) && rebuttal.latest < rebutted.earliest
    ? `a rebuttal dated ${rebuttal.edtf} cannot rebut a claim dated later (${rebutted.edtf})`
    : null;
}

const now = () => new Date().toISOString();

/** The event values stored as they are given, and their columns. */
const EVENT_COLUMNS = [
  ['kind', 'kind'],
  ['status', 'status'],
] as const satisfies readonly (readonly [keyof EventValues, string])[];

/** The tables whose records can be retracted, by the kind of record. */
export const RETRACTABLE = { actor: 'actors', relation: 'actor_relations', place: 'places', source: 'sources', quote: 'quotes', item: 'items', link: 'links', sameAs: 'same_as' } as const;
export type RetractableKind = keyof typeof RETRACTABLE;

/**
 * Brings the groups of these records, and of every record grouped with them, up to date with the
 * standing decisions (src/db/schema.ts: actor_groups, event_groups): after an undo, only the
 * groups it touches; every group of the kind when `records` is null (an as-of read's rewind).
 * One walk finds the records the decisions now join to them, and their decisions join them pair
 * by pair: the cost grows with the groups' size, not with its square.
 */
export function regroup(db: Db, kind: SameAsKind, records: readonly number[] | null): void {
  const { table, column } = GROUP_TABLES[kind];
  const q = (text: string) => prepared(db, text);
  const ids = (parameter = '?') => idsOf(db.$engine, parameter);
  const standing = 'JOIN same_as d ON d.id = m.same_as_id AND d.retracted_at IS NULL';
  let seeds: number[];
  if (records === null) {
    q(`DELETE FROM ${table}`).run();
    seeds = q(`SELECT DISTINCT m.${column} FROM same_as_members m ${standing} WHERE m.${column} IS NOT NULL`).pluck().all() as number[];
  } else {
    // These records, and those grouped with them until now (a group an undo splits).
    seeds = q(`${ids('@given')} UNION SELECT o.${column} FROM ${table} g JOIN ${table} o ON o.canonical_id = g.canonical_id WHERE g.${column} IN (${ids('@given')})`)
      .pluck()
      .all({ given: JSON.stringify(records) }) as number[];
    q(`DELETE FROM ${table} WHERE ${column} IN (${ids()})`).run(JSON.stringify(seeds));
  }
  const members = q(`WITH RECURSIVE reach(id) AS (
      ${ids()}
      UNION SELECT o.${column} FROM reach r JOIN same_as_members m ON m.${column} = r.id ${standing} JOIN same_as_members o ON o.same_as_id = d.id)
    SELECT m.same_as_id AS decision, m.${column} AS record FROM same_as_members m ${standing} WHERE m.${column} IN (SELECT id FROM reach) ORDER BY m.same_as_id`).all(JSON.stringify(seeds)) as {
    decision: number;
    record: number;
  }[];
  const groups = new Groups();
  const first = new Map<number, number>();
  for (const { decision, record } of members) {
    const other = first.get(decision);
    if (other === undefined) first.set(decision, record);
    else groups.join(other, record);
  }
  q(`INSERT INTO ${table} (${column}, canonical_id) SELECT CAST(w.value ->> 0 AS bigint), CAST(w.value ->> 1 AS bigint) FROM ${elementsText(db.$engine, '?', 'w')}`).run(JSON.stringify([...groups.canonical()]));
}

/**
 * Joins the groups of these records into one after a decision that they are one: its canonical
 * record is the lowest of theirs. Each row of the groups joined is updated in place, through the
 * canonical index, with no walk of the decisions.
 */
function joinGroups(db: Db, kind: SameAsKind, records: readonly number[]): void {
  const { table, column } = GROUP_TABLES[kind];
  const given = JSON.stringify(records);
  const ids = idsOf(db.$engine);
  const canonicals = prepared(db, `SELECT DISTINCT coalesce(g.canonical_id, w.value) FROM (${ids}) AS w LEFT JOIN ${table} g ON g.${column} = w.value`).pluck().all(given) as number[];
  const canonical = Math.min(...canonicals);
  prepared(db, `UPDATE ${table} SET canonical_id = ? WHERE canonical_id IN (${ids}) AND canonical_id <> ?`).run(canonical, JSON.stringify(canonicals), canonical);
  prepared(db, `INSERT INTO ${table} (${column}, canonical_id) SELECT w.value, CAST(? AS bigint) FROM (${ids}) AS w WHERE true ON CONFLICT DO NOTHING`).run(canonical, given);
}

/** Writes records inside an open change. Obtained from `write` or `openWrite`, never built. */
export class Writer {
  private readonly q: (sql: string) => Statement;

  constructor(
    readonly db: Db,
    readonly effects: Effects,
    /** Who writes: same-as decisions name the key that made them. */
    readonly origin: Origin,
  ) {
    this.q = statementsOf(db);
  }

  /** Inserts one row and returns its id (SQLite's rowid, PostgreSQL's identity). */
  private insert(text: string, ...params: unknown[]): number {
    return (this.q(`${text} RETURNING id`).get(...params) as { id: number }).id;
  }

  // -------------------------------------------------------------------------------------------
  // Checks every front end shares

  /** A text to store, refused when not well-formed (lone surrogates, control characters). */
  private text<T extends string | null | undefined>(value: T, path: Path): T {
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) throw new InputError(path, problem);
    }
    return value;
  }

  private texts(values: readonly string[] | undefined, path: Path): string[] {
    return (values ?? []).map((v, i) => this.text(v, [...path, i]));
  }

  /** The type and date of an item, for link rules and rebuttal order; undefined when there is none. */
  itemFacts(id: number): { type: ItemType; date: FuzzyDate; retracted: boolean } | undefined {
    const row = this.q('SELECT type, date_edtf AS edtf, date_basis AS basis, retracted_at AS "retractedAt" FROM items WHERE id = ?').get(id) as
      | { type: ItemType; edtf: string; basis: string | null; retractedAt: string | null }
      | undefined;
    return row && { type: row.type, date: parseFuzzyDate(row.edtf, [], row.basis), retracted: row.retractedAt !== null };
  }

  /** Whether a record exists and is not retracted (for the references a front end resolves). */
  standing(kind: RetractableKind, id: number): 'standing' | 'retracted' | 'missing' {
    const row = this.q(`SELECT retracted_at AS "retractedAt" FROM ${RETRACTABLE[kind]} WHERE id = ?`).get(id) as { retractedAt: string | null } | undefined;
    return !row ? 'missing' : row.retractedAt === null ? 'standing' : 'retracted';
  }

  // -------------------------------------------------------------------------------------------
  // Sources and quotes

  sourceByUrl(url: string): number | undefined {
    return (this.q('SELECT id FROM sources WHERE url = ?').get(url) as { id: number } | undefined)?.id;
  }

  /** A new source; a URL names one source, so a second with the same URL is a conflict. */
  createSource(s: SourceValues, path: Path = []): number {
    if (s.url && this.sourceByUrl(s.url) !== undefined) throw new ConflictError([...path, 'url'], `a source with the URL ${s.url} is already recorded`);
    return this.insert(
      'INSERT INTO sources (title, publisher, url, published_edtf, published_earliest, published_latest, published_basis, language, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      this.text(s.title ?? null, [...path, 'title']), this.text(s.publisher ?? null, [...path, 'publisher']), s.url ?? null, ...dateColumns(s.published), s.language ?? null, this.text(s.text ?? null, [...path, 'text']),
    );
  }

  /**
   * A source's text and date, read once per write: a bundle quotes one source thousands of times,
   * and its text is the longest value claimline stores (nothing changes a source's text or date
   * once recorded).
   */
  sourceText(id: number): { text: string | null; published: FuzzyDate } {
    let source = this.sources.get(id);
    if (!source) {
      const row = this.q('SELECT text, published_edtf AS edtf, published_basis AS basis FROM sources WHERE id = ?').get(id) as { text: string | null; edtf: string; basis: string | null };
      this.sources.set(id, (source = { text: row.text, published: parseFuzzyDate(row.edtf, [], row.basis) }));
    }
    return source;
  }

  private readonly sources = new Map<number, { text: string | null; published: FuzzyDate }>();

  /**
   * A span of a source's text, anchored by offsets or exact text, with both selectors stored. A
   * span is one quote: the one already recorded is returned with `created: false`.
   */
  quote(sourceId: number, locator: QuoteLocator, kind: QuoteKind, speakerId: number | null, path: Path = []): { id: number; created: boolean } {
    if ((kind === 'NARRATION') !== (speakerId === null)) {
      throw new InputError([...path, 'speaker'], 'a quote has a speaker (an actor) unless it is NARRATION, the source’s own words');
    }
    const { text } = this.sourceText(sourceId);
    if (text === null) throw new InputError([...path, 'source'], 'the source has no text to quote from: record its text first');
    this.text(locator.exact, [...path, 'exact']);
    const s = anchorQuote(text, locator, path);
    const known = this.q('SELECT id FROM quotes WHERE source_id = ? AND start = ? AND "end" = ?').get(sourceId, s.start, s.end) as { id: number } | undefined;
    if (known) return { id: known.id, created: false };
    return { id: this.insert('INSERT INTO quotes (source_id, speaker_id, kind, start, "end", exact, prefix, suffix) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', sourceId, speakerId, kind, s.start, s.end, s.exact, s.prefix, s.suffix), created: true };
  }

  /** The source a quote is of. */
  quoteSource(quoteId: number): number {
    return (this.q('SELECT source_id AS id FROM quotes WHERE id = ?').get(quoteId) as { id: number }).id;
  }

  // -------------------------------------------------------------------------------------------
  // Actors

  /** The actor an identifier names, if any: identifiers are matched by scheme and value. */
  actorByIdentifiers(identifiers: readonly Code<IdentifierScheme>[]): number | undefined {
    for (const { scheme, value } of identifiers) {
      const row = this.q('SELECT actor_id AS id FROM actor_identifiers WHERE scheme = ? AND value = ?').get(scheme, value) as { id: number } | undefined;
      if (row) return row.id;
    }
    return undefined;
  }

  /** An identifier held by another actor is a conflict: the two are one actor (merge them) or one is wrong. */
  private checkIdentifiers(actorId: number | null, identifiers: readonly Code<IdentifierScheme>[], path: Path): void {
    identifiers.forEach(({ scheme, value }, i) => {
      this.text(value, [...path, i, 'value']);
      const holder = this.q('SELECT actor_id AS id FROM actor_identifiers WHERE scheme = ? AND value = ?').get(scheme, value) as { id: number } | undefined;
      if (holder && holder.id !== actorId) {
        throw new ConflictError([...path, i], `${scheme} ${value} already identifies actor ${holder.id}: merge the two (actorMerge) instead`);
      }
    });
  }

  createActor(a: ActorValues, path: Path = []): number {
    this.checkIdentifiers(null, a.identifiers ?? [], [...path, 'identifiers']);
    const id = this.insert(
      'INSERT INTO actors (name, kind, country, description) VALUES (?, ?, ?, ?)',
      this.text(a.name, [...path, 'name']),
      a.kind,
      a.country ?? null,
      this.text(a.description ?? null, [...path, 'description']),
    );
    this.setActorLists(id, a, path);
    return id;
  }

  /** Replaces the lists given (aliases, identifiers, codes); a list left out stays. */
  private setActorLists(id: number, a: Pick<ActorValues, 'name' | 'aliases' | 'identifiers' | 'codes'>, path: Path, replace = false): void {
    if (a.aliases !== undefined) {
      if (replace) this.q('DELETE FROM actor_aliases WHERE actor_id = ?').run(id);
      for (const alias of new Set(this.texts(a.aliases, [...path, 'aliases']))) if (alias !== a.name) this.q('INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING').run(id, alias);
    }
    if (a.identifiers !== undefined) {
      if (replace) this.q('DELETE FROM actor_identifiers WHERE actor_id = ?').run(id);
      for (const { scheme, value } of a.identifiers) this.q('INSERT INTO actor_identifiers (actor_id, scheme, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(id, scheme, value);
    }
    if (a.codes !== undefined) {
      if (replace) this.q('DELETE FROM actor_codes WHERE actor_id = ?').run(id);
      a.codes.forEach(({ scheme, value }, i) => this.q('INSERT INTO actor_codes (actor_id, scheme, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(id, scheme, this.text(value, [...path, 'codes', i, 'value'])));
    }
  }

  /** Changes an actor: fields given change, lists given replace the list. */
  updateActor(id: number, changes: Partial<ActorValues>, path: Path = []): void {
    if (changes.identifiers) this.checkIdentifiers(id, changes.identifiers, [...path, 'identifiers']);
    const set: [string, unknown][] = [];
    if (changes.name !== undefined) set.push(['name', this.text(changes.name, [...path, 'name'])]);
    if (changes.kind !== undefined) set.push(['kind', changes.kind]);
    if (changes.country !== undefined) set.push(['country', changes.country]);
    if (changes.description !== undefined) set.push(['description', this.text(changes.description, [...path, 'description'])]);
    this.update('actors', 'id', id, set);
    const name = changes.name ?? (this.q('SELECT name FROM actors WHERE id = ?').get(id) as { name: string }).name;
    this.setActorLists(id, { ...changes, name }, path, true);
  }

  /** UPDATE of the named columns of one row; the column names come from the code, never from input. */
  private update(table: string, keyColumn: string, id: number, set: readonly [string, unknown][]): void {
    if (set.length === 0) return;
    this.q(`UPDATE ${table} SET ${set.map(([c]) => `${c} = ?`).join(', ')} WHERE ${keyColumn} = ?`).run(...set.map(([, v]) => v), id);
  }

  /**
   * Folds a duplicate into an actor: every reference to the duplicate moves to the actor, the
   * duplicate's name and aliases become the actor's aliases, and the duplicate is retracted (it
   * stays in history and in as-of reads). Returns the timeline items it touched.
   */
  mergeActors(survivorId: number, duplicateId: number, path: Path = []): void {
    if (survivorId === duplicateId) throw new InputError([...path, 'duplicate'], 'an actor cannot be merged into itself');
    const from = duplicateId;
    const to = survivorId;
    const touched = this.q(`SELECT item_id AS id FROM claims WHERE claimant_id = @from OR spokesperson_id = @from
      UNION SELECT claim_id FROM claim_accused WHERE actor_id = @from UNION SELECT event_id FROM event_participants WHERE actor_id = @from`).all({ from }) as { id: number }[];
    const nameOf = (id: number) => (this.q('SELECT name FROM actors WHERE id = ?').get(id) as { name: string }).name;
    const name = nameOf(from);
    const survivor = nameOf(to);
    // Rows that would become duplicates of the actor's own are dropped; the rest move.
    for (const [table, rest] of [
      ['actor_aliases', 'alias'],
      ['actor_identifiers', 'scheme, value'],
      ['actor_codes', 'scheme, value'],
      ['event_participants', 'event_id, role'],
      ['claim_accused', 'claim_id'],
    ] as const) {
      // The rows the survivor holds already go; the others move to it.
      this.q(`DELETE FROM ${table} WHERE actor_id = @from AND (${rest}) IN (SELECT ${rest} FROM ${table} WHERE actor_id = @to)`).run({ to, from });
      this.q(`UPDATE ${table} SET actor_id = @to WHERE actor_id = @from`).run({ to, from });
    }
    this.q('UPDATE claims SET claimant_id = @to WHERE claimant_id = @from').run({ to, from });
    this.q('UPDATE claims SET spokesperson_id = @to WHERE spokesperson_id = @from').run({ to, from });
    this.q('UPDATE quotes SET speaker_id = @to WHERE speaker_id = @from').run({ to, from });
    this.q('UPDATE claim_reviews SET reviewer_id = @to WHERE reviewer_id = @from').run({ to, from });
    this.q("UPDATE record_keys SET record_id = @to WHERE record_type = 'actor' AND record_id = @from").run({ to, from });
    // A relation between the two would relate the actor to itself: it is retracted instead.
    this.q(`UPDATE actor_relations SET retracted_at = @at, retraction_reason = @reason
      WHERE retracted_at IS NULL AND ((subject_id = @from AND object_id = @to) OR (subject_id = @to AND object_id = @from))`).run({ to, from, at: now(), reason: `merged: ${name} is ${survivor}` });
    this.q('UPDATE actor_relations SET subject_id = @to WHERE subject_id = @from AND object_id <> @to').run({ to, from });
    this.q('UPDATE actor_relations SET object_id = @to WHERE object_id = @from AND subject_id <> @to').run({ to, from });
    if (name !== survivor) this.q('INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING').run(to, name);
    this.q('UPDATE actors SET retracted_at = ?, retraction_reason = ? WHERE id = ?').run(now(), `merged into ${survivor} (actor ${to})`, from);
    for (const { id } of touched) this.effects.changed.add(id);
  }

  createRelation(r: RelationValues, citations: readonly CitationValues[], path: Path = []): number {
    if (r.subjectId === r.objectId) throw new InputError([...path, 'object'], 'an actor cannot relate to itself');
    this.requireCitations(citations, [...path, 'citations']);
    const id = this.insert(
      'INSERT INTO actor_relations (subject_id, kind, object_id, valid_edtf, valid_earliest, valid_latest) VALUES (?, ?, ?, ?, ?, ?)',
      r.subjectId,
      r.kind,
      r.objectId,
      r.valid?.edtf ?? null,
      r.valid?.earliest ?? null,
      r.valid?.latest ?? null,
    );
    citations.forEach((c, i) => this.cite({ relationId: id }, c, [...path, 'citations', i]));
    return id;
  }

  // -------------------------------------------------------------------------------------------
  // Places

  placeByGeonames(geonamesId: number): number | undefined {
    return (this.q('SELECT id FROM places WHERE geonames_id = ?').get(geonamesId) as { id: number } | undefined)?.id;
  }

  /** A new place; a GeoNames id names one place, so a second is a conflict. */
  createPlace(p: PlaceValues, path: Path = []): number {
    if (p.geonamesId && this.placeByGeonames(p.geonamesId) !== undefined) throw new ConflictError([...path, 'geonamesId'], `GeoNames ${p.geonamesId} is already a recorded place`);
    const id = this.insert(
      'INSERT INTO places (name, kind, country, latitude, longitude, geonames_id, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      this.text(p.name, [...path, 'name']),
      p.kind,
      p.country ?? null,
      p.latitude ?? null,
      p.longitude ?? null,
      p.geonamesId ?? null,
      p.parentId ?? null,
    );
    for (const alias of new Set(this.texts(p.aliases, [...path, 'aliases']))) if (alias !== p.name) this.q('INSERT INTO place_aliases (place_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING').run(id, alias);
    return id;
  }

  // -------------------------------------------------------------------------------------------
  // Timeline items

  private requireCitations(citations: readonly CitationValues[], path: Path): void {
    if (citations.length === 0) throw new InputError(path, 'cite at least one source: nothing enters the record without one');
  }

  /** Cites a source, or a quote of it, for an item or a relation; returns whether the citation is new. */
  cite(target: { itemId: number } | { relationId: number }, c: CitationValues, path: Path = []): boolean {
    const quoteId = c.quoteId ?? null;
    if (quoteId !== null && this.quoteSource(quoteId) !== c.sourceId) throw new InputError([...path, 'quote'], 'the quote is from another source than the one cited');
    const [itemId, relationId] = 'itemId' in target ? [target.itemId, null] : [null, target.relationId];
    // The unique indexes count a citation without a quote once too.
    return this.q('INSERT INTO citations (item_id, relation_id, source_id, quote_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(itemId, relationId, c.sourceId, quoteId).changes > 0;
  }

  private checkItem(i: ItemValues, path: Path): void {
    this.text(i.summary, [...path, 'summary']);
    placedDate(i.date, [...path, 'date']);
    for (const name of ['gdelt', 'acled'] as const) {
      for (const [field, value] of Object.entries(i[name] ?? {})) if (typeof value === 'string') this.text(value, [...path, name, field]);
    }
    i.identifiers?.forEach((identifier, n) => this.text(identifier.value, [...path, 'identifiers', n, 'value']));
    if ((i.type === 'EVENT') !== (i.event !== undefined) || (i.type !== 'EVENT') !== (i.claim !== undefined)) {
      throw new Error(`an item of type ${i.type} needs ${i.type === 'EVENT' ? 'event' : 'claim'} values only`);
    }
    if (i.event) {
      this.text(i.event.title, [...path, 'title']);
      this.text(i.event.mode ?? null, [...path, 'mode']);
      this.texts(i.event.contexts, [...path, 'contexts']);
    }
    if (i.type === 'ACCUSATION' && !i.accused?.length) throw new InputError([...path, 'accused'], 'an accusation names at least one accused actor');
    i.reviews?.forEach((r, n) => {
      this.text(r.ratingLabel, [...path, 'reviews', n, 'ratingLabel']);
      this.text(r.body, [...path, 'reviews', n, 'body']);
    });
    i.quantities?.forEach((q, n) => {
      this.text(q.measure, [...path, 'quantities', n, 'measure']);
      this.text(q.unit ?? null, [...path, 'quantities', n, 'unit']);
    });
    this.requireCitations(i.citations, [...path, 'citations']);
  }

  /** Checks a link from an item of `from` to `to`: both exist, the kinds fit, a rebuttal follows what it rebuts. */
  private checkLink(from: { id: number | null; type: ItemType; date: FuzzyDate }, kind: LinkKind, to: number, path: Path): void {
    if (from.id === to) throw new InputError(path, 'an item cannot link to itself');
    const target = this.itemFacts(to);
    if (!target) throw new InputError(path, `no timeline item ${to}`);
    const violations = linkRuleViolations(kind, from.type, target.type);
    if (violations.length) throw new InputError(violations.map((v) => ({ path: v.end === 'to' ? path : [...path.slice(0, -1), 'from'], message: v.message })));
    if (kind === 'REBUTS') {
      const problem = rebuttalOrderProblem(from.date, target.date);
      if (problem) throw new InputError(path, problem);
    }
  }

  /** A new timeline item with its members, links and citations, every rule checked. */
  createItem(i: ItemValues, path: Path = []): number {
    this.checkItem(i, path);
    i.links?.forEach((l) => this.checkLink({ id: null, type: i.type, date: i.date }, l.kind, l.to, l.path ?? [...path, 'links']));
    const id = this.insert('INSERT INTO items (type, summary, date_edtf, date_earliest, date_latest, date_basis) VALUES (?, ?, ?, ?, ?, ?)', i.type, i.summary, ...dateColumns(i.date));
    this.writeMembers(id, i, path);
    for (const l of i.links ?? []) this.q('INSERT INTO links (from_item_id, kind, to_item_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(id, l.kind, l.to);
    i.citations.forEach((c, n) => this.cite({ itemId: id }, c, [...path, 'citations', n]));
    this.effects.added.add(id);
    return id;
  }

  private writeMembers(id: number, i: ItemValues, path: Path = []): void {
    const e = i.event;
    if (e) {
      this.q('INSERT INTO events (item_id, title, kind, mode, contexts, status) VALUES (?, ?, ?, ?, ?, ?)').run(id, e.title, e.kind, e.mode ?? null, JSON.stringify(e.contexts ?? []), e.status);
      this.setParticipants(id, i.participants ?? []);
      this.setQuantities(id, i.quantities ?? []);
    }
    const c = i.claim;
    if (c) {
      this.q('INSERT INTO claims (item_id, claimant_id, spokesperson_id, stance, statement_kind) VALUES (?, ?, ?, ?, ?)').run(id, c.claimantId, c.spokespersonId ?? null, c.stance ?? null, c.statementKind ?? null);
      this.setAccused(id, i.accused ?? []);
      for (const r of i.reviews ?? []) {
        this.q(
          `INSERT INTO claim_reviews (claim_id, reviewer_id, url, published_edtf, published_earliest, published_latest, published_basis, rating_value, best_rating, worst_rating, rating_label, body)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, r.reviewerId, r.url, ...dateColumns(r.published), r.ratingValue, r.bestRating, r.worstRating, r.ratingLabel, r.body);
      }
    }
    this.setPlaces(id, i.placeIds ?? []);
    this.setIdentifiers(id, i.identifiers ?? [], [...path, 'identifiers']);
    for (const name of ['gdelt', 'acled'] as const) {
      const values = i[name];
      if (!values) continue;
      const { table, columns } = CODINGS[name];
      this.q(`INSERT INTO ${table} (item_id, ${columns.map(([, c]) => c).join(', ')}) VALUES (?${', ?'.repeat(columns.length)})`).run(id, ...codingRow(name, values));
    }
  }

  /** The item a data set's key names, if any. */
  itemByIdentifiers(identifiers: readonly Code<ItemIdentifierScheme>[]): number | undefined {
    for (const { scheme, value } of identifiers) {
      const row = this.q('SELECT item_id AS id FROM item_identifiers WHERE scheme = ? AND value = ?').get(scheme, value) as { id: number } | undefined;
      if (row) return row.id;
    }
    return undefined;
  }

  /** A data set's key names one item: one held by another item is a conflict. */
  private setIdentifiers(id: number, identifiers: readonly Code<ItemIdentifierScheme>[], path: Path): void {
    identifiers.forEach(({ scheme, value }, n) => {
      const holder = this.itemByIdentifiers([{ scheme, value }]);
      if (holder !== undefined && holder !== id) throw new ConflictError([...path, n], `${scheme} ${value} already identifies item ${holder}`);
      this.q('INSERT INTO item_identifiers (item_id, scheme, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(id, scheme, value);
    });
  }

  private setParticipants(id: number, participants: readonly { actorId: number; role: ParticipantRole }[]): void {
    for (const p of participants) this.q('INSERT INTO event_participants (event_id, actor_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(id, p.actorId, p.role);
  }
  private setPlaces(id: number, placeIds: readonly number[]): void {
    for (const p of new Set(placeIds)) this.q('INSERT INTO item_places (item_id, place_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(id, p);
  }
  private setQuantities(id: number, quantities: NonNullable<ItemValues['quantities']>): void {
    for (const q of quantities) this.q('INSERT INTO event_quantities (event_id, measure, value, unit) VALUES (?, ?, ?, ?)').run(id, q.measure, q.value, q.unit ?? null);
  }
  private setAccused(id: number, accused: readonly number[]): void {
    for (const a of new Set(accused)) this.q('INSERT INTO claim_accused (claim_id, actor_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(id, a);
  }

  /**
   * Replaces an item's values in place (an updated import row): same id, so links to and from it
   * stay; its members and citations are the new ones.
   */
  replaceItem(id: number, i: ItemValues, path: Path = []): void {
    this.checkItem(i, path);
    this.q('UPDATE items SET type = ?, summary = ?, date_edtf = ?, date_earliest = ?, date_latest = ?, date_basis = ? WHERE id = ?').run(i.type, i.summary, ...dateColumns(i.date), id);
    for (const table of ['events', 'claims', 'item_places', 'item_identifiers', 'gdelt_codings', 'acled_codings', 'citations']) this.q(`DELETE FROM ${table} WHERE item_id = ?`).run(id);
    this.writeMembers(id, i, path);
    i.citations.forEach((c, n) => this.cite({ itemId: id }, c, [...path, 'citations', n]));
    this.effects.changed.add(id);
  }

  /** Changes an event: fields given change; member lists given replace the list. */
  updateEvent(
    id: number,
    changes: Partial<Pick<ItemValues, 'summary' | 'date' | 'participants' | 'placeIds' | 'quantities'>> & { event?: Partial<EventValues> },
    path: Path = [],
  ): void {
    const items: [string, unknown][] = [];
    if (changes.summary !== undefined) items.push(['summary', this.text(changes.summary, [...path, 'summary'])]);
    if (changes.date !== undefined) items.push(['date_edtf', placedDate(changes.date, [...path, 'date']).edtf], ['date_earliest', changes.date.earliest], ['date_latest', changes.date.latest], ['date_basis', changes.date.basis]);
    this.update('items', 'id', id, items);
    const e = changes.event ?? {};
    const events: [string, unknown][] = [];
    if (e.title !== undefined) events.push(['title', this.text(e.title, [...path, 'title'])]);
    if (e.mode !== undefined) events.push(['mode', this.text(e.mode, [...path, 'mode'])]);
    if (e.contexts !== undefined) events.push(['contexts', JSON.stringify(this.texts(e.contexts ?? [], [...path, 'contexts']))]);
    for (const [field, column] of EVENT_COLUMNS) if (e[field] !== undefined) events.push([column, e[field]]);
    this.update('events', 'item_id', id, events);
    if (changes.participants !== undefined) {
      this.q('DELETE FROM event_participants WHERE event_id = ?').run(id);
      this.setParticipants(id, changes.participants ?? []);
    }
    if (changes.placeIds !== undefined) {
      this.q('DELETE FROM item_places WHERE item_id = ?').run(id);
      this.setPlaces(id, changes.placeIds ?? []);
    }
    if (changes.quantities !== undefined) {
      this.q('DELETE FROM event_quantities WHERE event_id = ?').run(id);
      this.setQuantities(id, changes.quantities ?? []);
    }
    this.effects.changed.add(id);
  }

  /** Changes a claim; a new date keeps every rebuttal after what it rebuts, both ways. */
  updateClaim(id: number, changes: Partial<Pick<ItemValues, 'summary' | 'date' | 'accused'>> & { claim?: Partial<ClaimValues> }, path: Path = []): void {
    if (changes.date !== undefined) {
      const rebutted = this.q("SELECT to_item_id AS id FROM links WHERE from_item_id = ? AND kind = 'REBUTS' AND retracted_at IS NULL").all(id) as { id: number }[];
      const rebutters = this.q("SELECT from_item_id AS id FROM links WHERE to_item_id = ? AND kind = 'REBUTS' AND retracted_at IS NULL").all(id) as { id: number }[];
      for (const r of rebutted) {
        const problem = rebuttalOrderProblem(changes.date, this.itemFacts(r.id)!.date);
        if (problem) throw new InputError([...path, 'date'], `${problem} (item ${r.id})`);
      }
      for (const r of rebutters) {
        const problem = rebuttalOrderProblem(this.itemFacts(r.id)!.date, changes.date);
        if (problem) throw new InputError([...path, 'date'], `this claim is rebutted by item ${r.id}: ${problem}`);
      }
    }
    const items: [string, unknown][] = [];
    if (changes.summary !== undefined) items.push(['summary', this.text(changes.summary, [...path, 'summary'])]);
    if (changes.date !== undefined) items.push(['date_edtf', placedDate(changes.date, [...path, 'date']).edtf], ['date_earliest', changes.date.earliest], ['date_latest', changes.date.latest], ['date_basis', changes.date.basis]);
    this.update('items', 'id', id, items);
    const c = changes.claim ?? {};
    const claims: [string, unknown][] = [];
    if (c.claimantId !== undefined) claims.push(['claimant_id', c.claimantId]);
    if (c.spokespersonId !== undefined) claims.push(['spokesperson_id', c.spokespersonId]);
    if (c.stance !== undefined) claims.push(['stance', c.stance]);
    if (c.statementKind !== undefined) claims.push(['statement_kind', c.statementKind]);
    this.update('claims', 'item_id', id, claims);
    if (changes.accused !== undefined) {
      if (changes.accused.length === 0) throw new InputError([...path, 'accused'], 'an accusation names at least one accused actor');
      this.q('DELETE FROM claim_accused WHERE claim_id = ?').run(id);
      this.setAccused(id, changes.accused);
    }
    this.effects.changed.add(id);
  }

  /** Links two items (a link retracted earlier is restored rather than duplicated); returns the link and whether it was already standing. */
  link(fromId: number, kind: LinkKind, toId: number, path: Path = []): { id: number; existed: boolean } {
    const from = this.itemFacts(fromId);
    if (!from) throw new InputError([...path, 'from'], `no timeline item ${fromId}`);
    this.checkLink({ id: fromId, type: from.type, date: from.date }, kind, toId, [...path, 'to']);
    const existing = this.q('SELECT id, retracted_at AS "retractedAt" FROM links WHERE from_item_id = ? AND kind = ? AND to_item_id = ?').get(fromId, kind, toId) as
      | { id: number; retractedAt: string | null }
      | undefined;
    this.effects.changed.add(fromId).add(toId);
    if (existing?.retractedAt === null) return { id: existing.id, existed: true };
    if (existing) {
      this.q('UPDATE links SET retracted_at = NULL, retraction_reason = NULL WHERE id = ?').run(existing.id);
      return { id: existing.id, existed: false };
    }
    return { id: this.insert('INSERT INTO links (from_item_id, kind, to_item_id) VALUES (?, ?, ?)', fromId, kind, toId), existed: false };
  }

  /** Takes a record out of default reads with a reason; returns false when it was retracted already. */
  retract(kind: RetractableKind, id: number, reason: string, path: Path = []): boolean {
    const done = this.q(`UPDATE ${RETRACTABLE[kind]} SET retracted_at = ?, retraction_reason = ? WHERE id = ? AND retracted_at IS NULL`).run(now(), this.text(reason, [...path, 'reason']), id);
    if (kind === 'item') this.effects.changed.add(id);
    if (kind === 'sameAs' && done.changes > 0) {
      const decision = this.q('SELECT kind FROM same_as WHERE id = ?').get(id) as { kind: SameAsKind };
      const records = this.q('SELECT coalesce(actor_id, item_id) FROM same_as_members WHERE same_as_id = ?').pluck().all(id) as number[];
      regroup(this.db, decision.kind, records);
      if (decision.kind === 'EVENT') for (const record of records) this.effects.changed.add(record);
    }
    if (kind === 'link') {
      const link = this.q('SELECT from_item_id AS "fromId", to_item_id AS "toId" FROM links WHERE id = ?').get(id) as { fromId: number; toId: number };
      this.effects.changed.add(link.fromId).add(link.toId);
    }
    return done.changes > 0;
  }

  // -------------------------------------------------------------------------------------------
  // Who is who

  /**
   * Records that these actors, or these events, name one actor or one event, and why; returns
   * the decision's id. The records stay as they are (the front end checks that they exist and
   * stand, and are not one already).
   */
  sameAs(kind: SameAsKind, ids: readonly number[], reason: string, path: Path = []): number {
    const id = this.insert('INSERT INTO same_as (kind, reason, decided_by) VALUES (?, ?, ?)', kind, this.text(reason, [...path, 'reason']), this.origin.keyName);
    const member = this.q(kind === 'ACTOR' ? 'INSERT INTO same_as_members (same_as_id, actor_id) VALUES (?, ?)' : 'INSERT INTO same_as_members (same_as_id, item_id) VALUES (?, ?)');
    for (const record of ids) member.run(id, record);
    joinGroups(this.db, kind, ids);
    if (kind === 'EVENT') for (const record of ids) this.effects.changed.add(record);
    return id;
  }

  // -------------------------------------------------------------------------------------------
  // Natural keys of imported records (a bundle's keys, a GDELT GLOBALEVENTID)

  keyed(namespace: string, key: string): { id: number; fingerprint: string | null } | undefined {
    return this.q('SELECT record_id AS id, fingerprint FROM record_keys WHERE namespace = ? AND key = ?').get(namespace, key) as { id: number; fingerprint: string | null } | undefined;
  }

  rememberKey(namespace: string, key: string, recordType: string, id: number, fingerprint: string | null = null): void {
    this.q('INSERT INTO record_keys (namespace, key, record_type, record_id, fingerprint) VALUES (?, ?, ?, ?, ?) ON CONFLICT (namespace, key) DO UPDATE SET record_id = excluded.record_id, fingerprint = excluded.fingerprint').run(
      namespace,
      key,
      recordType,
      id,
      fingerprint,
    );
  }
}
