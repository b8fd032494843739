import { z } from 'zod';
import {
  ACTOR_CODE_SCHEMES,
  ACTOR_KINDS,
  ACTOR_RELATION_KINDS,
  EVENT_KINDS,
  EVENT_STATUSES,
  IDENTIFIER_SCHEMES,
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

export const identifier = z.strictObject({ scheme: z.enum(IDENTIFIER_SCHEMES), value: text });
export const actorCode = z.strictObject({ scheme: z.enum(ACTOR_CODE_SCHEMES), value: text });

export const sourceFields = {
  title: text.nullish(),
  publisher: text.nullish(),
  url: z.url().nullish(),
  language: language.nullish(),
  /** The full text, exactly as published: quotes index into it. */
  text: verbatim.min(1).nullish(),
};

export const quoteLocatorFields = {
  exact: verbatim.min(1).nullish(),
  prefix: verbatim.nullish(),
  suffix: verbatim.nullish(),
  start: z.number().int().nonnegative().nullish(),
  end: z.number().int().positive().nullish(),
};
export const quoteKind = z.enum(QUOTE_KINDS);

export const actorFields = {
  name: text,
  kind: z.enum(ACTOR_KINDS),
  country: country.nullish(),
  description: text.nullish(),
  aliases: z.array(text).nullish(),
  identifiers: z.array(identifier).nullish(),
  codes: z.array(actorCode).nullish(),
};

export const relationKind = z.enum(ACTOR_RELATION_KINDS);

export const placeFields = {
  name: text,
  kind: z.enum(PLACE_KINDS),
  country: country.nullish(),
  coordinates: coordinates.nullish(),
  geonamesId: z.number().int().positive().nullish(),
  aliases: z.array(text).nullish(),
};

/** What an event data set measures of an event, kept as it states them. */
export const eventMeasures = {
  cameoCode: cameoCode.nullish(),
  goldstein: z.number().min(-10).max(10).nullish(),
  quadClass: z.number().int().min(1).max(4).nullish(),
  tone: z.number().min(-100).max(100).nullish(),
  acledEventType: text.nullish(),
  acledSubEventType: text.nullish(),
};

export const eventFields = {
  title: text,
  summary: text,
  kind: z.enum(EVENT_KINDS),
  mode: text.nullish(),
  contexts: z.array(text).nullish(),
  status: z.enum(EVENT_STATUSES),
  ...eventMeasures,
  quantities: z.array(quantity).nullish(),
};
export const participantRole = z.enum(PARTICIPANT_ROLES);

export const claimFields = {
  summary: text,
};
export const rebuttalStance = z.enum(REBUTTAL_STANCES);
export const statementKind = z.enum(STATEMENT_KINDS);
export const linkKind = z.enum(LINK_KINDS);

/** A review's rating, exactly as the reviewer gives it. */
export const reviewFields = {
  url: z.url().nullish(),
  ratingValue: z.number().finite().nullish(),
  bestRating: z.number().finite().nullish(),
  worstRating: z.number().finite().nullish(),
  ratingLabel: text.nullish(),
  body: text.nullish(),
};
