import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  actorAliases,
  actorCodes,
  actorIdentifiers,
  actorRelations,
  actors,
  citations,
  claimAccused,
  claimReviews,
  claims,
  eventParticipants,
  eventQuantities,
  events,
  acledCodings,
  gdeltCodings,
  itemIdentifiers,
  itemPlaces,
  items,
  links,
  placeAliases,
  places,
  quotes,
  sameAs,
  sameAsMembers,
  sources,
} from './schema.ts';

/**
 * The tables whose every row change is recorded, each with the record its rows belong to (an
 * SQL expression over the row `R`): an alias belongs to its actor, a participant to its event.
 * Record names are "<kind>:<id>" with kind actor, place, source, quote, item or same-as (a
 * decision; its members belong to the actor or event they name).
 */
export const TRACKED: readonly { table: SQLiteTable; record: string }[] = [
  { table: sources, record: `'source:' || R.id` },
  { table: actors, record: `'actor:' || R.id` },
  { table: actorAliases, record: `'actor:' || R.actor_id` },
  { table: actorIdentifiers, record: `'actor:' || R.actor_id` },
  { table: actorCodes, record: `'actor:' || R.actor_id` },
  { table: actorRelations, record: `'actor:' || R.subject_id` },
  { table: places, record: `'place:' || R.id` },
  { table: placeAliases, record: `'place:' || R.place_id` },
  { table: items, record: `'item:' || R.id` },
  { table: events, record: `'item:' || R.item_id` },
  { table: claims, record: `'item:' || R.item_id` },
  { table: eventParticipants, record: `'item:' || R.event_id` },
  { table: itemPlaces, record: `'item:' || R.item_id` },
  { table: itemIdentifiers, record: `'item:' || R.item_id` },
  { table: gdeltCodings, record: `'item:' || R.item_id` },
  { table: acledCodings, record: `'item:' || R.item_id` },
  { table: eventQuantities, record: `'item:' || R.event_id` },
  { table: claimAccused, record: `'item:' || R.claim_id` },
  { table: claimReviews, record: `'item:' || R.claim_id` },
  { table: links, record: `'item:' || R.from_item_id` },
  { table: quotes, record: `'quote:' || R.id` },
  { table: sameAs, record: `'same-as:' || R.id` },
  { table: sameAsMembers, record: `coalesce('actor:' || R.actor_id, 'item:' || R.item_id)` },
  {
    table: citations,
    record: `coalesce('item:' || R.item_id, (SELECT 'actor:' || subject_id FROM actor_relations WHERE id = R.relation_id), 'relation:' || R.relation_id)`,
  },
];

export interface TableShape {
  name: string;
  columns: string[];
  primaryKey: string[];
}

export function shapeOf(table: SQLiteTable): TableShape {
  const config = getTableConfig(table);
  const columns = config.columns.map((c) => c.name);
  const primaryKey = config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
  return { name: config.name, columns, primaryKey };
}
