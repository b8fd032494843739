import { sql, type SQL } from 'drizzle-orm';
import { allRows, batchReadWith, firstRow, manyRows, prepared } from '../db/statements.ts';
import { links } from '../db/schema.ts';
import type { LinkRow } from './records.ts';
import { elementsOf, list } from './sql-lists.ts';
import { amongIds, perEngine } from '../db/dialect.ts';
import type { Db } from '../db/client.ts';
import { finishPage, keysetClauses, scanDirection, type Page, type PageRequest, type SortKey } from './pagination.ts';
import { actorsJoinedTo, STANDS_FOR_ITS_GROUP } from './same-as.ts';
import { matching, SEARCH_KINDS } from './search.ts';
import type {
  ActorRelationKind,
  ActorRole,
  ClaimType,
  DateMatch,
  EventKind,
  EventStatus,
  ItemIdentifierScheme,
  ItemType,
  ParticipantRole,
  RebuttalStance,
  SortDirection,
  StatementKind,
} from '../db/vocabulary.ts';
import { PARTICIPANT_ROLES } from '../db/vocabulary.ts';

/** A timeline item with its event or claim columns, as every item read returns it. */
export interface ItemRow {
  id: number;
  type: ItemType;
  summary: string;
  dateEdtf: string;
  dateBasis: string | null;
  dateEarliest: number;
  dateLatest: number;
  title: string | null;
  eventKind: EventKind | null;
  mode: string | null;
  contexts: string | null;
  status: EventStatus | null;
  claimantId: number | null;
  spokespersonId: number | null;
  stance: RebuttalStance | null;
  statementKind: StatementKind | null;
  retractedAt: string | null;
  retractionReason: string | null;
}
export type ClaimRow = ItemRow & { type: ClaimType; claimantId: number };

export interface TimelineFilter {
  types?: readonly ItemType[];
  eventKinds?: readonly EventKind[];
  statuses?: readonly EventStatus[];
  /**
   * Items involving any of these actors, in any of the roles given (all roles when none); with
   * `follow`, also the actors related to them by these relations, followed from subject to object
   * to any depth (a spokesperson speaks for the body, a member acts for its coalition).
   */
  actors?: { ids: readonly number[]; roles?: readonly ActorRole[]; follow?: readonly ActorRelationKind[]; sameAs?: boolean };
  /** Resolved: each group of events that standing same-as decisions make one is its earliest record (the later ones leave). */
  resolvedEvents?: boolean;
  /** Events at any of these places or their sub-places. */
  placeIds?: readonly number[];
  /** Events at places whose coordinates lie in this box, or at their sub-places; west > east crosses the antimeridian. */
  area?: BoundingBox;
  /** Claims with (true) or without (false) a standing rebuttal; events match neither. */
  rebutted?: boolean;
  /** Items whose title or summary match this full-text search, or that cite a quote that does (words as `search` takes them). */
  search?: string;
  /** Items citing any of these sources. */
  sourceIds?: readonly number[];
  /** Items any of these data-set keys name (GDELT 881992568). */
  identifiers?: readonly { scheme: ItemIdentifierScheme; value: string }[];
  /** Bounds in epoch ms (null for open); OVERLAPS: the item could fall in the range; WITHIN: it certainly does. */
  date?: { earliest: number | null; latest: number | null; match: DateMatch };
}

/** An item's columns (the lean ones first), and those of its event and its claim, with their types (for a NULL in their place). */
const ITEM_FIELDS = {
  lean: [['i.id', 'id'], ['i.type', 'type'], ['i.summary', 'summary'], ['i.date_earliest', 'dateEarliest'], ['i.date_latest', 'dateLatest']],
  all: [['i.date_edtf', 'dateEdtf'], ['i.date_basis', 'dateBasis'], ['i.retracted_at', 'retractedAt'], ['i.retraction_reason', 'retractionReason']],
} as const;
const EVENT_FIELDS = [['e.title', 'title'], ['e.kind', 'eventKind'], ['e.mode', 'mode'], ['e.contexts', 'contexts'], ['e.status', 'status']] as const;
const CLAIM_FIELDS = {
  lean: [['c.claimant_id', 'claimantId', 'bigint'], ['c.spokesperson_id', 'spokespersonId', 'bigint']],
  all: [['c.stance', 'stance', 'text'], ['c.statement_kind', 'statementKind', 'text']],
} as const;

/**
 * Which columns of an item a read returns: `all` of them, or the `lean` few that order, identify
 * and summarise it and name a claim's actors (its `LeanItemRow`). Each column read costs, so a
 * page whose query asks for nothing more reads nothing more.
 */
export type ItemColumns = 'all' | 'lean';

/** The columns of a lean row; the others of an `ItemRow` are absent from it (undefined). */
export type LeanItemRow = Pick<ItemRow, 'id' | 'type' | 'summary' | 'dateEarliest' | 'dateLatest' | 'claimantId' | 'spokespersonId'>;

/** Whether a row read as `ItemRow` holds only the lean columns (its details are read apart: src/graphql/loaders.ts). */
export const isLean = (row: ItemRow | LeanItemRow): boolean => (row as Partial<ItemRow>).dateEdtf === undefined;

/** Which of an item's other tables a read joins: a page whose filter admits no event (or no claim) reads NULL for its columns. */
interface ItemJoins {
  events: boolean;
  claims: boolean;
}

/** The joins that read these columns of any item (a read by id, a link's end): events only for the columns a lean row lacks. */
const anyItem = (columns: ItemColumns): ItemJoins => ({ events: columns === 'all', claims: true });

/** An item's fields (each a name and its SQL), and the joins after `items i` that they are read through. */
function itemParts(columns: ItemColumns, joins: ItemJoins): { fields: [string, string][]; joined: string } {
  const of = (fields: readonly (readonly [string, string, string?])[], joined: boolean) =>
    fields.map(([value, name, type = 'text']): [string, string] => [name, joined ? value : `CAST(NULL AS ${type})`]);
  const fields: [string, string][] = [
    ...ITEM_FIELDS.lean.map(([value, name]): [string, string] => [name, value]),
    ...of(CLAIM_FIELDS.lean, joins.claims),
    ...(columns === 'all' ? [...ITEM_FIELDS.all.map(([value, name]): [string, string] => [name, value]), ...of(EVENT_FIELDS, joins.events), ...of(CLAIM_FIELDS.all, joins.claims)] : []),
  ];
  const events = joins.events ? ' LEFT JOIN events e ON e.item_id = i.id' : '';
  const claims = joins.claims ? ' LEFT JOIN claims c ON c.item_id = i.id' : '';
  return { fields, joined: `${events}${claims}` };
}

const selects = new Map<string, string>();
function itemSelect(columns: ItemColumns, joins: ItemJoins): string {
  const key = `${columns} ${joins.events} ${joins.claims}`;
  let text = selects.get(key);
  if (!text) {
    const { fields, joined } = itemParts(columns, joins);
    selects.set(key, (text = `SELECT ${fields.map(([name, value]) => `${value} AS "${name}"`).join(', ')} FROM items i${joined}`));
  }
  return text;
}

/**
 * The standing links out of items (by `from_item_id`, each with the item it goes `to_item_id`) or
 * into them, in id order, each with the item at its other end, lean or whole: one statement per batch.
 */
const linksWith = (column: string, end: string) => {
  const read = (columns: ItemColumns) => {
    const { fields, joined } = itemParts(columns, anyItem(columns));
    return batchReadWith<LinkRow, ItemRow>(links, column, { where: 't.retracted_at IS NULL', order: 't.id' }, { join: `items i ON i.id = t.${end}${joined}`, fields });
  };
  return { lean: read('lean'), all: read('all') };
};
export const linksWithEnds = { to: linksWith('from_item_id', 'to_item_id'), from: linksWith('to_item_id', 'from_item_id') };

/** The joins a page of items matching `filter` needs: none to a table that holds none of its items (but one a filter names). */
function joinsFor(filter: TimelineFilter, columns: ItemColumns): ItemJoins {
  const types = filter.types;
  const events = !types || types.includes('EVENT');
  return { events: needsEvents(filter) || (columns === 'all' && events), claims: !types || types.some((t) => t !== 'EVENT') };
}

export interface BoundingBox {
  south: number;
  west: number;
  north: number;
  east: number;
}


/** The filters that restrict items to a set found through another table: actors, places, sources. */
type Membership = 'actors' | 'places' | 'area' | 'sources' | 'identifiers' | 'search';

/**
 * The ids of the items a membership filter admits, and the same test as a probe of one item.
 * A small set drives the query (its ids are sorted by date); a large one is probed while the date
 * index is scanned in order, which stops as soon as a page is full.
 */
interface MembershipSql {
  /** The admitted item ids, each once. */
  members: SQL;
  /** The same ids, possibly repeated: cheap to count, as it streams. */
  estimate: SQL;
  /** The test for the item `i`. */
  probe: SQL;
}

function memberships(filter: TimelineFilter): Partial<Record<Membership, MembershipSql>> {
  const found: Partial<Record<Membership, MembershipSql>> = {};
  if (filter.actors) {
    const { roles: given, follow, sameAs } = filter.actors;
    // With sameAs, the actors are their same-as groups: every record standing decisions join them to.
    const named = sameAs ? actorsJoinedTo(list(filter.actors.ids)) : list(filter.actors.ids);
    const ids = follow?.length
      ? sql`WITH RECURSIVE related(id) AS (SELECT id FROM actors WHERE id IN (${named})
          UNION SELECT r.subject_id FROM actor_relations r JOIN related ON r.object_id = related.id
          WHERE r.kind IN (${list(follow)}) AND r.retracted_at IS NULL) SELECT id FROM related`
      : named;
    const roles = new Set<ActorRole>(given?.length ? given : ['CLAIMANT', 'ACCUSED', 'SPOKESPERSON', ...PARTICIPANT_ROLES]);
    const participantRoles = PARTICIPANT_ROLES.filter((r: ParticipantRole) => roles.has(r));
    const claimantTypes = roles.has('CLAIMANT') ? null : [...(roles.has('ACCUSER') ? ['ACCUSATION'] : []), ...(roles.has('REBUTTER') ? ['REBUTTAL'] : [])];
    const parts: { members: SQL; probe: SQL }[] = [];
    if (claimantTypes === null) {
      parts.push({ members: sql`SELECT item_id FROM claims WHERE claimant_id IN (${ids})`, probe: sql`EXISTS (SELECT 1 FROM claims WHERE item_id = i.id AND claimant_id IN (${ids}))` });
    } else if (claimantTypes.length) {
      parts.push({
        members: sql`SELECT c.item_id FROM claims c JOIN items t ON t.id = c.item_id WHERE c.claimant_id IN (${ids}) AND t.type IN (${list(claimantTypes)})`,
        probe: sql`(i.type IN (${list(claimantTypes)}) AND EXISTS (SELECT 1 FROM claims WHERE item_id = i.id AND claimant_id IN (${ids})))`,
      });
    }
    if (roles.has('SPOKESPERSON')) parts.push({ members: sql`SELECT item_id FROM claims WHERE spokesperson_id IN (${ids})`, probe: sql`EXISTS (SELECT 1 FROM claims WHERE item_id = i.id AND spokesperson_id IN (${ids}))` });
    if (roles.has('ACCUSED')) parts.push({ members: sql`SELECT claim_id FROM claim_accused WHERE actor_id IN (${ids})`, probe: sql`EXISTS (SELECT 1 FROM claim_accused WHERE claim_id = i.id AND actor_id IN (${ids}))` });
    if (participantRoles.length) {
      const roleList = list(participantRoles);
      parts.push({
        members: sql`SELECT event_id FROM event_participants WHERE actor_id IN (${ids}) AND role IN (${roleList})`,
        probe: sql`EXISTS (SELECT 1 FROM event_participants WHERE event_id = i.id AND actor_id IN (${ids}) AND role IN (${roleList}))`,
      });
    }
    found.actors = {
      members: sql.join(parts.map((p) => p.members), sql` UNION `),
      estimate: sql.join(parts.map((p) => p.members), sql` UNION ALL `),
      probe: sql`(${sql.join(parts.map((p) => p.probe), sql` OR `)})`,
    };
  }
  const placeSets: [Membership, SQL][] = [];
  if (filter.placeIds) placeSets.push(['places', sql`SELECT id FROM places WHERE id IN (${list(filter.placeIds)})`]);
  if (filter.area) {
    const { south, west, north, east } = filter.area;
    const longitude = west <= east ? sql`longitude BETWEEN ${west} AND ${east}` : sql`(longitude >= ${west} OR longitude <= ${east})`;
    placeSets.push(['area', sql`SELECT id FROM places WHERE latitude BETWEEN ${south} AND ${north} AND ${longitude}`]);
  }
  for (const [name, roots] of placeSets) {
    const within = sql`WITH RECURSIVE within(id) AS (${roots}
        UNION SELECT p.id FROM places p JOIN within ON p.parent_id = within.id) SELECT id FROM within`;
    const members = sql`SELECT item_id FROM item_places WHERE place_id IN (${within})`;
    found[name] = {
      members,
      estimate: members,
      probe: sql`EXISTS (SELECT 1 FROM item_places WHERE item_id = i.id AND place_id IN (${within}))`,
    };
  }
  if (filter.sourceIds) {
    const ids = list(filter.sourceIds);
    const members = sql`SELECT item_id FROM citations WHERE source_id IN (${ids})`;
    found.sources = { members, estimate: members, probe: sql`EXISTS (SELECT 1 FROM citations WHERE item_id = i.id AND source_id IN (${ids}))` };
  }
  if (filter.identifiers) {
    const wanted = JSON.stringify(filter.identifiers.map((i) => [i.scheme, i.value]));
    const members = sql`SELECT k.item_id FROM ${elementsOf(wanted, 'w')} JOIN item_identifiers k ON k.scheme = w.value ->> 0 AND k.value = w.value ->> 1`;
    found.identifiers = { members, estimate: members, probe: sql`i.id IN (${members})` };
  }
  if (filter.search !== undefined) {
    const match = matching(filter.search, ['filter', 'search']).where;
    const documents = (kind: number) => sql`SELECT rowid / 8 FROM search_index WHERE ${match} AND rowid % 8 = ${kind}`;
    const members = sql`${documents(SEARCH_KINDS.TIMELINE_ITEM)} UNION SELECT item_id FROM citations WHERE quote_id IN (${documents(SEARCH_KINDS.QUOTE)})`;
    // The matches are found once (an uncorrelated IN list), however the date index is walked.
    found.search = { members, estimate: members, probe: sql`i.id IN (${members})` };
  }
  return found;
}

/** Above this many members a membership filter is probed rather than driving the query. */
export const LARGE_MEMBERSHIP = 5000;

function conditions(filter: TimelineFilter, large: ReadonlySet<Membership> = new Set(), { withRetracted = false } = {}): SQL[] {
  // Retracted items leave default reads (they stay readable by ID, in history and as of earlier).
  const where: SQL[] = withRetracted ? [] : [sql`i.retracted_at IS NULL`];
  if (filter.types) where.push(sql`i.type IN (${list(filter.types)})`);
  if (filter.eventKinds) where.push(sql`e.kind IN (${list(filter.eventKinds)})`);
  if (filter.statuses) where.push(sql`e.status IN (${list(filter.statuses)})`);
  if (filter.resolvedEvents) where.push(STANDS_FOR_ITS_GROUP);
  for (const [name, membership] of Object.entries(memberships(filter)) as [Membership, MembershipSql][]) {
    where.push(large.has(name) ? membership.probe : sql`i.id IN (${membership.members})`);
  }
  if (filter.rebutted !== undefined) {
    const rebuttal = sql`EXISTS (SELECT 1 FROM links l JOIN items r ON r.id = l.from_item_id
      WHERE l.to_item_id = i.id AND l.kind = 'REBUTS' AND l.retracted_at IS NULL AND r.retracted_at IS NULL)`;
    where.push(sql`i.type <> 'EVENT'`, filter.rebutted ? rebuttal : sql`NOT ${rebuttal}`);
  }
  if (filter.date) {
    const { earliest, latest, match } = filter.date;
    if (match === 'OVERLAPS') {
      if (earliest !== null) where.push(sql`i.date_latest >= ${earliest}`);
      if (latest !== null) where.push(sql`i.date_earliest <= ${latest}`);
    } else {
      if (earliest !== null) where.push(sql`i.date_earliest >= ${earliest}`);
      if (latest !== null) where.push(sql`i.date_latest <= ${latest}`);
    }
  }
  return where;
}

/**
 * Which membership filters of each parent are large, in one statement: each count stops at
 * LARGE_MEMBERSHIP rows of an index, so it costs little however large the set is.
 */
function largeMemberships(db: Db, parents: readonly { parent: number; filter: TimelineFilter }[], threshold: number): Map<number, Set<Membership>> {
  const sized = parents.map((p) => ({ parent: p.parent, sets: Object.entries(memberships(p.filter)) as [Membership, MembershipSql][] }));
  const large = new Map<number, Set<Membership>>(parents.map((p) => [p.parent, new Set()]));
  const terms = sized.flatMap(({ parent, sets }) =>
    sets.map(([name, { estimate }]) => sql`SELECT CAST(${parent} AS integer) AS parent, ${name} AS name, (SELECT count(*) FROM (${estimate} LIMIT ${threshold}) AS members) AS n`),
  );
  for (const chunk of chunks(terms)) {
    for (const row of allRows<{ parent: number; name: Membership; n: number }>(db, sql.join(chunk, sql` UNION ALL `))) {
      if (row.n >= threshold) large.get(row.parent)!.add(row.name);
    }
  }
  return large;
}

const whereClause = (where: SQL[]) => (where.length ? sql` WHERE ${sql.join(where, sql` AND `)}` : sql``);

/** The timeline order: earliest instant, then latest, then id as the stable tie-breaker. */
export const TIMELINE_ORDER = 'date';
export const itemKey = (row: ItemRow): SortKey => [row.dateEarliest, row.dateLatest, row.id];

const ITEM_KEY_COLUMNS = [sql`i.date_earliest`, sql`i.date_latest`, sql`i.id`];

/** One keyset page of the items matching a filter; with `parent`, each row names it (for a UNION ALL of parents). */
function pageSql(filter: TimelineFilter, request: PageRequest, direction: SortDirection, parent: number | null, large: ReadonlySet<Membership>, columns: ItemColumns): SQL {
  const keyset = keysetClauses(ITEM_KEY_COLUMNS, request, direction);
  const where = [...conditions(filter, large), ...keyset.where];
  const page = sql`${sql.raw(itemSelect(columns, joinsFor(filter, columns)))}${whereClause(where)} ${keyset.orderBy}`;
  return parent === null ? page : sql`SELECT CAST(${parent} AS integer) AS parent, q.* FROM (${page}) q`;
}

/** The order of a page's rows as its statement reads them, over the rows' names (for manyRows). */
const pageOrder = (request: PageRequest, direction: SortDirection) => {
  const scan = scanDirection(request, direction);
  return `"dateEarliest" ${scan}, "dateLatest" ${scan}, id ${scan}`;
};

/** The filters only the events table answers. */
const needsEvents = (filter: TimelineFilter) => Boolean(filter.eventKinds || filter.statuses);

/**
 * The rows of the items matching a filter, as a subquery (`i` is the item), for walks and
 * aggregates; `e`, its event, is joined when the filter or the `columns` (`withEvents`) need it.
 */
export function matchingItems(filter: TimelineFilter, columns: SQL = sql`i.id AS id`, withEvents = false): SQL {
  const events = withEvents || needsEvents(filter) ? sql` LEFT JOIN events e ON e.item_id = i.id` : sql``;
  return sql`SELECT ${columns} FROM items i${events}${whereClause(conditions(filter))}`;
}

/** The ids of the items a filter admits. */
export const itemIdsWhere = (db: Db, filter: TimelineFilter): number[] => allRows<{ id: number }>(db, matchingItems(filter)).map((r) => r.id);

/** Whether one item matches a filter (for live updates); a retracted item still matches when asked. */
export function itemMatches(db: Db, filter: TimelineFilter, id: number, withRetracted = false): boolean {
  const where = [sql`i.id = ${id}`, ...conditions(filter, new Set(), { withRetracted })];
  return firstRow(db, sql`SELECT 1 AS hit FROM items i LEFT JOIN events e ON e.item_id = i.id${whereClause(where)}`) !== undefined;
}

/** One page of timeline items matching a filter, in one statement (of lean rows when `columns` says so). */
export function pageItems(db: Db, filter: TimelineFilter, request: PageRequest, direction: SortDirection = 'ASC', { threshold = LARGE_MEMBERSHIP, columns = 'all' as ItemColumns } = {}): Page<ItemRow> {
  const large = largeMemberships(db, [{ parent: 0, filter }], threshold).get(0)!;
  return finishPage(request, manyRows<ItemRow>(db, pageSql(filter, request, direction, null, large, columns), pageOrder(request, direction)), itemKey);
}

// SQLite allows 500 terms in a compound SELECT; stay well under it.
const PARENTS_PER_STATEMENT = 200;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += PARENTS_PER_STATEMENT) out.push(values.slice(i, i + PARENTS_PER_STATEMENT));
  return out;
}

/**
 * The same page for many parents at once (an actor's claims, a place's events): one statement
 * per 200 parents, a UNION ALL of one keyset query each, so nested connections never run SQL per item.
 */
export function pageItemsByParent(
  db: Db,
  parents: readonly { parent: number; filter: TimelineFilter }[],
  request: PageRequest,
  direction: SortDirection = 'ASC',
  threshold = LARGE_MEMBERSHIP,
  columns: ItemColumns = 'all',
): Map<number, Page<ItemRow>> {
  const rows = new Map<number, ItemRow[]>(parents.map((p) => [p.parent, []]));
  const large = largeMemberships(db, parents, threshold);
  for (const chunk of chunks(parents)) {
    const statement = sql.join(
      chunk.map((p) => sql`SELECT * FROM (${pageSql(p.filter, request, direction, p.parent, large.get(p.parent)!, columns)}) AS page`),
      sql` UNION ALL `,
    );
    for (const row of allRows<ItemRow & { parent: number }>(db, statement)) {
      const { parent, ...item } = row;
      rows.get(parent)!.push(item);
    }
  }
  return new Map([...rows].map(([parent, fetched]) => [parent, finishPage(request, fetched, itemKey)]));
}

/**
 * How many items match each parent's filter, in one statement per 200 parents. Only the event
 * filters need the events table; everything else is answered from items and the indexes.
 */
export function countItemsByParent(db: Db, parents: readonly { parent: number; filter: TimelineFilter }[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const chunk of chunks(parents)) {
    const statement = sql.join(
      chunk.map((p) => {
        // Standing items are all items less the retracted ones: the first count reads the
        // narrowest index that answers the filter (the whole table's, with none), the second
        // the partial index of retracted items, never the wide rows.
        const events = needsEvents(p.filter) ? sql` JOIN events e ON e.item_id = i.id` : sql``;
        const all = conditions(p.filter, new Set(), { withRetracted: true });
        const count = (where: SQL[]) => sql`(SELECT count(*) FROM items i${events}${whereClause(where)})`;
        return sql`SELECT CAST(${p.parent} AS integer) AS parent, ${count(all)} - ${count([...all, sql`i.retracted_at IS NOT NULL`])} AS n`;
      }),
      sql` UNION ALL `,
    );
    for (const row of allRows<{ parent: number; n: number }>(db, statement)) counts.set(row.parent, row.n);
  }
  return counts;
}

export function countItems(db: Db, filter: TimelineFilter): number {
  return countItemsByParent(db, [{ parent: 0, filter }]).get(0) ?? 0;
}

const ITEMS_BY_IDS = {
  all: perEngine((engine) => `${itemSelect('all', anyItem('all'))} WHERE ${amongIds(engine, 'i.id')}`),
  lean: perEngine((engine) => `${itemSelect('lean', anyItem('lean'))} WHERE ${amongIds(engine, 'i.id')}`),
};

/** Items by id, in one statement. */
export function itemsByIds(db: Db, ids: readonly number[], columns: ItemColumns = 'all'): ItemRow[] {
  return ids.length ? manyRows<ItemRow>(db, ITEMS_BY_IDS[columns](db.$engine), undefined, [JSON.stringify(ids)]) : [];
}
