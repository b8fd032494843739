import type { Engine } from './dialect.ts';
import { shapeOf, TRACKED } from './history.ts';

// Every trigger of the database, printed from these definitions into each engine's migrations
// (`npx tsx scripts/triggers.ts [sqlite|postgres]`); a test checks that the database holds
// exactly these. They call three functions that the connection defines (src/db/client.ts; on
// PostgreSQL, drizzle-pg/0002_triggers.sql, from settings the connection makes, src/db/postgres.ts)
// from the state of the write in progress (src/domain/write.ts):
//
//   claimline_change()    the open change; an error when none is open, so a write that does not
//                         go through the write module is refused
//   claimline_recorded()  1 while triggers record each row change; 0 while the write module
//                         records a batch itself, or an as-of read rewinds
//   claimline_indexed()   1 while triggers keep the search index; 0 while the write module
//                         indexes a batch itself

/** A document's condition when it has one whatever the record holds. */
const ALWAYS = '1';

/** What a search document is: its FTS rowid is the record's id * 8 + the kind's code. */
export const SEARCH_KINDS = { ACTOR: 1, PLACE: 2, SOURCE: 3, TIMELINE_ITEM: 4, QUOTE: 5 } as const;
export type SearchKind = keyof typeof SEARCH_KINDS;

/**
 * The searchable text of each kind of record, as SQL over its row `R`, and when it has any. The
 * write module's set-based mode writes the same documents from the same expressions.
 */
export const SEARCH_DOCUMENTS: Record<SearchKind, { table: string; body: string; when: string }> = {
  ACTOR: { table: 'actors', body: `R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM actor_aliases WHERE actor_id = R.id), '')`, when: ALWAYS },
  PLACE: { table: 'places', body: `R.name || coalesce(' ' || (SELECT group_concat(alias, ' ') FROM place_aliases WHERE place_id = R.id), '')`, when: ALWAYS },
  SOURCE: {
    table: 'sources',
    body: `coalesce(R.title, '') || coalesce(' ' || R.publisher, '') || coalesce(' ' || R.text, '')`,
    when: 'coalesce(R.title, R.publisher, R.text) IS NOT NULL',
  },
  TIMELINE_ITEM: { table: 'items', body: `coalesce((SELECT title || ' ' FROM events WHERE item_id = R.id), '') || R.summary`, when: ALWAYS },
  QUOTE: { table: 'quotes', body: 'R.exact', when: ALWAYS },
};

/** A document's body and condition as `engine` spells them: PostgreSQL's string_agg for group_concat, and true for SQLite's 1. */
export const spelled = (engine: Engine, kind: SearchKind): { body: string; when: string } => {
  const { body, when } = SEARCH_DOCUMENTS[kind];
  return engine === 'sqlite' ? { body, when } : { body: body.replaceAll('group_concat(', 'string_agg('), when: when === ALWAYS ? 'true' : when };
};

/** Rewrites the search document of one record (its id as SQL), or removes it when the record has none. */
function refreshOn(engine: Engine, kind: SearchKind, id: string): string {
  const { table } = SEARCH_DOCUMENTS[kind];
  const { body, when } = spelled(engine, kind);
  const code = SEARCH_KINDS[kind];
  return `  DELETE FROM search_index WHERE rowid = ${id} * 8 + ${code};
  INSERT INTO search_index (rowid, body) SELECT R.id * 8 + ${code}, ${body} FROM ${table} R WHERE R.id = ${id} AND ${when};`;
}

/**
 * One trigger, after each row an event changes: SQLite's statement, or PostgreSQL's two (the
 * trigger's function of the same name, then the trigger).
 */
const triggerOf = (engine: Engine) => (name: string, event: string, table: string, when: string, body: string): string[] =>
  engine === 'sqlite'
    ? [`CREATE TRIGGER ${name} AFTER ${event} ON ${table} WHEN ${when} BEGIN\n${body}\nEND`]
    : [
        `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n${body}\n  RETURN NULL;\nEND\n$$`,
        `CREATE TRIGGER ${name} AFTER ${event} ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${name}()`,
      ];

/** The triggers that keep the search index, while claimline_indexed() says so. */
function searchTriggers(engine: Engine): string[][] {
  const trigger = triggerOf(engine);
  const refresh = (kind: SearchKind, id: string) => refreshOn(engine, kind, id);
  const on = 'claimline_indexed()';
  const remove = (kind: SearchKind) => `  DELETE FROM search_index WHERE rowid = OLD.id * 8 + ${SEARCH_KINDS[kind]};`;
  const named = (kind: SearchKind, table: string, aliases: string, key: string): string[][] => [
    trigger(`${table}_search_insert`, 'INSERT', table, on, refresh(kind, 'NEW.id')),
    trigger(`${table}_search_update`, 'UPDATE OF name', table, on, refresh(kind, 'NEW.id')),
    trigger(`${table}_search_delete`, 'DELETE', table, on, remove(kind)),
    trigger(`${aliases}_search_insert`, 'INSERT', aliases, on, refresh(kind, `NEW.${key}`)),
    trigger(`${aliases}_search_update`, 'UPDATE', aliases, on, `${refresh(kind, `OLD.${key}`)}\n${refresh(kind, `NEW.${key}`)}`),
    trigger(`${aliases}_search_delete`, 'DELETE', aliases, on, refresh(kind, `OLD.${key}`)),
  ];
  return [
    ...named('ACTOR', 'actors', 'actor_aliases', 'actor_id'),
    ...named('PLACE', 'places', 'place_aliases', 'place_id'),
    trigger('sources_search_insert', 'INSERT', 'sources', on, refresh('SOURCE', 'NEW.id')),
    trigger('sources_search_update', 'UPDATE OF title, publisher, text', 'sources', on, refresh('SOURCE', 'NEW.id')),
    trigger('sources_search_delete', 'DELETE', 'sources', on, remove('SOURCE')),
    // An event's document holds its title: the events trigger writes it, once, for a new event.
    trigger('items_search_insert', 'INSERT', 'items', `${on} AND NEW.type <> 'EVENT'`, refresh('TIMELINE_ITEM', 'NEW.id')),
    trigger('items_search_update', 'UPDATE OF summary', 'items', on, refresh('TIMELINE_ITEM', 'NEW.id')),
    trigger('items_search_delete', 'DELETE', 'items', on, remove('TIMELINE_ITEM')),
    trigger('events_search_insert', 'INSERT', 'events', on, refresh('TIMELINE_ITEM', 'NEW.item_id')),
    trigger('events_search_update', 'UPDATE OF title', 'events', on, refresh('TIMELINE_ITEM', 'NEW.item_id')),
    trigger('events_search_delete', 'DELETE', 'events', on, refresh('TIMELINE_ITEM', 'OLD.item_id')),
    trigger('quotes_search_insert', 'INSERT', 'quotes', on, refresh('QUOTE', 'NEW.id')),
    trigger('quotes_search_update', 'UPDATE OF exact', 'quotes', on, refresh('QUOTE', 'NEW.id')),
    trigger('quotes_search_delete', 'DELETE', 'quotes', on, remove('QUOTE')),
  ];
}

const shapeByName = new Map(TRACKED.map(({ table, record }) => [shapeOf(table).name, { ...shapeOf(table), record }]));

/** A row's values (all columns) or key (its primary key) as JSON, from the row named `row` (NEW, OLD, or a table alias). */
export function rowJson(table: string, row: string, part: 'values' | 'key', engine: Engine = 'sqlite'): string {
  const shape = shapeByName.get(table)!;
  return `${engine === 'sqlite' ? 'json_object' : 'json_build_object'}(${(part === 'key' ? shape.primaryKey : shape.columns).map((c) => `'${c}', ${row}.${c}`).join(', ')})`;
}

/** The record a tracked table's row belongs to ("item:7" for an event's participant), from the row named `row`. */
export const recordOf = (table: string, row: string) => shapeByName.get(table)!.record.replaceAll('R.', `${row}.`);

/**
 * The three triggers that record a tracked table's row changes under the open change: the row's
 * record, its key (after an insert or update, before a delete), its values before an update or
 * delete, and after an update. An insert stores no copy of its values: the row holds them, or,
 * once changed, the next change's values before (history reads them back from there).
 */
function historyTriggers(engine: Engine, table: string): string[][] {
  const trigger = triggerOf(engine);
  return (['INSERT', 'UPDATE', 'DELETE'] as const).map((op) => {
    const row = op === 'DELETE' ? 'OLD' : 'NEW';
    const before = op === 'INSERT' ? 'NULL' : rowJson(table, 'OLD', 'values', engine);
    const after = op === 'UPDATE' ? rowJson(table, 'NEW', 'values', engine) : 'NULL';
    return trigger(
      `history_${table}_${op.toLowerCase()}`,
      op,
      table,
      'claimline_recorded()',
      `  INSERT INTO row_changes (change_id, table_name, record, operation, key, before, after)
  VALUES (claimline_change(), '${table}', ${recordOf(table, row)}, '${op}', ${rowJson(table, row, 'key', engine)}, ${before}, ${after});`,
    );
  });
}

/** PostgreSQL's notice of each committed change, to every claimline server on the primary (LISTEN claimline_changes), which then publishes its effects at once. */
export const CHANGES_CHANNEL = 'claimline_changes';

/**
 * The trigger that sends the notice, once per statement: a notification is delivered when its
 * transaction commits (not at all when it rolls back), and the same one sent again within a
 * transaction is delivered once, so `claimline copy`'s many changes make one. The servers read
 * what changed from the changes table. (SQLite's servers share one file: its data_version tells.)
 */
const changeNotices = (): string[] => [
  `CREATE FUNCTION changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  PERFORM pg_notify('${CHANGES_CHANNEL}', '');\n  RETURN NULL;\nEND\n$$`,
  'CREATE TRIGGER changes_notify AFTER INSERT ON changes FOR EACH STATEMENT EXECUTE FUNCTION changes_notify()',
];

/** Every trigger the database should hold, in the order the migrations create them (on PostgreSQL, each function before its trigger). */
export function allTriggers(engine: Engine = 'sqlite'): string[] {
  return [...[...shapeByName.keys()].flatMap((table) => historyTriggers(engine, table)), ...searchTriggers(engine), ...(engine === 'postgres' ? [changeNotices()] : [])].flat();
}
