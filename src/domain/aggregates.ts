import { bothSpellings } from '../db/dialect.ts';
import { sql, type SQL } from 'drizzle-orm';
import { allRows, firstRow } from '../db/statements.ts';
import type { Db } from '../db/client.ts';
import { ITEM_ACTORS } from './graph.ts';
import { canonicalTable } from './same-as.ts';
import { matchingItems, type TimelineFilter } from './timeline.ts';

export const PERIODS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export type Period = (typeof PERIODS)[number];

export const COUNT_GROUPS = ['NONE', 'TYPE', 'EVENT_KIND', 'ACTOR', 'PLACE'] as const;
export type CountGroup = (typeof COUNT_GROUPS)[number];

/** One period's count for one group (its key is null when not grouped). */
export interface PeriodCount {
  /** The period's first day, as YYYY-MM-DD (UTC). */
  start: string;
  key: string | number | null;
  count: number;
}

/** The items of one group whose dates span more than one period, with the span they cover. */
export interface UncertainCount {
  key: string | number | null;
  count: number;
  earliest: number;
  latest: number;
}

export interface PeriodCounts {
  counts: PeriodCount[];
  uncertain: UncertainCount[];
}

/** The first day (YYYY-MM-DD, UTC) of the period holding an instant in epoch ms; null beyond year 9999. */
function periodStart(period: Period, instant: SQL): SQL {
  return bothSpellings(sqliteStart(period, instant), postgresStart(period, instant));
}

function sqliteStart(period: Period, instant: SQL): SQL {
  const seconds = sql`${instant} / 1000.0, 'unixepoch'`;
  switch (period) {
    case 'DAY':
      return sql`date(${seconds})`;
    case 'WEEK': // ISO weeks start on Monday: the next Sunday (or the day itself), less six days
      return sql`date(${seconds}, 'weekday 0', '-6 days')`;
    case 'MONTH':
      return sql`strftime('%Y-%m-01', ${seconds})`;
    case 'YEAR':
      return sql`strftime('%Y-01-01', ${seconds})`;
  }
}

// PostgreSQL's timestamps reach past year 9999, where SQLite's date functions give null: the
// instants beyond (an open end is the largest JavaScript date) are null here too. Its years begin
// at 1 (1 BCE has no year 0): an instant before year 1 is null.
const YEAR_1 = Date.parse('0001-01-01T00:00:00Z');
const AFTER_9999 = Date.parse('+010000-01-01T00:00:00Z');

function postgresStart(period: Period, instant: SQL): SQL {
  const day = { DAY: 'day', WEEK: 'week', MONTH: 'month', YEAR: 'year' }[period];
  return sql`CASE WHEN ${instant} >= ${sql.raw(String(YEAR_1))} AND ${instant} < ${sql.raw(String(AFTER_9999))}
    THEN to_char(date_trunc('${sql.raw(day)}', to_timestamp(${instant} / 1000.0) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') END`;
}

/** The group keys of each matching item (an item falls in each group it has: every actor involved, every place). */
const GROUP_KEYS: Record<CountGroup, SQL> = {
  NONE: sql`SELECT m.*, NULL AS key FROM matched m`,
  TYPE: sql`SELECT m.*, m.type AS key FROM matched m`,
  // Claims have no event kind: each counts in a group of its own type (ACCUSATION, REBUTTAL, STATEMENT).
  EVENT_KIND: sql`SELECT m.*, coalesce(m.kind, m.type) AS key FROM matched m`,
  ACTOR: sql`SELECT m.*, r.actor AS key FROM matched m JOIN (${ITEM_ACTORS}) r ON r.item = m.id
    WHERE r.actor NOT IN (SELECT id FROM actors WHERE retracted_at IS NOT NULL)`,
  PLACE: sql`SELECT m.*, p.place_id AS key FROM matched m JOIN item_places p ON p.item_id = m.id
    WHERE p.place_id NOT IN (SELECT id FROM places WHERE retracted_at IS NOT NULL)`,
};

/** By actor, resolved: each same-as group is one actor (its earliest record), and an item counts once for it. */
const RESOLVED_ACTOR_KEYS = sql`SELECT DISTINCT m.*, coalesce(c.id, r.actor) AS key FROM matched m JOIN (${ITEM_ACTORS}) r ON r.item = m.id
    LEFT JOIN canonical c ON c.record = r.actor WHERE r.actor NOT IN (SELECT id FROM actors WHERE retracted_at IS NOT NULL)`;

/**
 * Counts of the items matching a filter per period and group, in one statement. An item is
 * counted in a period only when its whole date range lies in it; the others (a "September 2017"
 * item counted by day, an open-ended one) are counted apart as uncertain, with the span they cover,
 * never spread over periods they may not fall in.
 */
export function countByPeriod(db: Db, filter: TimelineFilter, period: Period, groupBy: CountGroup, resolved = false): PeriodCounts {
  // One pass: an item whose range lies in one period counts there; any other (start NULL) apart.
  const kind = groupBy === 'EVENT_KIND' ? sql`, e.kind AS kind` : sql``;
  const rows = allRows<{ start: string | null; key: string | number | null; count: number; earliest: number; latest: number }>(db, sql`
    WITH matched AS (${matchingItems(filter, sql`i.id AS id, i.type AS type${kind}, i.date_earliest AS earliest, i.date_latest AS latest`, groupBy === 'EVENT_KIND')}),
    ${resolved && groupBy === 'ACTOR' ? sql`${canonicalTable('ACTOR')}, grouped AS (${RESOLVED_ACTOR_KEYS})` : sql`grouped AS (${GROUP_KEYS[groupBy]})`},
    placed AS (SELECT key, earliest, latest, ${periodStart(period, sql`earliest`)} AS first, ${periodStart(period, sql`latest`)} AS last FROM grouped)
    SELECT CASE WHEN first = last THEN first END AS start, key, count(*) AS count, min(earliest) AS earliest, max(latest) AS latest
      FROM placed GROUP BY 1, 2 ORDER BY 1, 2`);
  const result: PeriodCounts = { counts: [], uncertain: [] };
  for (const { start, key, count, earliest, latest } of rows) {
    if (start === null) result.uncertain.push({ key, count, earliest, latest });
    else result.counts.push({ start, key, count });
  }
  return result;
}
