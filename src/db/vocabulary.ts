// The controlled vocabularies of the domain. The database CHECK constraints, the bundle
// validator and the GraphQL enums are all generated from these lists, so they cannot drift.

export const ACTOR_KINDS = [
  'STATE',
  'GOVERNMENT_BODY',
  'MILITARY',
  'ARMED_GROUP',
  'COALITION',
  'PERSON',
  'MEDIA',
  'ORGANIZATION',
  'UNKNOWN',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** What a same-as decision joins: actors, or events. */
export const SAME_AS_KINDS = ['ACTOR', 'EVENT'] as const;
export type SameAsKind = (typeof SAME_AS_KINDS)[number];
/** How reads treat same-as decisions: each record as its source gives it, or each group as one. */
export const RESOLUTIONS = ['AS_RECORDED', 'RESOLVED'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const ACTOR_RELATION_KINDS = [
  'SPOKESPERSON_FOR',
  'PART_OF',
  'MEMBER_OF',
  'LEADS',
  'BACKS',
  'OPPOSES',
] as const;
export type ActorRelationKind = (typeof ACTOR_RELATION_KINDS)[number];

/**
 * Registries whose identifiers name one actor each: a Wikidata QID, or a web address that is the
 * actor's own (a fact-checker's home page, as ClaimReview names its author).
 */
export const IDENTIFIER_SCHEMES = ['WIKIDATA', 'URL'] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

/**
 * Event-data code books whose actor codes classify actors, shared by many: a GDELT actor's whole
 * CAMEO code ("USAGOV") and the parts GDELT gives in their own columns (country "USA", type
 * "GOV", known group, ethnic and religion codes), a PLOVER actor's code and sector.
 */
export const ACTOR_CODE_SCHEMES = ['CAMEO', 'CAMEO_COUNTRY', 'CAMEO_TYPE', 'CAMEO_KNOWN_GROUP', 'CAMEO_ETHNIC', 'CAMEO_RELIGION', 'PLOVER', 'PLOVER_SECTOR'] as const;
export type ActorCodeScheme = (typeof ACTOR_CODE_SCHEMES)[number];

export const PLACE_KINDS = [
  'COUNTRY',
  'REGION',
  'PROVINCE',
  'DISTRICT',
  'CITY',
  'SITE',
  'BODY_OF_WATER',
  'OTHER',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** The sixteen PLOVER event types, plus OTHER for what none of them fits. */
export const EVENT_KINDS = [
  'AGREE',
  'CONSULT',
  'SUPPORT',
  'CONCEDE',
  'COOPERATE',
  'AID',
  'RETREAT',
  'REQUEST',
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
  'OTHER',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_STATUSES = ['REPORTED', 'ALLEGED', 'DISPUTED', 'CONFIRMED'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/**
 * AGENT and TARGET say who acted on whom; SIDE_1 and SIDE_2 name the two sides of an event without
 * a direction (ACLED's actor1 and actor2), ASSOCIATE_1 and ASSOCIATE_2 the actors named with a side.
 */
export const PARTICIPANT_ROLES = ['AGENT', 'TARGET', 'SUPPORTER', 'AFFECTED', 'SIDE_1', 'SIDE_2', 'ASSOCIATE_1', 'ASSOCIATE_2'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** Data sets whose keys name one of their records each: GDELT's GLOBALEVENTID, ACLED's event_id_cnty, a PLOVER record id, a ClaimReview's URL. */
export const ITEM_IDENTIFIER_SCHEMES = ['GDELT', 'ACLED', 'PLOVER', 'CLAIMREVIEW'] as const;
export type ItemIdentifierScheme = (typeof ITEM_IDENTIFIER_SCHEMES)[number];

export const ITEM_TYPES = ['EVENT', 'ACCUSATION', 'REBUTTAL', 'STATEMENT'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
export const CLAIM_TYPES = ['ACCUSATION', 'REBUTTAL', 'STATEMENT'] as const satisfies readonly ItemType[];
export type ClaimType = (typeof CLAIM_TYPES)[number];

export const REBUTTAL_STANCES = ['DENIES', 'DISPUTES', 'CORRECTS'] as const;
export type RebuttalStance = (typeof REBUTTAL_STANCES)[number];

export const STATEMENT_KINDS = ['ASSERTION', 'APPEAL', 'QUESTION'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export const LINK_KINDS = [
  'REBUTS',
  'RESPONDS_TO',
  'CITES_AS_EVIDENCE',
  'IS_ABOUT',
  'PART_OF',
  'CAUSED_BY',
  'PRECEDES',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const QUOTE_KINDS = ['DIRECT', 'PARAPHRASE', 'NARRATION'] as const;
export type QuoteKind = (typeof QUOTE_KINDS)[number];

/** UNKNOWN: neither end is known (EDTF "/"), as for a source whose publication date the data does not give. */
export const DATE_PRECISIONS = ['CENTURY', 'DECADE', 'YEAR', 'SEASON', 'MONTH', 'DAY', 'TIME', 'UNKNOWN'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** The roles in which an actor can be involved in a timeline item, for filters. */
export const ACTOR_ROLES = ['ACCUSER', 'REBUTTER', 'CLAIMANT', 'SPOKESPERSON', 'ACCUSED', ...PARTICIPANT_ROLES] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const DATE_MATCHES = ['OVERLAPS', 'WITHIN'] as const;
export type DateMatch = (typeof DATE_MATCHES)[number];

export const SORT_DIRECTIONS = ['ASC', 'DESC'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];
