import { z } from 'zod';
import {
  ACTOR_KINDS,
  ACTOR_RELATION_KINDS,
  CLAIM_TYPES,
  EVENT_KINDS,
  EVENT_STATUSES,
  IDENTIFIER_SCHEMES,
  LINK_KINDS,
  PARTICIPANT_ROLES,
  PLACE_KINDS,
  QUOTE_KINDS,
  REBUTTAL_STANCES,
  STATEMENT_KINDS,
} from '../domain/vocabulary.ts';
import { cameoCode, coordinates, country, language, quantity, text, verbatim } from '../domain/validation.ts';

/**
 * The claimline bundle, version 1: one or more sources and everything drawn from them. Records
 * refer to one another by `key`, unique within the bundle's `namespace`; the keys make loading
 * idempotent. seeds/README.md documents the format with examples.
 */
const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'keys are lower-case letters, digits and hyphens');

/** An EDTF string, an EDTF string with the reasoning behind it, or the source's own relative words. */
export const dateSpec = z.union([
  verbatim,
  z.strictObject({ edtf: verbatim, basis: text.optional() }),
  z.strictObject({ relative: text }),
]);

export const quoteSpec = z.strictObject({
  exact: verbatim.min(1).optional(),
  prefix: verbatim.optional(),
  suffix: verbatim.optional(),
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().positive().optional(),
  kind: z.enum(QUOTE_KINDS),
  /** The actor whose words these are; omitted only for NARRATION, the source's own words. */
  speaker: key.optional(),
});

export const citationSpec = z.strictObject({ source: key, quote: quoteSpec.optional() });
const citations = z.array(citationSpec).min(1, 'cite at least one source');

export const bundleSchema = z.strictObject({
  format: z.literal('claimline-bundle'),
  version: z.literal(1),
  namespace: z.string().regex(/^[a-z0-9][a-z0-9/._-]*$/, 'a namespace such as "seed/article-2017-10-11"'),
  description: verbatim.optional(),
  sources: z
    .array(
      z
        .strictObject({
          key,
          /** Omitted (or null) when the source has no title the record knows (a GDELT URL). */
          title: text.nullable().optional(),
          publisher: text.nullable().optional(),
          url: z.url().nullable().optional(),
          published: dateSpec,
          language: language.nullable().optional(),
          text: verbatim.optional(),
          /** The full text, from a UTF-8 file beside the bundle (exactly as stored: quotes index into it). */
          textFile: verbatim.optional(),
        })
        .refine((s) => !(s.text !== undefined && s.textFile !== undefined), 'give text or textFile, not both'),
    )
    .default([]),
  actors: z
    .array(
      z.strictObject({
        key,
        name: text,
        kind: z.enum(ACTOR_KINDS),
        country: country.optional(),
        aliases: z.array(text).default([]),
        identifiers: z.partialRecord(z.enum(IDENTIFIER_SCHEMES), text).default({}),
        description: text.optional(),
      }),
    )
    .default([]),
  relations: z
    .array(
      z.strictObject({
        subject: key,
        kind: z.enum(ACTOR_RELATION_KINDS),
        object: key,
        valid: dateSpec.optional(),
        citations,
      }),
    )
    .default([]),
  places: z
    .array(
      z.strictObject({
        key,
        name: text,
        kind: z.enum(PLACE_KINDS),
        country: country.optional(),
        aliases: z.array(text).default([]),
        geonamesId: z.number().int().positive().optional(),
        coordinates: coordinates.optional(),
        parent: key.optional(),
      }),
    )
    .default([]),
  events: z
    .array(
      z.strictObject({
        key,
        title: text,
        summary: text,
        kind: z.enum(EVENT_KINDS),
        mode: text.optional(),
        contexts: z.array(text).default([]),
        status: z.enum(EVENT_STATUSES),
        date: dateSpec,
        cameoCode: cameoCode.optional(),
        participants: z.array(z.strictObject({ actor: key, role: z.enum(PARTICIPANT_ROLES) })).default([]),
        places: z.array(key).default([]),
        quantities: z.array(quantity).default([]),
        citations,
      }),
    )
    .default([]),
  claims: z
    .array(
      z
        .strictObject({
          key,
          type: z.enum(CLAIM_TYPES),
          summary: text,
          date: dateSpec,
          claimant: key,
          spokesperson: key.optional(),
          accused: z.array(key).default([]),
          stance: z.enum(REBUTTAL_STANCES).optional(),
          statementKind: z.enum(STATEMENT_KINDS).optional(),
          citations,
        })
        .superRefine((claim, ctx) => {
          if (claim.type !== 'ACCUSATION' && claim.accused.length > 0) {
            ctx.addIssue({ code: 'custom', path: ['accused'], message: 'only an accusation has accused actors' });
          }
          if (claim.type === 'ACCUSATION' && claim.accused.length === 0) {
            ctx.addIssue({ code: 'custom', path: ['accused'], message: 'an accusation names at least one accused actor' });
          }
          if ((claim.type === 'REBUTTAL') !== (claim.stance !== undefined)) {
            ctx.addIssue({ code: 'custom', path: ['stance'], message: 'a rebuttal, and only a rebuttal, has a stance' });
          }
          if ((claim.type === 'STATEMENT') !== (claim.statementKind !== undefined)) {
            ctx.addIssue({ code: 'custom', path: ['statementKind'], message: 'a statement, and only a statement, has a statementKind' });
          }
        }),
    )
    .default([]),
  links: z.array(z.strictObject({ from: key, kind: z.enum(LINK_KINDS), to: key })).default([]),
});

export type Bundle = z.infer<typeof bundleSchema>;
export type DateSpec = z.infer<typeof dateSpec>;
export type CitationSpec = z.infer<typeof citationSpec>;
