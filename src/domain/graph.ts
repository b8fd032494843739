import { bothSpellings } from '../db/dialect.ts';
import { sql, type SQL } from 'drizzle-orm';
import { allRows, firstRow } from '../db/statements.ts';
import { idsIn } from './sql-lists.ts';
import type { Db } from '../db/client.ts';
import { canonicalTable } from './same-as.ts';
import { InputError } from './errors.ts';
import { matchingItems, type TimelineFilter } from './timeline.ts';
import type { ActorRole, ItemType } from '../db/vocabulary.ts';

// Graph walks over the record: a claim's thread, the shortest chain between two records, and the
// network of actors behind a set of items. Each walk runs a fixed number of statements, whatever
// the size of what it returns (a path costs one statement per step of its length, and one to name
// its claimants' roles).


/** The links that make an exchange of claims: what answers what. */
const EXCHANGE = sql`'REBUTS', 'RESPONDS_TO'`;

/**
 * The thread of each claim: every claim reachable from it through REBUTS and RESPONDS_TO links
 * in either direction, to any depth, in date order (the claim itself included). One recursive
 * statement for all the claims; UNION keeps each (claim, member) pair once, so cycles end.
 * Retracted claims and links are not walked through.
 */
export function threadsOf(db: Db, claimIds: readonly number[]): Map<number, number[]> {
  const step = (from: SQL, to: SQL) => sql`SELECT t.root, l.${to} FROM thread t JOIN links l ON l.${from} = t.id
      JOIN items n ON n.id = l.${to} AND n.retracted_at IS NULL AND n.type <> 'EVENT'
      WHERE l.kind IN (${EXCHANGE}) AND l.retracted_at IS NULL`;
  // PostgreSQL takes one recursive term, which may name the thread once: the links both ways, as one set.
  const steps = bothSpellings(
    sql`${step(sql.raw('from_item_id'), sql.raw('to_item_id'))} UNION ${step(sql.raw('to_item_id'), sql.raw('from_item_id'))}`,
    sql`SELECT t.root, l.other FROM thread t
      JOIN (SELECT from_item_id AS near, to_item_id AS other, kind, retracted_at FROM links UNION ALL SELECT to_item_id, from_item_id, kind, retracted_at FROM links) l ON l.near = t.id
      JOIN items n ON n.id = l.other AND n.retracted_at IS NULL AND n.type <> 'EVENT'
      WHERE l.kind IN (${EXCHANGE}) AND l.retracted_at IS NULL`,
  );
  const rows = allRows<{ root: number; id: number }>(db, sql`WITH RECURSIVE thread(root, id) AS (
      SELECT value, value FROM (${idsIn(claimIds)}) AS claims
      UNION ${steps})
    SELECT t.root AS root, t.id AS id FROM thread t JOIN items i ON i.id = t.id
    ORDER BY t.root, i.date_earliest, i.date_latest, i.id`);
  const threads = new Map<number, number[]>(claimIds.map((id) => [id, []]));
  for (const row of rows) threads.get(row.root)!.push(row.id);
  return threads;
}

/** A record on a path: an actor or a timeline item. */
export interface GraphNode {
  kind: 'ACTOR' | 'ITEM';
  id: number;
}

export const PATH_EDGE_KINDS = ['LINK', 'RELATION', 'ROLE'] as const;

/** One step of a path: the edge walked, and whether the path walks it in its own direction. */
export interface PathStep {
  from: GraphNode;
  to: GraphNode;
  /** LINK (between items), RELATION (between actors) or ROLE (an actor's part in an item). */
  via: (typeof PATH_EDGE_KINDS)[number];
  /** The link's or relation's id; null for a role. */
  ref: number | null;
  role: ActorRole | null;
  /** The link or relation points from `from` to `to`; a role step is forward from actor to item. */
  forward: boolean;
}

export const MAX_PATH_LENGTH = 8;
/** How many records a path search may reach before it stops: it bounds a search between hubs. */
export const MAX_PATH_VISITS = 1_000_000;

const keyOf = (node: GraphNode) => `${node.kind === 'ACTOR' ? 'a' : 'i'}${node.id}`;
const nodeOf = (key: string): GraphNode => ({ kind: key[0] === 'a' ? 'ACTOR' : 'ITEM', id: Number(key.slice(1)) });

/**
 * An edge as the search reads it: its ends, and the edge itself in one short text, so that the
 * many rows a level reads stay small (only the path's own steps are spelled out): `1` and a link
 * id, `2` and a relation id, or `3` and a role, then `>` along the edge's direction or `<`
 * against it. A claimant's role is read as CLAIMANT, and named by the claim's type once the path
 * is found.
 */
interface EdgeRow {
  here: string;
  there: string;
  edge: string;
}

/** Each actor's part in each item (item, actor, role), as the timeline filter's roles name it. */
/** Each actor an item involves, once per item (in whatever roles): for counting by actor. */
export const ITEM_ACTORS = sql`SELECT item_id AS item, claimant_id AS actor FROM claims
    UNION SELECT item_id, spokesperson_id FROM claims WHERE spokesperson_id IS NOT NULL
    UNION SELECT claim_id, actor_id FROM claim_accused
    UNION SELECT event_id, actor_id FROM event_participants`;

/** A claimant's role, as the timeline filter's roles name it, by the claim's type. */
const CLAIMANT_ROLES: Partial<Record<ItemType, ActorRole>> = { ACCUSATION: 'ACCUSER', REBUTTAL: 'REBUTTER' };

/**
 * The role edges of the given actors (to their items) and items (to their actors), as UNION ALL
 * arms: each arm seeks its own table by the ids. (A WHERE over a UNION ALL of the role tables
 * would not be pushed into its arms when the ids come from a subquery: SQLite would scan them all.)
 */
function roleEdges(actors: SQL, items: SQL, standingItem: (column: SQL) => SQL, standingActor: (column: SQL) => SQL): SQL {
  const arms = [
    { table: sql`claims c`, item: sql`c.item_id`, actor: sql`c.claimant_id`, role: sql`'CLAIMANT'`, where: sql`` },
    { table: sql`claims c`, item: sql`c.item_id`, actor: sql`c.spokesperson_id`, role: sql`'SPOKESPERSON'`, where: sql` AND c.spokesperson_id IS NOT NULL` },
    { table: sql`claim_accused c`, item: sql`c.claim_id`, actor: sql`c.actor_id`, role: sql`'ACCUSED'`, where: sql`` },
    { table: sql`event_participants c`, item: sql`c.event_id`, actor: sql`c.actor_id`, role: sql`c.role`, where: sql`` },
  ];
  return sql.join(
    arms.flatMap((a) => [
      sql`UNION ALL SELECT 'a' || ${a.actor}, 'i' || ${a.item}, '3' || ${a.role} || '>' FROM ${a.table} WHERE ${a.actor} IN (${actors})${a.where} AND ${standingItem(a.item)}`,
      sql`UNION ALL SELECT 'i' || ${a.item}, 'a' || ${a.actor}, '3' || ${a.role} || '<' FROM ${a.table} WHERE ${a.item} IN (${items})${a.where} AND ${standingActor(a.actor)}`,
    ]),
    sql`
    `,
  );
}

/**
 * Every edge leaving the given records, in one statement: links both ways between items,
 * relations both ways between actors, and roles between actors and items. Retracted records
 * and edges are left out.
 */
function edgesFrom(db: Db, frontier: readonly string[]): EdgeRow[] {
  const nodes = frontier.map(nodeOf);
  const items = idsIn(nodes.filter((n) => n.kind === 'ITEM').map((n) => n.id));
  const actors = idsIn(nodes.filter((n) => n.kind === 'ACTOR').map((n) => n.id));
  // Retracted ends are left out by the (few) ids in the partial retracted indexes, not a lookup per edge.
  const standingItem = (column: SQL) => sql`${column} NOT IN (SELECT id FROM items WHERE retracted_at IS NOT NULL)`;
  const standingActor = (column: SQL) => sql`${column} NOT IN (SELECT id FROM actors WHERE retracted_at IS NOT NULL)`;
  return allRows<EdgeRow>(db, sql`
    SELECT 'i' || l.from_item_id AS here, 'i' || l.to_item_id AS there, '1' || l.id || '>' AS edge
      FROM links l WHERE l.from_item_id IN (${items}) AND l.retracted_at IS NULL AND ${standingItem(sql`l.to_item_id`)}
    UNION ALL SELECT 'i' || l.to_item_id, 'i' || l.from_item_id, '1' || l.id || '<'
      FROM links l WHERE l.to_item_id IN (${items}) AND l.retracted_at IS NULL AND ${standingItem(sql`l.from_item_id`)}
    UNION ALL SELECT 'a' || r.subject_id, 'a' || r.object_id, '2' || r.id || '>'
      FROM actor_relations r WHERE r.subject_id IN (${actors}) AND r.retracted_at IS NULL AND ${standingActor(sql`r.object_id`)}
    UNION ALL SELECT 'a' || r.object_id, 'a' || r.subject_id, '2' || r.id || '<'
      FROM actor_relations r WHERE r.object_id IN (${actors}) AND r.retracted_at IS NULL AND ${standingActor(sql`r.subject_id`)}
    ${roleEdges(actors, items, standingItem, standingActor)}
    ORDER BY 1, 2, 3`);
}

/**
 * The shortest chain of links, relations and roles between two records (undirected: each step
 * says whether it follows its edge's direction), or null when none is at most `maxLength` steps.
 * A breadth-first search from both ends, one statement per level, expanding the smaller side
 * (and one more to name the found path's claimants' roles);
 * it stops, refusing, once it has reached `maxVisits` records without finding one.
 */
export function shortestPath(db: Db, from: GraphNode, to: GraphNode, maxLength: number, maxVisits = MAX_PATH_VISITS): PathStep[] | null {
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_PATH_LENGTH) {
    throw new InputError(['maxLength'], `must be a whole number from 1 to ${MAX_PATH_LENGTH}`);
  }
  const start = keyOf(from);
  const goal = keyOf(to);
  if (start === goal) return [];
  // For each side: the edge each record was reached by (null for the side's end) and its depth.
  const sides = [start, goal].map((end) => ({
    reached: new Map<string, { edge: EdgeRow | null; depth: number }>([[end, { edge: null, depth: 0 }]]),
    frontier: [end],
  }));
  for (let length = 0; length < maxLength; length++) {
    const [side, other] = sides[0]!.frontier.length <= sides[1]!.frontier.length ? [sides[0]!, sides[1]!] : [sides[1]!, sides[0]!];
    if (side.frontier.length === 0) return null;
    const depth = side.reached.get(side.frontier[0]!)!.depth + 1;
    const next: string[] = [];
    let meeting: string | null = null;
    for (const edge of edgesFrom(db, side.frontier)) {
      if (side.reached.has(edge.there)) continue;
      side.reached.set(edge.there, { edge, depth });
      next.push(edge.there);
      const met = other.reached.get(edge.there);
      if (met && (meeting === null || met.depth < other.reached.get(meeting)!.depth)) meeting = edge.there;
    }
    if (meeting !== null) return namedRoles(db, joinHalves(sides[0]!.reached, sides[1]!.reached, meeting));
    if (sides[0]!.reached.size + sides[1]!.reached.size > maxVisits) {
      throw new InputError(['maxLength'], `no path of up to ${length + 1} steps, and a longer one would mean searching more than ${maxVisits.toLocaleString('en')} records: give a smaller maxLength, or ends with fewer connections`);
    }
    side.frontier = next;
  }
  return null;
}

type Reached = Map<string, { edge: EdgeRow | null }>;

const VIA = { '1': 'LINK', '2': 'RELATION', '3': 'ROLE' } as const;

function toStep({ here, there, edge }: EdgeRow, reversed: boolean): PathStep {
  const via = VIA[edge[0] as keyof typeof VIA];
  const what = edge.slice(1, -1);
  const [from, to] = reversed ? [there, here] : [here, there];
  return { from: nodeOf(from), to: nodeOf(to), via, ref: via === 'ROLE' ? null : Number(what), role: via === 'ROLE' ? (what as ActorRole) : null, forward: (edge.endsWith('>')) !== reversed };
}

/** The path with each claimant's role named by its claim's type (ACCUSER of an accusation, REBUTTER of a rebuttal), in one statement. */
function namedRoles(db: Db, steps: PathStep[]): PathStep[] {
  const claimOf = (step: PathStep) => (step.from.kind === 'ITEM' ? step.from.id : step.to.id);
  const claims = steps.filter((s) => s.role === 'CLAIMANT').map(claimOf);
  if (claims.length === 0) return steps;
  const types = new Map(allRows<{ id: number; type: ItemType }>(db, sql`SELECT id, type FROM items WHERE id IN (${idsIn(claims)})`).map((r) => [r.id, r.type]));
  return steps.map((s) => (s.role === 'CLAIMANT' ? { ...s, role: CLAIMANT_ROLES[types.get(claimOf(s))!] ?? 'CLAIMANT' } : s));
}

/** The path through the meeting record: the start's half as walked, the goal's half turned round. */
function joinHalves(fromStart: Reached, fromGoal: Reached, meeting: string): PathStep[] {
  const steps: PathStep[] = [];
  for (let at = meeting, edge = fromStart.get(at)!.edge; edge; at = edge.here, edge = fromStart.get(at)!.edge) steps.unshift(toStep(edge, false));
  for (let at = meeting, edge = fromGoal.get(at)!.edge; edge; at = edge.here, edge = fromGoal.get(at)!.edge) steps.push(toStep(edge, true));
  return steps;
}

export const NETWORK_EDGE_KINDS = ['ACCUSED', 'REBUTTED', 'ACTED_AGAINST', 'BACKED', 'FACED', 'ASSOCIATED_WITH'] as const;
export type NetworkEdgeKind = (typeof NETWORK_EDGE_KINDS)[number];

export interface NetworkEdge {
  source: number;
  target: number;
  kind: NetworkEdgeKind;
  /** How many matching items make the edge. */
  count: number;
  /** The first items behind the edge, in date order (at most the limit asked for). */
  itemIds: number[];
}

export const MAX_ITEMS_PER_EDGE = 100;

/**
 * The edges between actors that the items matching a filter make, counted, with the first
 * items behind each, in one statement: an accuser ACCUSED each accused; a rebutter REBUTTED the
 * claimant of each claim it rebuts; an event's agent ACTED_AGAINST its targets; a supporter
 * BACKED its agents; side 1 of an event FACED side 2 (the data states no direction: the edge
 * runs from side 1 as a convention); an actor named with a side is ASSOCIATED_WITH that side's
 * actor. Self-edges are left out.
 */
export function actorNetwork(db: Db, filter: TimelineFilter, itemsPerEdge: number, kinds: readonly NetworkEdgeKind[] = NETWORK_EDGE_KINDS, resolved = false): NetworkEdge[] {
  if (!Number.isInteger(itemsPerEdge) || itemsPerEdge < 0 || itemsPerEdge > MAX_ITEMS_PER_EDGE) {
    throw new InputError(['itemsPerEdge'], `must be a whole number from 0 to ${MAX_ITEMS_PER_EDGE}`);
  }
  // Each edge row carries its item's date, for ordering the items behind an edge. Every part
  // names its columns: any of them may come first in the union.
  const edgeSql: Record<NetworkEdgeKind, SQL> = {
    ACCUSED: sql`SELECT c.claimant_id AS source, a.actor_id AS target, 'ACCUSED' AS kind, m.id AS item, m.earliest AS earliest, m.latest AS latest
      FROM matched m JOIN claims c ON c.item_id = m.id JOIN claim_accused a ON a.claim_id = m.id WHERE m.type = 'ACCUSATION'`,
    // A rebuttal of two claims by one claimant makes the edge once: the only kind that can repeat a row.
    REBUTTED: sql`SELECT DISTINCT c.claimant_id AS source, rc.claimant_id AS target, 'REBUTTED' AS kind, m.id AS item, m.earliest AS earliest, m.latest AS latest
      FROM matched m JOIN claims c ON c.item_id = m.id JOIN links l ON l.from_item_id = m.id AND l.kind = 'REBUTS' AND l.retracted_at IS NULL
      JOIN items r ON r.id = l.to_item_id AND r.retracted_at IS NULL JOIN claims rc ON rc.item_id = r.id WHERE m.type = 'REBUTTAL'`,
    ACTED_AGAINST: sql`SELECT a.actor_id AS source, t.actor_id AS target, 'ACTED_AGAINST' AS kind, m.id AS item, m.earliest AS earliest, m.latest AS latest
      FROM matched m JOIN event_participants a ON a.event_id = m.id AND a.role = 'AGENT' JOIN event_participants t ON t.event_id = m.id AND t.role = 'TARGET'`,
    BACKED: sql`SELECT s.actor_id AS source, a.actor_id AS target, 'BACKED' AS kind, m.id AS item, m.earliest AS earliest, m.latest AS latest
      FROM matched m JOIN event_participants s ON s.event_id = m.id AND s.role = 'SUPPORTER' JOIN event_participants a ON a.event_id = m.id AND a.role = 'AGENT'`,
    FACED: sql`SELECT a.actor_id AS source, b.actor_id AS target, 'FACED' AS kind, m.id AS item, m.earliest AS earliest, m.latest AS latest
      FROM matched m JOIN event_participants a ON a.event_id = m.id AND a.role = 'SIDE_1' JOIN event_participants b ON b.event_id = m.id AND b.role = 'SIDE_2'`,
    ASSOCIATED_WITH: sql`SELECT s.actor_id AS source, a.actor_id AS target, 'ASSOCIATED_WITH' AS kind, m.id AS item, m.earliest AS earliest, m.latest AS latest
      FROM matched m JOIN event_participants s ON s.event_id = m.id AND s.role IN ('ASSOCIATE_1', 'ASSOCIATE_2')
      JOIN event_participants a ON a.event_id = m.id AND a.role = CASE s.role WHEN 'ASSOCIATE_1' THEN 'SIDE_1' ELSE 'SIDE_2' END`,
  };
  if (kinds.length === 0) return [];
  const union = sql`(${sql.join(kinds.map((k) => edgeSql[k]), sql` UNION ALL `)}) e
      JOIN actors s ON s.id = e.source AND s.retracted_at IS NULL JOIN actors t ON t.id = e.target AND t.retracted_at IS NULL`;
  // Resolved, each same-as group is one actor (its earliest record): an edge within a group is
  // a self-edge, and an item makes each resolved edge once.
  const edgesSql = resolved
    ? sql`${canonicalTable('ACTOR')},
      edges AS (SELECT DISTINCT coalesce(cs.id, e.source) AS source, coalesce(ct.id, e.target) AS target, e.kind, e.item, e.earliest, e.latest FROM ${union}
        LEFT JOIN canonical cs ON cs.record = e.source LEFT JOIN canonical ct ON ct.record = e.target WHERE coalesce(cs.id, e.source) <> coalesce(ct.id, e.target))`
    : sql`edges AS (SELECT e.* FROM ${union} WHERE e.source <> e.target)`;
  const rows = allRows<{ source: number; target: number; kind: NetworkEdgeKind; item: number | null; count: number }>(db, sql`
    WITH matched AS (${matchingItems(filter, sql`i.id AS id, i.type AS type, i.date_earliest AS earliest, i.date_latest AS latest`)}),
    ${edgesSql},
    ranked AS (SELECT source, target, kind, item, count(*) OVER edge AS count,
      row_number() OVER (edge ORDER BY earliest, latest, item) AS rank FROM edges WINDOW edge AS (PARTITION BY source, target, kind))
    SELECT source, target, kind, CASE WHEN rank <= ${itemsPerEdge} THEN item END AS item, count FROM ranked
    WHERE rank <= ${Math.max(itemsPerEdge, 1)} ORDER BY count DESC, source, target, kind, rank`);
  const edges = new Map<string, NetworkEdge>();
  for (const row of rows) {
    const key = `${row.source}:${row.target}:${row.kind}`;
    let edge = edges.get(key);
    if (!edge) edges.set(key, (edge = { source: row.source, target: row.target, kind: row.kind, count: row.count, itemIds: [] }));
    if (row.item !== null) edge.itemIds.push(row.item);
  }
  return [...edges.values()];
}
