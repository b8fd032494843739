import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sameAs } from '../db/schema.ts';
import { batchRead, prepared } from '../db/statements.ts';
import type { SameAsKind } from '../db/vocabulary.ts';

// Reading who is who: the same-as decisions (src/db/schema.ts: same_as) and the groups they make.
// Decisions join records transitively: if A is B and B is C, A is C. An undone (retracted)
// decision joins nothing.

export type SameAsRow = typeof sameAs.$inferSelect;

export const sameAsByIds = batchRead<SameAsRow>(sameAs, 'id');

const groupText = (column: string) => `WITH RECURSIVE joined(start, id) AS (
    SELECT value, value FROM json_each(?)
    UNION
    SELECT j.start, other.${column} FROM joined j
      JOIN same_as_members m ON m.${column} = j.id
      JOIN same_as d ON d.id = m.same_as_id AND d.retracted_at IS NULL
      JOIN same_as_members other ON other.same_as_id = d.id
  )
  SELECT start, id FROM joined WHERE id <> start ORDER BY start, id`;
const GROUPS = { ACTOR: groupText('actor_id'), EVENT: groupText('item_id') };

/** For each record, the other records its standing decisions make it one with, directly or through others, in id order. */
export function sameAsGroups(db: Db, kind: SameAsKind, ids: readonly number[]): Map<number, number[]> {
  const groups = new Map<number, number[]>(ids.map((id) => [id, []]));
  for (const { start, id } of prepared(db, GROUPS[kind]).all(JSON.stringify(ids)) as { start: number; id: number }[]) groups.get(start)?.push(id);
  return groups;
}

/**
 * The events that standing decisions make one with an earlier event, as SQL selecting their ids:
 * read resolved, each group of events is its earliest record, and these leave the lists.
 */
export const LATER_EVENTS_OF_GROUPS = sql`SELECT start FROM (WITH RECURSIVE reach(start, id) AS (
    SELECT m.item_id, m.item_id FROM same_as_members m JOIN same_as d ON d.id = m.same_as_id AND d.retracted_at IS NULL AND d.kind = 'EVENT'
    UNION SELECT r.start, o.item_id FROM reach r JOIN same_as_members m ON m.item_id = r.id
      JOIN same_as d ON d.id = m.same_as_id AND d.retracted_at IS NULL JOIN same_as_members o ON o.same_as_id = d.id)
  SELECT start FROM reach GROUP BY start HAVING min(id) < start)`;

/** The actors given (as SQL that selects their ids) and every actor standing decisions join them to, as SQL selecting ids. */
export const actorsJoinedTo = (ids: SQL): SQL => sql`SELECT id FROM (WITH RECURSIVE joined(id) AS (SELECT id FROM actors WHERE id IN (${ids})
    UNION SELECT other.actor_id FROM joined j JOIN same_as_members m ON m.actor_id = j.id
    JOIN same_as d ON d.id = m.same_as_id AND d.retracted_at IS NULL JOIN same_as_members other ON other.same_as_id = d.id) SELECT id FROM joined)`;

const decisionsText = (column: string) => `SELECT m.${column} AS record, d.id, d.kind, d.reason, d.decided_by AS decidedBy, d.created_at AS createdAt, d.retracted_at AS retractedAt, d.retraction_reason AS retractionReason
  FROM same_as_members m JOIN same_as d ON d.id = m.same_as_id WHERE m.${column} IN (SELECT value FROM json_each(?)) ORDER BY d.id`;
const DECISIONS = { ACTOR: decisionsText('actor_id'), EVENT: decisionsText('item_id') };

/** The decisions, standing and undone, that name each record, in the order they were made. */
export function decisionsOf(db: Db, kind: SameAsKind, ids: readonly number[]): (SameAsRow & { record: number })[] {
  return prepared(db, DECISIONS[kind]).all(JSON.stringify(ids)) as (SameAsRow & { record: number })[];
}

/** The records each decision joins, in id order. */
export function membersOf(db: Db, decisions: readonly number[]): { sameAsId: number; actorId: number | null; itemId: number | null }[] {
  return prepared(db, 'SELECT same_as_id AS sameAsId, actor_id AS actorId, item_id AS itemId FROM same_as_members WHERE same_as_id IN (SELECT value FROM json_each(?)) ORDER BY same_as_id, coalesce(actor_id, item_id)').all(
    JSON.stringify(decisions),
  ) as { sameAsId: number; actorId: number | null; itemId: number | null }[];
}

/** Records joined pair by pair into groups, each group named by its lowest id. */
export class Groups {
  private readonly parent = new Map<number, number>();
  private readonly seen = new Set<number>();

  /** The lowest id of the record's group (the record's own when no pair joins it). */
  of(id: number): number {
    let r = id;
    while (this.parent.has(r)) r = this.parent.get(r)!;
    return r;
  }

  /** Joins two records' groups; false when they were one already. */
  join(a: number, b: number): boolean {
    this.seen.add(a).add(b);
    const [x, y] = [this.of(a), this.of(b)];
    if (x === y) return false;
    this.parent.set(Math.max(x, y), Math.min(x, y));
    return true;
  }

  /** Every record a pair joined, with its group's lowest id. */
  canonical(): Map<number, number> {
    return new Map([...this.seen].map((id) => [id, this.of(id)]));
  }
}

/**
 * Each actor (or event) that standing decisions join to another, with its group's canonical
 * record: the group's earliest (lowest id). Records no decision joins are absent.
 */
export function canonicalRecords(db: Db, kind: SameAsKind): Map<number, number> {
  const groups = new Groups();
  const first = new Map<number, number>();
  for (const { decision, record } of prepared(db, CANONICAL[kind]).all() as { decision: number; record: number }[]) {
    const other = first.get(decision);
    if (other === undefined) first.set(decision, record);
    else groups.join(other, record);
  }
  return groups.canonical();
}
const canonicalText = (column: string, kind: SameAsKind) =>
  `SELECT m.same_as_id AS decision, m.${column} AS record FROM same_as_members m JOIN same_as d ON d.id = m.same_as_id WHERE d.kind = '${kind}' AND d.retracted_at IS NULL ORDER BY m.same_as_id`;
const CANONICAL = { ACTOR: canonicalText('actor_id', 'ACTOR'), EVENT: canonicalText('item_id', 'EVENT') };

/**
 * The canonical records as a table (record, id) for a query's WITH: materialized, so that SQLite
 * indexes it for the join rather than scanning the JSON for each row.
 */
export const canonicalTable = (db: Db, kind: SameAsKind): SQL =>
  sql`canonical(record, id) AS MATERIALIZED (SELECT value ->> 0, value ->> 1 FROM json_each(${JSON.stringify([...canonicalRecords(db, kind)])}))`;
