// Q1, the read the benchmarks measure: a 50-item timeline page with every item's claimant,
// spokesperson, accused, participants with roles, quotes with speakers, and links in and out
// with the other end's id and summary — as a GraphQL query, and by hand.
import type Database from 'better-sqlite3';
import { buildSchema, type GraphQLInterfaceType, type GraphQLSchema } from 'graphql';
import { TYPENAME_OF_ITEM } from '../src/domain/editing.ts';
import { globalId } from '../src/domain/global-id.ts';
import type { PgConnection } from '../src/db/postgres.ts';

export const Q1 = `{ timeline(first: 50) { nodes {
  __typename id summary
  ... on Claim { claimant { id name } spokesperson { id name } quotes { text speaker { id name } } }
  ... on Accusation { accused { id name } }
  ... on Event { participants { role actor { id name } } }
  linksOut { kind to { id summary } }
  linksIn { kind from { id summary } }
} } }`;

/** Q1 by hand: seven prepared statements and the same JSON, byte for byte. */
export function baseline(sqlite: Database.Database): () => string {
  const nodes = handNodes(sqliteStatements(sqlite));
  return () => JSON.stringify({ data: { timeline: { nodes: nodes() } } });
}

/** The same by hand on PostgreSQL: the same seven statements, each batch of ids one array parameter (= ANY). */
export function postgresBaseline(pg: PgConnection): () => string {
  const nodes = handNodes(postgresStatements(pg));
  return () => JSON.stringify({ data: { timeline: { nodes: nodes() } } });
}

type Row = { owner: number } & Record<string, unknown>;

/** Q1's seven statements, each run with a batch of ids (but the page's). */
interface Statements {
  page(): { id: number; type: keyof typeof TYPENAME_OF_ITEM; summary: string; claimant: number | null; spokesperson: number | null }[];
  accused(ids: number[]): Row[];
  participants(ids: number[]): Row[];
  quotes(ids: number[]): Row[];
  out(ids: number[]): Row[];
  into(ids: number[]): Row[];
  actors(ids: number[]): { id: number; name: string }[];
}

/** Q1's statements in SQL both engines read, with `IN (ids)` as each spells a batch of ids. */
const q1Sql = (ids: string) => ({
  page: `SELECT i.id, i.type, i.summary, c.claimant_id AS claimant, c.spokesperson_id AS spokesperson FROM items i LEFT JOIN claims c ON c.item_id = i.id
    WHERE i.retracted_at IS NULL ORDER BY i.date_earliest, i.date_latest, i.id LIMIT 50`,
  accused: `SELECT claim_id AS owner, actor_id AS actor FROM claim_accused WHERE claim_id ${ids} ORDER BY actor_id`,
  participants: `SELECT event_id AS owner, actor_id AS actor, role FROM event_participants WHERE event_id ${ids} ORDER BY role, actor_id`,
  quotes: `SELECT c.item_id AS owner, q.exact AS text, q.speaker_id AS speaker FROM citations c JOIN quotes q ON q.id = c.quote_id
    WHERE c.item_id ${ids} ORDER BY c.item_id, q.source_id, q.start, q."end"`,
  out: `SELECT l.from_item_id AS owner, l.kind, t.id, t.type, t.summary FROM links l JOIN items t ON t.id = l.to_item_id
    WHERE l.from_item_id ${ids} AND l.retracted_at IS NULL ORDER BY l.id`,
  into: `SELECT l.to_item_id AS owner, l.kind, f.id, f.type, f.summary FROM links l JOIN items f ON f.id = l.from_item_id
    WHERE l.to_item_id ${ids} AND l.retracted_at IS NULL ORDER BY l.id`,
  actors: `SELECT id, name FROM actors WHERE id ${ids}`,
});

function sqliteStatements(sqlite: Database.Database): Statements {
  const text = q1Sql('IN (SELECT value FROM json_each(?))');
  const prepared = Object.fromEntries(Object.entries(text).map(([name, sql]) => [name, sqlite.prepare(sql)])) as Record<keyof typeof text, Database.Statement>;
  const batch = (name: keyof typeof text) => (ids: number[]) => prepared[name].all(JSON.stringify(ids)) as never;
  return { page: () => prepared.page.all() as never, accused: batch('accused'), participants: batch('participants'), quotes: batch('quotes'), out: batch('out'), into: batch('into'), actors: batch('actors') };
}

function postgresStatements(pg: PgConnection): Statements {
  const text = q1Sql('= ANY($1::bigint[])');
  const batch = (name: keyof typeof text) => (ids: number[]) => pg.rows(text[name], [`{${ids.join(',')}}`]) as never;
  return { page: () => pg.rows(text.page) as never, accused: batch('accused'), participants: batch('participants'), quotes: batch('quotes'), out: batch('out'), into: batch('into'), actors: batch('actors') };
}

/** The objects of Q1's answer by hand (the baseline before its JSON.stringify). */
function handNodes(run: Statements): () => Record<string, unknown>[] {
  const list = (ids: Iterable<number>) => [...new Set(ids)];
  const by = (rows: Row[]) => {
    const groups = new Map<number, Row[]>();
    for (const r of rows) groups.set(r.owner, [...(groups.get(r.owner) ?? []), r]);
    return groups;
  };
  return () => {
    const items = run.page();
    const ids = list(items.map((i) => i.id));
    const acc = by(run.accused(ids));
    const parts = by(run.participants(ids));
    const quoted = by(run.quotes(ids));
    const outs = by(run.out(ids));
    const ins = by(run.into(ids));
    const actorIds = [
      ...items.flatMap((i) => [i.claimant, i.spokesperson]),
      ...[...acc.values(), ...parts.values()].flat().map((r) => r.actor as number),
      ...[...quoted.values()].flat().map((r) => r.speaker as number | null),
    ].filter((id): id is number => id !== null);
    const names = new Map(run.actors(list(actorIds)).map((a) => [a.id, a.name]));
    const actor = (id: number | null) => (id === null ? null : { id: globalId('Actor', id), name: names.get(id)! });
    const end = (r: Row) => ({ id: globalId(TYPENAME_OF_ITEM[r.type as keyof typeof TYPENAME_OF_ITEM], r.id as number), summary: r.summary });
    const nodes = items.map((i) => {
      const typename = TYPENAME_OF_ITEM[i.type];
      const node: Record<string, unknown> = { __typename: typename, id: globalId(typename, i.id), summary: i.summary };
      if (i.type !== 'EVENT') {
        node.claimant = actor(i.claimant);
        node.spokesperson = actor(i.spokesperson);
        node.quotes = (quoted.get(i.id) ?? []).map((q) => ({ text: q.text, speaker: actor(q.speaker as number | null) }));
      }
      if (i.type === 'ACCUSATION') node.accused = (acc.get(i.id) ?? []).map((a) => actor(a.actor as number));
      if (i.type === 'EVENT') node.participants = (parts.get(i.id) ?? []).map((p) => ({ role: p.role, actor: actor(p.actor as number) }));
      node.linksOut = (outs.get(i.id) ?? []).map((l) => ({ kind: l.kind, to: end(l) }));
      node.linksIn = (ins.get(i.id) ?? []).map((l) => ({ kind: l.kind, from: end(l) }));
      return node;
    });
    return nodes;
  };
}

/**
 * The floor of Q1 through GraphQL: the baseline's statements and objects, served through the
 * same yoga and compiled execution as the app, by a schema of Q1's shape whose every field is a
 * property read. What it costs beyond the baseline is the cost of serving GraphQL at all.
 */
export function floorSchema(database: Database.Database | PgConnection): GraphQLSchema {
  const item = 'id: ID! summary: String linksOut: [LinkOut!]! linksIn: [LinkIn!]!';
  const claim = `${item} claimant: Actor spokesperson: Actor quotes: [Quote!]!`;
  const schema = buildSchema(`
    type Query { timeline(first: Int): Page! }
    type Page { nodes: [TimelineItem!]! }
    interface TimelineItem { ${item} }
    interface Claim implements TimelineItem { ${claim} }
    type Accusation implements Claim & TimelineItem { ${claim} accused: [Actor!]! }
    type Rebuttal implements Claim & TimelineItem { ${claim} }
    type Statement implements Claim & TimelineItem { ${claim} }
    type Event implements TimelineItem { ${item} participants: [Participant!]! }
    type End implements TimelineItem { ${item} }
    type LinkOut { kind: String! to: TimelineItem! }
    type LinkIn { kind: String! from: TimelineItem! }
    type Participant { role: String! actor: Actor! }
    type Quote { text: String! speaker: Actor }
    type Actor { id: ID! name: String! }`);
  const nodes = handNodes('prepare' in database ? sqliteStatements(database) : postgresStatements(database));
  schema.getQueryType()!.getFields().timeline!.resolve = () => ({ nodes: nodes() });
  // A link's other end, read for its id and summary only, has no __typename: any object type does.
  (schema.getType('TimelineItem') as GraphQLInterfaceType).resolveType = (value: { __typename?: string }) => value.__typename ?? 'End';
  return schema;
}

