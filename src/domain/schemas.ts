import { z } from 'zod';
import {
  ACTOR_CODE_SCHEMES,
  ACTOR_KINDS,
  ACTOR_RELATION_KINDS,
  EVENT_KINDS,
  EVENT_STATUSES,
  IDENTIFIER_SCHEMES,
  ITEM_IDENTIFIER_SCHEMES,
  LINK_KINDS,
  PARTICIPANT_ROLES,
  PLACE_KINDS,
  QUOTE_KINDS,
  REBUTTAL_STANCES,
  STATEMENT_KINDS,
} from '../db/vocabulary.ts';
import { cameoCode, coordinates, country, language, quantity, text, verbatim } from './validation.ts';

// The fields of each kind of record, declared once. Mutations (src/domain/editing.ts) and bundles
// (src/domain/bundle.ts) build their schemas from these, each with its own way of naming other
// records (global IDs, bundle keys) and of giving dates (EDTF, or the source's words).

export const identifier = z.strictObject({ scheme: z.enum(IDENTIFIER_SCHEMES).describe('The registry.'), value: text.describe('The identifier, e.g. "Q159".') });
export const actorCode = z.strictObject({ scheme: z.enum(ACTOR_CODE_SCHEMES).describe('The code book.'), value: text.describe('The code, e.g. "RUSMIL".') });

export const sourceFields = {
  title: text.nullish().describe('The title, when the source has one.'),
  publisher: text.nullish().describe('The publisher, only when the source names it.'),
  url: z.url().nullish().describe('Where it is published (unique).'),
  language: language.nullish().describe('A BCP 47 tag such as "en".'),
  text: verbatim.min(1).nullish().describe('The full text, exactly as published: quotes index into it.'),
};

export const quoteLocatorFields = {
  exact: verbatim.min(1).nullish().describe('The exact text.'),
  prefix: verbatim.nullish().describe('Text just before it, to choose among repeats.'),
  suffix: verbatim.nullish().describe('Text just after it, to choose among repeats.'),
  start: z.number().int().nonnegative().nullish().describe('Offset of the first character (UTF-16 code units).'),
  end: z.number().int().positive().nullish().describe('Offset after the last character.'),
};
export const quoteKind = z.enum(QUOTE_KINDS).describe('DIRECT, PARAPHRASE or NARRATION.');

export const actorFields = {
  name: text.describe('The name claimline uses.'),
  kind: z.enum(ACTOR_KINDS).describe('What kind of actor.'),
  country: country.nullish().describe('ISO 3166-1 alpha-2 code.'),
  description: text.nullish().describe('A short description in claimline’s words.'),
  aliases: z.array(text).nullish().describe('Other names the sources use (replaces the list on update).'),
  identifiers: z.array(identifier).nullish().describe('Identifiers in outside registries (replaces the list on update); one held by another actor is a conflict.'),
  codes: z.array(actorCode).nullish().describe('Codes event data sets give the actor (replaces the list on update).'),
};

export const relationKind = z.enum(ACTOR_RELATION_KINDS).describe('How the subject relates to the object.');

export const placeFields = {
  name: text.describe('The name.'),
  kind: z.enum(PLACE_KINDS).describe('What kind of place.'),
  country: country.nullish().describe('ISO 3166-1 alpha-2 code.'),
  coordinates: coordinates.nullish().describe('Only when known.'),
  geonamesId: z.number().int().positive().nullish().describe('The GeoNames id (unique).'),
  aliases: z.array(text).nullish().describe('Other names.'),
};

export const itemIdentifier = z.strictObject({ scheme: z.enum(ITEM_IDENTIFIER_SCHEMES).describe('The data set.'), value: text.describe('Its key of the record, e.g. "881992568".') });

const count = z.number().int().nonnegative().nullish();
/** An item's coding in a GDELT 2.0 event record (GDELT Event Codebook V2.0 names); the places are named as the front end names places. */
export const gdeltFields = {
  eventCode: cameoCode.describe('EventCode: the CAMEO code.'),
  isRootEvent: z.union([z.literal(0), z.literal(1)]).nullish().describe('IsRootEvent, 1 or 0.'),
  quadClass: z.number().int().min(1).max(4).nullish().describe('QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.'),
  goldsteinScale: z.number().min(-10).max(10).nullish().describe('GoldsteinScale, −10 to 10.'),
  numMentions: count.describe('NumMentions.'),
  numSources: count.describe('NumSources.'),
  numArticles: count.describe('NumArticles.'),
  avgTone: z.number().min(-100).max(100).nullish().describe('AvgTone, −100 to 100.'),
  dateAdded: z.string().regex(/^\d{8}(\d{6})?$/, 'YYYYMMDDHHMMSS (or YYYYMMDD), as GDELT writes DATEADDED').nullish().describe('DATEADDED.'),
};

/** An item's coding in an ACLED record (ACLED codebook names). */
export const acledFields = {
  eventType: text.describe('event_type.'),
  subEventType: text.nullish().describe('sub_event_type.'),
  disorderType: text.nullish().describe('disorder_type.'),
  inter1: text.nullish().describe('inter1.'),
  inter2: text.nullish().describe('inter2.'),
  interaction: text.nullish().describe('interaction.'),
  civilianTargeting: text.nullish().describe('civilian_targeting.'),
  iso: z.number().int().min(0).max(999).nullish().describe('iso: the numeric ISO 3166-1 code.'),
  region: text.nullish().describe('region.'),
  geoPrecision: z.number().int().min(1).max(3).nullish().describe('geo_precision, 1 to 3.'),
  timePrecision: z.number().int().min(1).max(3).nullish().describe('time_precision, 1 to 3.'),
  sourceScale: text.nullish().describe('source_scale.'),
  tags: text.nullish().describe('tags.'),
  timestamp: z.number().int().nonnegative().nullish().describe('timestamp, Unix seconds.'),
};

export const eventFields = {
  title: text.describe('A short title.'),
  summary: text.describe('What happened, in claimline’s words.'),
  kind: z.enum(EVENT_KINDS).describe('The PLOVER event type.'),
  mode: text.nullish().describe('The PLOVER mode, e.g. "heavy-weapons".'),
  contexts: z.array(text).nullish().describe('PLOVER contexts.'),
  status: z.enum(EVENT_STATUSES).describe('Reported, alleged, disputed or confirmed.'),
  quantities: z.array(quantity).nullish().describe('Counts the sources give (replaces the list on update).'),
};
export const participantRole = z.enum(PARTICIPANT_ROLES).describe('The role.');

export const claimFields = {
  summary: text.describe('What was said, in claimline’s words.'),
};
export const rebuttalStance = z.enum(REBUTTAL_STANCES).describe('Denies, disputes or corrects.');
export const statementKind = z.enum(STATEMENT_KINDS).describe('Assertion, appeal or question.');
export const linkKind = z.enum(LINK_KINDS).describe('What the link means.');

/** A review's rating, exactly as the reviewer gives it. */
export const reviewFields = {
  url: z.url().nullish(),
  ratingValue: z.number().finite().nullish(),
  bestRating: z.number().finite().nullish(),
  worstRating: z.number().finite().nullish(),
  ratingLabel: text.nullish(),
  body: text.nullish(),
};
