import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sameAs } from '../db/schema.ts';
import { batchRead, prepared } from '../db/statements.ts';
import type { SameAsKind } from '../db/vocabulary.ts';
import { amongIds, perEngine, type Engine } from '../db/dialect.ts';

// Reading who is who: the same-as decisions (src/db/schema.ts: same_as) and the groups they make.
// Decisions join records transitively: if A is B and B is C, A is C. An undone (retracted)
// decision joins nothing. The groups are kept as they stand (actor_groups, event_groups: each
// joined record with its group's lowest id) by the write module, so reads look them up.

export type SameAsRow = typeof sameAs.$inferSelect;

export const sameAsByIds = batchRead<SameAsRow>(sameAs, 'id');

/** The groups table of each kind (src/db/schema.ts: actor_groups, event_groups) and its record column. */
export const GROUP_TABLES = { ACTOR: { table: 'actor_groups', column: 'actor_id' }, EVENT: { table: 'event_groups', column: 'item_id' } } as const;

const groupText = ({ table, column }: (typeof GROUP_TABLES)[SameAsKind], engine: Engine) => `SELECT g.${column} AS start, o.${column} AS id FROM ${table} g
  JOIN ${table} o ON o.canonical_id = g.canonical_id AND o.${column} <> g.${column}
  WHERE ${amongIds(engine, `g.${column}`)} ORDER BY g.${column}, o.${column}`;
const GROUPS = { ACTOR: perEngine((engine) => groupText(GROUP_TABLES.ACTOR, engine)), EVENT: perEngine((engine) => groupText(GROUP_TABLES.EVENT, engine)) };

/** For each record, the other records its standing decisions make it one with, directly or through others, in id order. */
export function sameAsGroups(db: Db, kind: SameAsKind, ids: readonly number[]): Map<number, number[]> {
  const groups = new Map<number, number[]>(ids.map((id) => [id, []]));
  for (const { start, id } of prepared(db, GROUPS[kind](db.$engine)).all(JSON.stringify(ids)) as { start: number; id: number }[]) groups.get(start)?.push(id);
  return groups;
}

/**
 * A condition on the item `i`: that it is no later record of a group of events. Read resolved,
 * each group of events is its earliest record (its canonical one), and the others leave the lists.
 */
export const STANDS_FOR_ITS_GROUP = sql`NOT EXISTS (SELECT 1 FROM event_groups g WHERE g.item_id = i.id AND g.canonical_id <> i.id)`;

/** The actors given (as SQL that selects their ids) and every actor standing decisions join them to, as SQL selecting ids. */
export const actorsJoinedTo = (ids: SQL): SQL => sql`SELECT id FROM actors WHERE id IN (${ids})
    UNION SELECT o.actor_id FROM actor_groups g JOIN actor_groups o ON o.canonical_id = g.canonical_id WHERE g.actor_id IN (${ids})`;

const decisionsText = (column: string, engine: Engine) => `SELECT m.${column} AS record, d.id, d.kind, d.reason, d.decided_by AS "decidedBy", d.created_at AS "createdAt", d.retracted_at AS "retractedAt", d.retraction_reason AS "retractionReason"
  FROM same_as_members m JOIN same_as d ON d.id = m.same_as_id WHERE ${amongIds(engine, `m.${column}`)} ORDER BY d.id`;
const DECISIONS = { ACTOR: perEngine((engine) => decisionsText('actor_id', engine)), EVENT: perEngine((engine) => decisionsText('item_id', engine)) };

/** The decisions, standing and undone, that name each record, in the order they were made. */
export function decisionsOf(db: Db, kind: SameAsKind, ids: readonly number[]): (SameAsRow & { record: number })[] {
  return prepared(db, DECISIONS[kind](db.$engine)).all(JSON.stringify(ids)) as (SameAsRow & { record: number })[];
}

const MEMBERS = perEngine(
  (engine) => `SELECT same_as_id AS "sameAsId", actor_id AS "actorId", item_id AS "itemId" FROM same_as_members WHERE ${amongIds(engine, 'same_as_id')} ORDER BY same_as_id, coalesce(actor_id, item_id)`,
);

/** The records each decision joins, in id order. */
export function membersOf(db: Db, decisions: readonly number[]): { sameAsId: number; actorId: number | null; itemId: number | null }[] {
  return prepared(db, MEMBERS(db.$engine)).all(
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
    // Every record on the way now points at the root: a long chain is walked once.
    for (let at = id; at !== r; ) {
      const next = this.parent.get(at)!;
      this.parent.set(at, r);
      at = next;
    }
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
  const { table, column } = GROUP_TABLES[kind];
  const rows = prepared(db, `SELECT ${column} AS record, canonical_id AS id FROM ${table}`).all() as { record: number; id: number }[];
  return new Map(rows.map((r) => [r.record, r.id]));
}

/** The canonical records as a table (record, id) for a query's WITH. */
export const canonicalTable = (kind: SameAsKind): SQL => sql.raw(`canonical(record, id) AS (SELECT ${GROUP_TABLES[kind].column}, canonical_id FROM ${GROUP_TABLES[kind].table})`);
