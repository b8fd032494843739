import { sql, type SQL } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import {
  ACTOR_KINDS,
  ACTOR_RELATION_KINDS,
  EVENT_KINDS,
  EVENT_STATUSES,
  ACTOR_CODE_SCHEMES,
  IDENTIFIER_SCHEMES,
  ITEM_IDENTIFIER_SCHEMES,
  ITEM_TYPES,
  LINK_KINDS,
  PARTICIPANT_ROLES,
  PLACE_KINDS,
  QUOTE_KINDS,
  REBUTTAL_STANCES,
  SAME_AS_KINDS,
  STATEMENT_KINDS,
} from './vocabulary.ts';

/** `column IN ('A', 'B', ...)`, from one of the vocabulary lists. */
function oneOf(column: AnySQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
}

// Every fuzzy date is stored as its EDTF string plus its earliest and latest instants in epoch
// milliseconds. An open end is stored as the smallest or largest JavaScript date so that the
// columns stay NOT NULL and sortable; the API turns them back into null.
const edtfColumn = (name: string) => text(name).notNull();
const instantColumn = (name: string) => integer(name).notNull();
const basisColumn = (name: string) => text(name);
type FuzzyDateColumns<K extends string> = Record<`${K}Edtf`, ReturnType<typeof edtfColumn>> &
  Record<`${K}Earliest` | `${K}Latest`, ReturnType<typeof instantColumn>> &
  Record<`${K}Basis`, ReturnType<typeof basisColumn>>;

/** The four columns of a fuzzy date: `date` gives dateEdtf (date_edtf), dateEarliest, dateLatest, dateBasis. */
function fuzzyDate<K extends string>(key: K): FuzzyDateColumns<K> {
  return {
    [`${key}Edtf`]: edtfColumn(`${key}_edtf`),
    [`${key}Earliest`]: instantColumn(`${key}_earliest`),
    [`${key}Latest`]: instantColumn(`${key}_latest`),
    [`${key}Basis`]: basisColumn(`${key}_basis`),
  } as FuzzyDateColumns<K>;
}

// A retracted record leaves default reads but stays in history and in as-of reads: nothing is
// deleted through the API. Both columns are set together by the retract mutation.
const retraction = () => ({
  retractedAt: text('retracted_at'),
  retractionReason: text('retraction_reason'),
});

/** The few retracted rows, for excluding them from search without a scan. */
const retractedIndex = (table: string, column: AnySQLiteColumn) => index(`${table}_retracted_idx`).on(column).where(sql`${column} IS NOT NULL`);

const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey(),
    /** Null when the source's title is not known (a GDELT URL, an ACLED source note). */
    title: text('title'),
    publisher: text('publisher'),
    url: text('url'),
    ...fuzzyDate('published'),
    language: text('language'),
    text: text('text'),
    createdAt: createdAt(),
    ...retraction(),
  },
  (t) => [
    index('sources_published_idx').on(t.publishedEarliest, t.publishedLatest, t.id),
    index('sources_title_idx').on(sql`coalesce(${t.title}, '')`, t.id),
    index('sources_language_idx').on(t.language),
    index('sources_publisher_idx').on(t.publisher),
    uniqueIndex('sources_url_idx').on(t.url),
    retractedIndex('sources', t.retractedAt),
  ],
);

export const actors = sqliteTable(
  'actors',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    country: text('country'),
    description: text('description'),
    createdAt: createdAt(),
    ...retraction(),
  },
  (t) => [
    check('actors_kind_check', oneOf(t.kind, ACTOR_KINDS)),
    check('actors_country_check', sql`${t.country} IS NULL OR length(${t.country}) = 2`),
    index('actors_name_idx').on(t.name, t.id),
    index('actors_kind_idx').on(t.kind, t.name, t.id),
    index('actors_country_idx').on(t.country, t.name, t.id),
    retractedIndex('actors', t.retractedAt),
  ],
);

export const actorAliases = sqliteTable(
  'actor_aliases',
  {
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.alias] }), index('actor_aliases_alias_idx').on(t.alias)],
);

/** Identifiers of an actor in outside registries (a Wikidata QID): each names one actor, so a second holder is the same actor or a mistake. */
export const actorIdentifiers = sqliteTable(
  'actor_identifiers',
  {
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    scheme: text('scheme').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.actorId, t.scheme, t.value] }),
    check('actor_identifiers_scheme_check', oneOf(t.scheme, IDENTIFIER_SCHEMES)),
    uniqueIndex('actor_identifiers_value_idx').on(t.scheme, t.value),
  ],
);

/**
 * Codes an event data set gives an actor (CAMEO "USAGOV", a PLOVER sector): they classify, they
 * do not identify, so many actors share one ("UNITED STATES" and "AMERICA" are both USA).
 */
export const actorCodes = sqliteTable(
  'actor_codes',
  {
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    scheme: text('scheme').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.actorId, t.scheme, t.value] }),
    check('actor_codes_scheme_check', oneOf(t.scheme, ACTOR_CODE_SCHEMES)),
    index('actor_codes_value_idx').on(t.scheme, t.value),
  ],
);

export const actorRelations = sqliteTable(
  'actor_relations',
  {
    id: integer('id').primaryKey(),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => actors.id),
    kind: text('kind').notNull(),
    objectId: integer('object_id')
      .notNull()
      .references(() => actors.id),
    // Validity is optional: most sources attest a relation without saying when it began or ended.
    validEdtf: text('valid_edtf'),
    validEarliest: integer('valid_earliest'),
    validLatest: integer('valid_latest'),
    createdAt: createdAt(),
    ...retraction(),
  },
  (t) => [
    check('actor_relations_kind_check', oneOf(t.kind, ACTOR_RELATION_KINDS)),
    check('actor_relations_not_self', sql`${t.subjectId} <> ${t.objectId}`),
    check(
      'actor_relations_validity_complete',
      sql`(${t.validEdtf} IS NULL) = (${t.validEarliest} IS NULL) AND (${t.validEdtf} IS NULL) = (${t.validLatest} IS NULL)`,
    ),
    index('actor_relations_subject_idx').on(t.subjectId, t.kind),
    index('actor_relations_object_idx').on(t.objectId, t.kind),
  ],
);

export const places = sqliteTable(
  'places',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    country: text('country'),
    latitude: real('latitude'),
    longitude: real('longitude'),
    geonamesId: integer('geonames_id'),
    parentId: integer('parent_id').references((): AnySQLiteColumn => places.id),
    createdAt: createdAt(),
    ...retraction(),
  },
  (t) => [
    check('places_kind_check', oneOf(t.kind, PLACE_KINDS)),
    check('places_country_check', sql`${t.country} IS NULL OR length(${t.country}) = 2`),
    check(
      'places_coordinates_check',
      sql`(${t.latitude} IS NULL AND ${t.longitude} IS NULL) OR (${t.latitude} BETWEEN -90 AND 90 AND ${t.longitude} BETWEEN -180 AND 180)`,
    ),
    index('places_name_idx').on(t.name, t.id),
    index('places_kind_idx').on(t.kind, t.name, t.id),
    index('places_country_idx').on(t.country, t.name, t.id),
    index('places_parent_idx').on(t.parentId),
    index('places_coordinates_idx').on(t.latitude, t.longitude),
    uniqueIndex('places_geonames_idx').on(t.geonamesId),
    retractedIndex('places', t.retractedAt),
  ],
);

export const placeAliases = sqliteTable(
  'place_aliases',
  {
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.alias] }), index('place_aliases_alias_idx').on(t.alias)],
);

/**
 * Every timeline item (event or claim) has one row here: one id space and one date index make
 * the chronological timeline a single keyset scan, and links can reference any item.
 */
export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey(),
    type: text('type').notNull(),
    summary: text('summary').notNull(),
    ...fuzzyDate('date'),
    createdAt: createdAt(),
    ...retraction(),
  },
  (t) => [
    check('items_type_check', oneOf(t.type, ITEM_TYPES)),
    check('items_date_order_check', sql`${t.dateEarliest} <= ${t.dateLatest}`),
    index('items_date_idx').on(t.dateEarliest, t.dateLatest, t.id),
    index('items_type_date_idx').on(t.type, t.dateEarliest, t.dateLatest, t.id),
    retractedIndex('items', t.retractedAt),
  ],
);

export const events = sqliteTable(
  'events',
  {
    itemId: integer('item_id')
      .primaryKey()
      .references(() => items.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    /** PLOVER mode, e.g. "heavy-weapons" for air strikes. */
    mode: text('mode'),
    /** PLOVER contexts as a JSON array of strings. */
    contexts: text('contexts').notNull().default('[]'),
    status: text('status').notNull(),
  },
  (t) => [
    check('events_kind_check', oneOf(t.kind, EVENT_KINDS)),
    check('events_status_check', oneOf(t.status, EVENT_STATUSES)),
    check('events_contexts_check', sql`json_valid(${t.contexts}) AND json_type(${t.contexts}) = 'array'`),
    index('events_kind_idx').on(t.kind),
    index('events_status_idx').on(t.status),
  ],
);

export const eventParticipants = sqliteTable(
  'event_participants',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.itemId, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.actorId, t.role] }),
    check('event_participants_role_check', oneOf(t.role, PARTICIPANT_ROLES)),
    index('event_participants_actor_idx').on(t.actorId, t.role),
  ],
);

/** Where an item happened or was made: an event's places, the place GDELT gives an accusation (ActionGeo). */
export const itemPlaces = sqliteTable(
  'item_places',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.placeId] }), index('item_places_place_idx').on(t.placeId)],
);

/**
 * The keys data sets give their records (GDELT's GLOBALEVENTID, ACLED's event_id_cnty, a PLOVER
 * id, a ClaimReview's URL): each names one item, so a researcher can find the record by it.
 */
export const itemIdentifiers = sqliteTable(
  'item_identifiers',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    scheme: text('scheme').notNull(),
    value: text('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.scheme, t.value] }),
    check('item_identifiers_scheme_check', oneOf(t.scheme, ITEM_IDENTIFIER_SCHEMES)),
    uniqueIndex('item_identifiers_value_idx').on(t.scheme, t.value),
  ],
);

/**
 * An item's coding in a GDELT 2.0 event record, column for column as the GDELT Event Codebook
 * V2.0 names them (the actors are the item's participants or claimant and accused; ActionGeo is
 * one of its places). Ranges are checked by the importer and the bundle reader.
 */
export const gdeltCodings = sqliteTable('gdelt_codings', {
  itemId: integer('item_id')
    .primaryKey()
    .references(() => items.id, { onDelete: 'cascade' }),
  /** The CAMEO event code, e.g. "1122". */
  eventCode: text('event_code').notNull(),
  /** 1 when the event was reported in one of the opening paragraphs of its document. */
  isRootEvent: integer('is_root_event'),
  /** 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
  quadClass: integer('quad_class'),
  /** The Goldstein scale score of the event code, −10 to +10. */
  goldsteinScale: real('goldstein_scale'),
  numMentions: integer('num_mentions'),
  numSources: integer('num_sources'),
  numArticles: integer('num_articles'),
  /** The average tone of the documents mentioning the event, −100 to +100. */
  avgTone: real('avg_tone'),
  /** Where the data places each actor (Actor1Geo, Actor2Geo), when it does. */
  actor1GeoId: integer('actor1_geo_id').references(() => places.id),
  actor2GeoId: integer('actor2_geo_id').references(() => places.id),
  /** When GDELT added the record, YYYYMMDDHHMMSS in UTC, as GDELT writes it. */
  dateAdded: text('date_added'),
});

/**
 * An item's coding in an ACLED record, column for column as the ACLED codebook names them (the
 * actors are its participants, the place hierarchy its places, fatalities a quantity, notes its
 * summary, the sources its citations). Kept as ACLED writes them.
 */
export const acledCodings = sqliteTable('acled_codings', {
  itemId: integer('item_id')
    .primaryKey()
    .references(() => items.id, { onDelete: 'cascade' }),
  eventType: text('event_type').notNull(),
  subEventType: text('sub_event_type'),
  disorderType: text('disorder_type'),
  inter1: text('inter1'),
  inter2: text('inter2'),
  interaction: text('interaction'),
  civilianTargeting: text('civilian_targeting'),
  /** The numeric ISO 3166-1 code of the country. */
  iso: integer('iso'),
  region: text('region'),
  /** 1 to 3: how precisely the location is known. */
  geoPrecision: integer('geo_precision'),
  /** 1 to 3: how precisely the date is known (the item's date spans what it allows). */
  timePrecision: integer('time_precision'),
  sourceScale: text('source_scale'),
  tags: text('tags'),
  /** When ACLED last changed the record, in Unix seconds. */
  timestamp: integer('timestamp'),
});

export const eventQuantities = sqliteTable(
  'event_quantities',
  {
    id: integer('id').primaryKey(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.itemId, { onDelete: 'cascade' }),
    /** What is counted or measured, e.g. "air strikes". */
    measure: text('measure').notNull(),
    value: real('value').notNull(),
    unit: text('unit'),
  },
  (t) => [index('event_quantities_event_idx').on(t.eventId)],
);


export const claims = sqliteTable(
  'claims',
  {
    itemId: integer('item_id')
      .primaryKey()
      .references(() => items.id, { onDelete: 'cascade' }),
    claimantId: integer('claimant_id')
      .notNull()
      .references(() => actors.id),
    spokespersonId: integer('spokesperson_id').references(() => actors.id),
    /** Only for rebuttals. */
    stance: text('stance'),
    /** Only for statements. */
    statementKind: text('statement_kind'),
  },
  (t) => [
    check('claims_stance_check', sql`${t.stance} IS NULL OR ${oneOf(t.stance, REBUTTAL_STANCES)}`),
    check(
      'claims_statement_kind_check',
      sql`${t.statementKind} IS NULL OR ${oneOf(t.statementKind, STATEMENT_KINDS)}`,
    ),
    index('claims_claimant_idx').on(t.claimantId),
    index('claims_spokesperson_idx').on(t.spokespersonId),
  ],
);

export const claimAccused = sqliteTable(
  'claim_accused',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.itemId, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.actorId] }), index('claim_accused_actor_idx').on(t.actorId)],
);

export const links = sqliteTable(
  'links',
  {
    id: integer('id').primaryKey(),
    fromItemId: integer('from_item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    toItemId: integer('to_item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    ...retraction(),
  },
  (t) => [
    check('links_kind_check', oneOf(t.kind, LINK_KINDS)),
    check('links_not_self', sql`${t.fromItemId} <> ${t.toItemId}`),
    uniqueIndex('links_edge_idx').on(t.fromItemId, t.kind, t.toItemId),
    index('links_to_idx').on(t.toItemId, t.kind),
  ],
);

export const quotes = sqliteTable(
  'quotes',
  {
    id: integer('id').primaryKey(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id),
    /** Null for narration: the source's own words. */
    speakerId: integer('speaker_id').references(() => actors.id),
    kind: text('kind').notNull(),
    // W3C Web Annotation TextPositionSelector (end-exclusive, in UTF-16 code units, as JavaScript
    // strings index) and TextQuoteSelector.
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    exact: text('exact').notNull(),
    prefix: text('prefix').notNull(),
    suffix: text('suffix').notNull(),
    createdAt: createdAt(),
    ...retraction(),
  },
  (t) => [
    check('quotes_kind_check', oneOf(t.kind, QUOTE_KINDS)),
    check('quotes_span_check', sql`${t.start} >= 0 AND ${t.end} > ${t.start}`),
    check('quotes_exact_length_check', sql`length(${t.exact}) = ${t.end} - ${t.start}`),
    check('quotes_speaker_check', sql`(${t.kind} = 'NARRATION') = (${t.speakerId} IS NULL)`),
    uniqueIndex('quotes_span_idx').on(t.sourceId, t.start, t.end),
    index('quotes_speaker_idx').on(t.speakerId),
    retractedIndex('quotes', t.retractedAt),
  ],
);

/** Which sources, and which spans of them, support a timeline item or an actor relation. */
export const citations = sqliteTable(
  'citations',
  {
    id: integer('id').primaryKey(),
    itemId: integer('item_id').references(() => items.id, { onDelete: 'cascade' }),
    relationId: integer('relation_id').references(() => actorRelations.id, { onDelete: 'cascade' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id),
    quoteId: integer('quote_id').references(() => quotes.id),
  },
  (t) => [
    check('citations_one_target', sql`(${t.itemId} IS NULL) <> (${t.relationId} IS NULL)`),
    // A record cites a source (or a quote of it) once; a NULL quote counts as one value here
    // (a unique index would let NULLs repeat).
    uniqueIndex('citations_item_idx').on(t.itemId, t.sourceId, sql`coalesce(${t.quoteId}, 0)`),
    uniqueIndex('citations_relation_idx').on(t.relationId, t.sourceId, sql`coalesce(${t.quoteId}, 0)`),
    index('citations_source_idx').on(t.sourceId),
    index('citations_quote_idx').on(t.quoteId),
  ],
);

/**
 * Natural keys of imported records (a bundle's own keys, later GDELT or ACLED ids): they make
 * imports idempotent. One row per (namespace, key).
 */
/**
 * A decision that records name one actor, or one event (who is who): by a person or by
 * `claimline resolve`, under the API key that made it, with its reason. Nothing it joins is
 * rewritten (each record keeps its sources, quotes and citations); reads may resolve its records
 * into one. Undoing it retracts it: it stays in history, and in reads as of before.
 */
export const sameAs = sqliteTable(
  'same_as',
  {
    id: integer('id').primaryKey(),
    kind: text('kind').notNull(),
    reason: text('reason').notNull(),
    /** The name of the API key that decided; null for a local command or a server without keys. */
    decidedBy: text('decided_by'),
    createdAt: createdAt(),
    ...retraction(),
  },
  (t) => [check('same_as_kind_check', oneOf(t.kind, SAME_AS_KINDS))],
);

/** The records a same-as decision joins: actors, or events. */
export const sameAsMembers = sqliteTable(
  'same_as_members',
  {
    id: integer('id').primaryKey(),
    sameAsId: integer('same_as_id')
      .notNull()
      .references(() => sameAs.id),
    actorId: integer('actor_id').references(() => actors.id),
    itemId: integer('item_id').references(() => items.id),
  },
  (t) => [
    check('same_as_members_one_record', sql`(${t.actorId} IS NULL) <> (${t.itemId} IS NULL)`),
    uniqueIndex('same_as_members_actor_idx').on(t.actorId, t.sameAsId),
    uniqueIndex('same_as_members_item_idx').on(t.itemId, t.sameAsId),
    index('same_as_members_decision_idx').on(t.sameAsId),
  ],
);

/**
 * Who is who, as it stands: each actor that standing same-as decisions join to another, directly
 * or through others, with its group's canonical record (the lowest id: the earliest recorded,
 * which stands for the group in resolved reads). It follows from same_as and same_as_members, so
 * history does not record it: the write module keeps it with each decision and undo, and an
 * as-of read's rewind rebuilds it. Records no decision joins have no row.
 */
export const actorGroups = sqliteTable(
  'actor_groups',
  {
    actorId: integer('actor_id')
      .primaryKey()
      .references(() => actors.id),
    canonicalId: integer('canonical_id')
      .notNull()
      .references(() => actors.id),
  },
  (t) => [index('actor_groups_canonical_idx').on(t.canonicalId)],
);

/** The same for events: each event joined to another, with its group's canonical event. */
export const eventGroups = sqliteTable(
  'event_groups',
  {
    itemId: integer('item_id')
      .primaryKey()
      .references(() => items.id),
    canonicalId: integer('canonical_id')
      .notNull()
      .references(() => items.id),
  },
  (t) => [index('event_groups_canonical_idx').on(t.canonicalId)],
);

export const recordKeys = sqliteTable(
  'record_keys',
  {
    namespace: text('namespace').notNull(),
    key: text('key').notNull(),
    recordType: text('record_type').notNull(),
    recordId: integer('record_id').notNull(),
    /** A hash of the imported values: a re-import with the same fingerprint changes nothing. */
    fingerprint: text('fingerprint'),
  },
  (t) => [primaryKey({ columns: [t.namespace, t.key] }), index('record_keys_record_idx').on(t.recordType, t.recordId)],
);

/** A fact-check of a claim (schema.org ClaimReview): who reviewed it, when, and the rating given. */
export const claimReviews = sqliteTable(
  'claim_reviews',
  {
    id: integer('id').primaryKey(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.itemId, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id').references(() => actors.id),
    url: text('url'),
    ...fuzzyDate('published'),
    ratingValue: real('rating_value'),
    bestRating: real('best_rating'),
    worstRating: real('worst_rating'),
    /** The rating in words, as the reviewer gives it (schema.org alternateName), e.g. "False". */
    ratingLabel: text('rating_label'),
    body: text('body'),
  },
  (t) => [index('claim_reviews_claim_idx').on(t.claimId), index('claim_reviews_reviewer_idx').on(t.reviewerId)],
);

/** API keys: only a SHA-256 hash of each key is stored; the key itself is shown once, at creation. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    hash: text('hash').notNull(),
    /** Space-separated scopes, e.g. "write". */
    scopes: text('scopes').notNull(),
    createdAt: createdAt(),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_name_idx').on(t.name), uniqueIndex('api_keys_hash_idx').on(t.hash)],
);

/**
 * One row per write transaction (a mutation, a bundle or an import): when, what and who. Its
 * rows in `row_changes` are recorded by triggers (src/db/triggers.ts), which refuse a write made
 * without an open change, or set-wise by the write module's bulk mode.
 */
export const changes = sqliteTable(
  'changes',
  {
    id: integer('id').primaryKey(),
    /** ISO 8601 in UTC with milliseconds; never earlier than the change before it. */
    at: text('at').notNull(),
    /** The mutation or command, e.g. "actorUpdate" or "import gdelt-events". */
    operation: text('operation').notNull(),
    /** The API key's name; null for the command line. */
    keyName: text('key_name'),
  },
  // By key: a client's newest change, which a standby must hold before it answers that client (src/db/replicas.ts).
  (t) => [index('changes_at_idx').on(t.at), index('changes_key_idx').on(t.keyName, t.id)],
);

/** Every row a change inserted, updated or deleted, with its values before and after (JSON). */
export const rowChanges = sqliteTable(
  'row_changes',
  {
    id: integer('id').primaryKey(),
    changeId: integer('change_id').notNull(),
    tableName: text('table_name').notNull(),
    /** The record the row belongs to, e.g. "actor:7" for one of actor 7's aliases. */
    record: text('record').notNull(),
    operation: text('operation').notNull(),
    /** The row's primary key (JSON): after an insert or update, before a delete. */
    key: text('key'),
    /** The row's values before an update or delete (JSON). */
    before: text('before'),
    /** The row's values after an update (JSON); an insert's are read back (src/domain/changes.ts). */
    after: text('after'),
  },
  (t) => [
    check('row_changes_operation_check', sql`${t.operation} IN ('INSERT', 'UPDATE', 'DELETE')`),
    index('row_changes_record_idx').on(t.record, t.changeId),
    index('row_changes_change_idx').on(t.changeId),
  ],
);
