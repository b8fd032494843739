import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import {
  actorAliases,
  actorIdentifiers,
  actorRelations,
  actors,
  citations,
  claimAccused,
  claims,
  eventParticipants,
  eventPlaces,
  eventQuantities,
  events,
  items,
  links,
  placeAliases,
  places,
  quotes,
  sources,
} from '../db/schema.ts';
import { ConflictError, InputError, NotFoundError } from './errors.ts';
import { parseFuzzyDate, type FuzzyDate } from './fuzzy-date.ts';
import { anchorQuote } from './quote-anchor.ts';
import { cameoCode, coordinates, country, language, parseWith, quantity, ref, text, verbatim, type Ref } from './validation.ts';
import {
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
  type ItemType,
} from './vocabulary.ts';

type Path = readonly (string | number)[];
const INPUT: Path = ['input'];

/** What a write did to the timeline, for live updates once it is committed. */
export interface Effects {
  added: Set<number>;
  changed: Set<number>;
}
export const noEffects = (): Effects => ({ added: new Set(), changed: new Set() });

export const TYPENAME_OF_ITEM: Record<ItemType, string> = { EVENT: 'Event', ACCUSATION: 'Accusation', REBUTTAL: 'Rebuttal', STATEMENT: 'Statement' };
const ITEM_TYPENAMES = Object.fromEntries(Object.entries(TYPENAME_OF_ITEM).map(([type, name]) => [name, type])) as Record<string, ItemType>;
const CLAIM_REF = ['Accusation', 'Rebuttal', 'Statement'];
const ITEM_REF = ['Event', ...CLAIM_REF];

/** The table (and, for items, the type) behind each kind of global ID. */
const TABLES: Record<string, { table: string; type?: ItemType }> = {
  Actor: { table: 'actors' },
  Place: { table: 'places' },
  Source: { table: 'sources' },
  Quote: { table: 'quotes' },
  ActorRelation: { table: 'actor_relations' },
  Link: { table: 'links' },
  Event: { table: 'items', type: 'EVENT' },
  Accusation: { table: 'items', type: 'ACCUSATION' },
  Rebuttal: { table: 'items', type: 'REBUTTAL' },
  Statement: { table: 'items', type: 'STATEMENT' },
};

/** Checks that a referenced record exists, as the type its ID names, and is not retracted. */
function requireRecord(tx: Db, target: Ref, path: Path, { allowRetracted = false } = {}): void {
  const { table, type } = TABLES[target.typename]!;
  const row = tx.get<{ retractedAt: string | null }>(
    sql`SELECT retracted_at AS retractedAt FROM ${sql.identifier(table)} WHERE id = ${target.id}${type ? sql` AND type = ${type}` : sql``}`,
  );
  if (!row) throw new NotFoundError(path, target.given);
  if (row.retractedAt !== null && !allowRetracted) throw new InputError(path, `"${target.given}" was retracted: refer to a current record`);
}

function requireAll(tx: Db, targets: readonly Ref[] | null | undefined, path: Path): void {
  targets?.forEach((target, i) => requireRecord(tx, target, [...path, i]));
}

const dateColumns = (date: FuzzyDate) => ({ dateEdtf: date.edtf, dateEarliest: date.earliest, dateLatest: date.latest, dateBasis: date.basis });

/** An exact date names one day (or an instant) without approximation or uncertainty. */
const isExact = (date: FuzzyDate) => (date.precision === 'DAY' || date.precision === 'TIME') && !date.approximate && !date.uncertain;

const itemDate = (tx: Db, id: number): FuzzyDate => {
  const row = tx.get<{ edtf: string; basis: string | null }>(sql`SELECT date_edtf AS edtf, date_basis AS basis FROM items WHERE id = ${id}`)!;
  return parseFuzzyDate(row.edtf, [], row.basis);
};

/** A rebuttal cannot be dated before a claim it rebuts, when both dates are exact. */
function checkRebuttalOrder(rebuttal: FuzzyDate, rebutted: FuzzyDate, path: Path, what: string): void {
  if (isExact(rebuttal) && isExact(rebutted) && rebuttal.latest < rebutted.earliest) {
    throw new InputError(path, `a rebuttal dated ${rebuttal.edtf} cannot rebut ${what}, dated later (${rebutted.edtf})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Citations: every new event and claim cites at least one source.

const citationInput = z
  .strictObject({ source: ref('Source').nullish(), quote: ref('Quote').nullish() })
  .refine((c) => c.source || c.quote, 'give the cited source, or a quote of it');
const citationList = z.array(citationInput).min(1, 'cite at least one source');
type CitationInput = z.infer<typeof citationInput>;

/** Adds the citations (those already there are kept once) and returns how many were new. */
function cite(tx: Db, target: { itemId: number } | { relationId: number }, list: readonly CitationInput[], path: Path): number {
  let added = 0;
  list.forEach((c, i) => {
    const at = [...path, i];
    let sourceId = c.source?.id;
    if (c.source) requireRecord(tx, c.source, [...at, 'source']);
    if (c.quote) {
      requireRecord(tx, c.quote, [...at, 'quote']);
      const quote = tx.select({ sourceId: quotes.sourceId }).from(quotes).where(eq(quotes.id, c.quote.id)).get()!;
      if (sourceId !== undefined && sourceId !== quote.sourceId) throw new InputError([...at, 'quote'], 'the quote is from another source than the one cited');
      sourceId = quote.sourceId;
    }
    const row = { itemId: null, relationId: null, ...target, sourceId: sourceId!, quoteId: c.quote?.id ?? null };
    // The unique indexes treat NULL quotes as distinct, so a source cited without a quote is matched here.
    const known = tx.get(sql`SELECT 1 AS hit FROM citations WHERE item_id IS ${row.itemId} AND relation_id IS ${row.relationId}
      AND source_id = ${row.sourceId} AND quote_id IS ${row.quoteId}`);
    if (known) return;
    tx.insert(citations).values(row).run();
    added += 1;
  });
  return added;
}

// ---------------------------------------------------------------------------------------------
// Sources and quotes

export const sourceCreateInput = z.strictObject({
  title: text.nullish(),
  publisher: text.nullish(),
  url: z.url().nullish(),
  published: verbatim,
  language: language.nullish(),
  text: verbatim.min(1).nullish(),
});

export function sourceCreate(tx: Db, raw: unknown): Ref {
  const input = parseWith(sourceCreateInput, raw, INPUT);
  const published = parseFuzzyDate(input.published, [...INPUT, 'published']);
  if (input.url && tx.select({ id: sources.id }).from(sources).where(eq(sources.url, input.url)).get()) {
    throw new ConflictError([...INPUT, 'url'], `a source with the URL ${input.url} is already recorded`);
  }
  const id = tx
    .insert(sources)
    .values({
      title: input.title ?? null,
      publisher: input.publisher ?? null,
      url: input.url ?? null,
      publishedEdtf: published.edtf,
      publishedEarliest: published.earliest,
      publishedLatest: published.latest,
      publishedBasis: null,
      language: input.language ?? null,
      text: input.text ?? null,
    })
    .returning({ id: sources.id })
    .get().id;
  return { typename: 'Source', id, given: '' };
}

export const quoteCreateInput = z
  .strictObject({
    source: ref('Source'),
    kind: z.enum(QUOTE_KINDS),
    speaker: ref('Actor').nullish(),
    exact: verbatim.min(1).nullish(),
    prefix: verbatim.nullish(),
    suffix: verbatim.nullish(),
    start: z.number().int().nonnegative().nullish(),
    end: z.number().int().positive().nullish(),
  })
  .superRefine((q, ctx) => {
    if ((q.kind === 'NARRATION') !== !q.speaker) {
      ctx.addIssue({ code: 'custom', path: ['speaker'], message: 'a quote has a speaker (an actor) unless it is NARRATION, the source’s own words' });
    }
  });

export function quoteCreate(tx: Db, raw: unknown): Ref {
  const input = parseWith(quoteCreateInput, raw, INPUT);
  requireRecord(tx, input.source, [...INPUT, 'source']);
  if (input.speaker) requireRecord(tx, input.speaker, [...INPUT, 'speaker']);
  const source = tx.select({ text: sources.text }).from(sources).where(eq(sources.id, input.source.id)).get()!;
  if (source.text === null) throw new InputError([...INPUT, 'source'], 'the source has no text to quote from: record its text first');
  const selectors = anchorQuote(
    source.text,
    { exact: input.exact ?? undefined, prefix: input.prefix ?? undefined, suffix: input.suffix ?? undefined, start: input.start ?? undefined, end: input.end ?? undefined },
    INPUT,
  );
  const existing = tx
    .select({ id: quotes.id })
    .from(quotes)
    .where(and(eq(quotes.sourceId, input.source.id), eq(quotes.start, selectors.start), eq(quotes.end, selectors.end)))
    .get();
  if (existing) throw new ConflictError(INPUT, `this span (${selectors.start}..${selectors.end}) is already quote ${existing.id} of the source`);
  const id = tx
    .insert(quotes)
    .values({ sourceId: input.source.id, speakerId: input.speaker?.id ?? null, kind: input.kind, ...selectors })
    .returning({ id: quotes.id })
    .get().id;
  return { typename: 'Quote', id, given: '' };
}

// ---------------------------------------------------------------------------------------------
// Actors and places

const identifierInput = z.strictObject({ scheme: z.enum(IDENTIFIER_SCHEMES), value: text });
const actorFields = {
  name: text,
  kind: z.enum(ACTOR_KINDS),
  country: country.nullish(),
  description: text.nullish(),
  aliases: z.array(text).nullish(),
  identifiers: z.array(identifierInput).nullish(),
};
export const actorCreateInput = z.strictObject(actorFields);
export const actorUpdateInput = z.strictObject({
  id: ref('Actor'),
  changes: z.strictObject({ ...actorFields, name: text.optional(), kind: z.enum(ACTOR_KINDS).optional() }),
});

/** Identifiers name one actor each: a second actor with the same Wikidata QID is a duplicate. */
function setIdentifiers(tx: Db, actorId: number, identifiers: readonly z.infer<typeof identifierInput>[], path: Path): void {
  identifiers.forEach((identifier, i) => {
    const holder = tx
      .select({ id: actorIdentifiers.actorId })
      .from(actorIdentifiers)
      .where(and(eq(actorIdentifiers.scheme, identifier.scheme), eq(actorIdentifiers.value, identifier.value)))
      .get();
    if (holder && holder.id !== actorId) {
      throw new ConflictError([...path, i], `${identifier.scheme} ${identifier.value} already identifies actor ${holder.id}: merge the two (actorMerge) instead`);
    }
  });
  tx.delete(actorIdentifiers).where(eq(actorIdentifiers.actorId, actorId)).run();
  for (const { scheme, value } of identifiers) tx.insert(actorIdentifiers).values({ actorId, scheme, value }).onConflictDoNothing().run();
}

function setAliases(tx: Db, actorId: number, aliases: readonly string[]): void {
  tx.delete(actorAliases).where(eq(actorAliases.actorId, actorId)).run();
  for (const alias of new Set(aliases)) tx.insert(actorAliases).values({ actorId, alias }).run();
}

export function actorCreate(tx: Db, raw: unknown): Ref {
  const input = parseWith(actorCreateInput, raw, INPUT);
  const id = tx
    .insert(actors)
    .values({ name: input.name, kind: input.kind, country: input.country ?? null, description: input.description ?? null })
    .returning({ id: actors.id })
    .get().id;
  setAliases(tx, id, input.aliases ?? []);
  setIdentifiers(tx, id, input.identifiers ?? [], [...INPUT, 'identifiers']);
  return { typename: 'Actor', id, given: '' };
}

export function actorUpdate(tx: Db, raw: unknown): Ref {
  const { id: target, changes } = parseWith(actorUpdateInput, raw, INPUT);
  requireRecord(tx, target, [...INPUT, 'id']);
  const columns = {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.kind !== undefined && { kind: changes.kind }),
    ...(changes.country !== undefined && { country: changes.country }),
    ...(changes.description !== undefined && { description: changes.description }),
  };
  if (Object.keys(columns).length) tx.update(actors).set(columns).where(eq(actors.id, target.id)).run();
  if (changes.aliases !== undefined) setAliases(tx, target.id, changes.aliases ?? []);
  if (changes.identifiers !== undefined) setIdentifiers(tx, target.id, changes.identifiers ?? [], [...INPUT, 'changes', 'identifiers']);
  return target;
}

export const actorMergeInput = z.strictObject({ actor: ref('Actor'), duplicate: ref('Actor') });

/**
 * Folds a duplicate into an actor: every reference to the duplicate moves to the actor, the
 * duplicate's name and aliases become the actor's aliases, and the duplicate is retracted (it
 * stays in history and in as-of reads).
 */
export function actorMerge(tx: Db, raw: unknown, effects: Effects): Ref {
  const { actor, duplicate } = parseWith(actorMergeInput, raw, INPUT);
  if (actor.id === duplicate.id) throw new InputError([...INPUT, 'duplicate'], 'an actor cannot be merged into itself');
  requireRecord(tx, actor, [...INPUT, 'actor']);
  requireRecord(tx, duplicate, [...INPUT, 'duplicate']);
  const from = duplicate.id;
  const to = actor.id;
  const touched = tx.all<{ id: number }>(sql`SELECT item_id AS id FROM claims WHERE claimant_id = ${from} OR spokesperson_id = ${from}
    UNION SELECT claim_id FROM claim_accused WHERE actor_id = ${from} UNION SELECT event_id FROM event_participants WHERE actor_id = ${from}`);
  const name = tx.select({ name: actors.name }).from(actors).where(eq(actors.id, from)).get()!.name;
  const survivor = tx.select({ name: actors.name }).from(actors).where(eq(actors.id, to)).get()!.name;
  // Rows that would become duplicates of the actor's own are dropped; the rest move.
  for (const [table, column, rest] of [
    ['actor_aliases', 'actor_id', 'alias'],
    ['actor_identifiers', 'actor_id', 'scheme, value'],
    ['event_participants', 'actor_id', 'event_id, role'],
    ['claim_accused', 'actor_id', 'claim_id'],
  ] as const) {
    tx.run(sql.raw(`UPDATE OR IGNORE ${table} SET ${column} = ${to} WHERE ${column} = ${from}`));
    tx.run(sql.raw(`DELETE FROM ${table} WHERE ${column} = ${from} AND (${rest}) IN (SELECT ${rest} FROM ${table} WHERE ${column} = ${to})`));
  }
  tx.run(sql`UPDATE claims SET claimant_id = ${to} WHERE claimant_id = ${from}`);
  tx.run(sql`UPDATE claims SET spokesperson_id = ${to} WHERE spokesperson_id = ${from}`);
  tx.run(sql`UPDATE quotes SET speaker_id = ${to} WHERE speaker_id = ${from}`);
  tx.run(sql`UPDATE claim_reviews SET reviewer_id = ${to} WHERE reviewer_id = ${from}`);
  tx.run(sql`UPDATE record_keys SET record_id = ${to} WHERE record_type = 'actor' AND record_id = ${from}`);
  // A relation between the two would relate the actor to itself: it is retracted instead.
  tx.run(sql`UPDATE actor_relations SET retracted_at = ${now()}, retraction_reason = ${`merged: ${name} is ${survivor}`}
    WHERE retracted_at IS NULL AND ((subject_id = ${from} AND object_id = ${to}) OR (subject_id = ${to} AND object_id = ${from}))`);
  tx.run(sql`UPDATE actor_relations SET subject_id = ${to} WHERE subject_id = ${from} AND object_id <> ${to}`);
  tx.run(sql`UPDATE actor_relations SET object_id = ${to} WHERE object_id = ${from} AND subject_id <> ${to}`);
  if (name !== survivor) tx.insert(actorAliases).values({ actorId: to, alias: name }).onConflictDoNothing().run();
  tx.update(actors).set({ retractedAt: now(), retractionReason: `merged into ${survivor} (actor ${to})` }).where(eq(actors.id, from)).run();
  for (const { id } of touched) effects.changed.add(id);
  return actor;
}

export const actorRelationCreateInput = z.strictObject({
  subject: ref('Actor'),
  kind: z.enum(ACTOR_RELATION_KINDS),
  object: ref('Actor'),
  valid: verbatim.nullish(),
  citations: citationList,
});

export function actorRelationCreate(tx: Db, raw: unknown): Ref {
  const input = parseWith(actorRelationCreateInput, raw, INPUT);
  if (input.subject.id === input.object.id) throw new InputError([...INPUT, 'object'], 'an actor cannot relate to itself');
  requireRecord(tx, input.subject, [...INPUT, 'subject']);
  requireRecord(tx, input.object, [...INPUT, 'object']);
  const valid = input.valid ? parseFuzzyDate(input.valid, [...INPUT, 'valid']) : null;
  const id = tx
    .insert(actorRelations)
    .values({ subjectId: input.subject.id, kind: input.kind, objectId: input.object.id, validEdtf: valid?.edtf ?? null, validEarliest: valid?.earliest ?? null, validLatest: valid?.latest ?? null })
    .returning({ id: actorRelations.id })
    .get().id;
  cite(tx, { relationId: id }, input.citations, [...INPUT, 'citations']);
  return { typename: 'ActorRelation', id, given: '' };
}

export const placeCreateInput = z.strictObject({
  name: text,
  kind: z.enum(PLACE_KINDS),
  country: country.nullish(),
  coordinates: coordinates.nullish(),
  geonamesId: z.number().int().positive().nullish(),
  parent: ref('Place').nullish(),
  aliases: z.array(text).nullish(),
});

export function placeCreate(tx: Db, raw: unknown): Ref {
  const input = parseWith(placeCreateInput, raw, INPUT);
  if (input.parent) requireRecord(tx, input.parent, [...INPUT, 'parent']);
  if (input.geonamesId && tx.select({ id: places.id }).from(places).where(eq(places.geonamesId, input.geonamesId)).get()) {
    throw new ConflictError([...INPUT, 'geonamesId'], `GeoNames ${input.geonamesId} is already a recorded place`);
  }
  const id = tx
    .insert(places)
    .values({
      name: input.name,
      kind: input.kind,
      country: input.country ?? null,
      latitude: input.coordinates?.latitude ?? null,
      longitude: input.coordinates?.longitude ?? null,
      geonamesId: input.geonamesId ?? null,
      parentId: input.parent?.id ?? null,
    })
    .returning({ id: places.id })
    .get().id;
  for (const alias of new Set(input.aliases ?? [])) tx.insert(placeAliases).values({ placeId: id, alias }).run();
  return { typename: 'Place', id, given: '' };
}

// ---------------------------------------------------------------------------------------------
// Events

const participantInput = z.strictObject({ actor: ref('Actor'), role: z.enum(PARTICIPANT_ROLES) });
const eventFields = {
  title: text,
  summary: text,
  kind: z.enum(EVENT_KINDS),
  mode: text.nullish(),
  contexts: z.array(text).nullish(),
  status: z.enum(EVENT_STATUSES),
  date: verbatim,
  cameoCode: cameoCode.nullish(),
  participants: z.array(participantInput).nullish(),
  places: z.array(ref('Place')).nullish(),
  quantities: z.array(quantity).nullish(),
};
export const eventCreateInput = z.strictObject({ ...eventFields, citations: citationList });
export const eventUpdateInput = z.strictObject({
  id: ref('Event'),
  changes: z.strictObject({
    ...eventFields,
    title: text.optional(),
    summary: text.optional(),
    kind: z.enum(EVENT_KINDS).optional(),
    status: z.enum(EVENT_STATUSES).optional(),
    date: verbatim.optional(),
  }),
});

function setEventMembers(tx: Db, id: number, input: { participants?: z.infer<typeof participantInput>[] | null; places?: Ref[] | null; quantities?: z.infer<typeof quantity>[] | null }, path: Path) {
  if (input.participants !== undefined) {
    input.participants?.forEach((p, i) => requireRecord(tx, p.actor, [...path, 'participants', i, 'actor']));
    tx.delete(eventParticipants).where(eq(eventParticipants.eventId, id)).run();
    for (const p of input.participants ?? []) tx.insert(eventParticipants).values({ eventId: id, actorId: p.actor.id, role: p.role }).onConflictDoNothing().run();
  }
  if (input.places !== undefined) {
    requireAll(tx, input.places, [...path, 'places']);
    tx.delete(eventPlaces).where(eq(eventPlaces.eventId, id)).run();
    for (const p of new Set((input.places ?? []).map((p) => p.id))) tx.insert(eventPlaces).values({ eventId: id, placeId: p }).run();
  }
  if (input.quantities !== undefined) {
    tx.delete(eventQuantities).where(eq(eventQuantities.eventId, id)).run();
    for (const q of input.quantities ?? []) tx.insert(eventQuantities).values({ eventId: id, measure: q.measure, value: q.value, unit: q.unit ?? null }).run();
  }
}

export function eventCreate(tx: Db, raw: unknown, effects: Effects): Ref {
  const input = parseWith(eventCreateInput, raw, INPUT);
  const date = parseFuzzyDate(input.date, [...INPUT, 'date']);
  const id = tx.insert(items).values({ type: 'EVENT', summary: input.summary, ...dateColumns(date) }).returning({ id: items.id }).get().id;
  tx.insert(events)
    .values({ itemId: id, title: input.title, kind: input.kind, mode: input.mode ?? null, contexts: JSON.stringify(input.contexts ?? []), status: input.status, cameoCode: input.cameoCode ?? null })
    .run();
  setEventMembers(tx, id, input, INPUT);
  cite(tx, { itemId: id }, input.citations, [...INPUT, 'citations']);
  effects.added.add(id);
  return { typename: 'Event', id, given: '' };
}

export function eventUpdate(tx: Db, raw: unknown, effects: Effects): Ref {
  const { id: target, changes } = parseWith(eventUpdateInput, raw, INPUT);
  requireRecord(tx, target, [...INPUT, 'id']);
  const path = [...INPUT, 'changes'];
  const date = changes.date === undefined ? undefined : parseFuzzyDate(changes.date, [...path, 'date']);
  const itemColumns = { ...(changes.summary !== undefined && { summary: changes.summary }), ...(date && dateColumns(date)) };
  if (Object.keys(itemColumns).length) tx.update(items).set(itemColumns).where(eq(items.id, target.id)).run();
  const eventColumns = {
    ...(changes.title !== undefined && { title: changes.title }),
    ...(changes.kind !== undefined && { kind: changes.kind }),
    ...(changes.mode !== undefined && { mode: changes.mode }),
    ...(changes.contexts !== undefined && { contexts: JSON.stringify(changes.contexts ?? []) }),
    ...(changes.status !== undefined && { status: changes.status }),
    ...(changes.cameoCode !== undefined && { cameoCode: changes.cameoCode }),
  };
  if (Object.keys(eventColumns).length) tx.update(events).set(eventColumns).where(eq(events.itemId, target.id)).run();
  setEventMembers(tx, target.id, changes, path);
  effects.changed.add(target.id);
  return target;
}

// ---------------------------------------------------------------------------------------------
// Claims

const claimFields = {
  summary: text,
  date: verbatim,
  claimant: ref('Actor'),
  spokesperson: ref('Actor').nullish(),
  citations: citationList,
  /** Events the claim is about (IS_ABOUT links). */
  about: z.array(ref('Event')).nullish(),
};
export const accusationCreateInput = z.strictObject({ ...claimFields, accused: z.array(ref('Actor')).min(1, 'an accusation names at least one accused actor') });
export const rebuttalCreateInput = z.strictObject({
  ...claimFields,
  stance: z.enum(REBUTTAL_STANCES),
  rebuts: z.array(ref(...CLAIM_REF)).min(1, 'a rebuttal rebuts at least one claim'),
  /** Items the rebuttal cites as evidence (CITES_AS_EVIDENCE links). */
  evidence: z.array(ref(...ITEM_REF)).nullish(),
});
export const statementCreateInput = z.strictObject({ ...claimFields, statementKind: z.enum(STATEMENT_KINDS) });

type ClaimInput = z.infer<typeof statementCreateInput> | z.infer<typeof accusationCreateInput> | z.infer<typeof rebuttalCreateInput>;

function createClaim(tx: Db, type: Exclude<ItemType, 'EVENT'>, input: ClaimInput, effects: Effects): Ref {
  const date = parseFuzzyDate(input.date, [...INPUT, 'date']);
  requireRecord(tx, input.claimant, [...INPUT, 'claimant']);
  if (input.spokesperson) requireRecord(tx, input.spokesperson, [...INPUT, 'spokesperson']);
  requireAll(tx, input.about, [...INPUT, 'about']);
  const id = tx.insert(items).values({ type, summary: input.summary, ...dateColumns(date) }).returning({ id: items.id }).get().id;
  tx.insert(claims)
    .values({
      itemId: id,
      claimantId: input.claimant.id,
      spokespersonId: input.spokesperson?.id ?? null,
      stance: 'stance' in input ? input.stance : null,
      statementKind: 'statementKind' in input ? input.statementKind : null,
    })
    .run();
  if ('accused' in input) {
    requireAll(tx, input.accused, [...INPUT, 'accused']);
    for (const a of new Set(input.accused.map((a) => a.id))) tx.insert(claimAccused).values({ claimId: id, actorId: a }).run();
  }
  const link = (kind: (typeof LINK_KINDS)[number], to: number) => tx.insert(links).values({ fromItemId: id, kind, toItemId: to }).onConflictDoNothing().run();
  for (const event of input.about ?? []) link('IS_ABOUT', event.id);
  if ('rebuts' in input) {
    input.rebuts.forEach((claim, i) => {
      const at = [...INPUT, 'rebuts', i];
      requireRecord(tx, claim, at);
      checkRebuttalOrder(date, itemDate(tx, claim.id), at, `"${claim.given}"`);
      link('REBUTS', claim.id);
    });
    requireAll(tx, input.evidence, [...INPUT, 'evidence']);
    for (const item of input.evidence ?? []) link('CITES_AS_EVIDENCE', item.id);
  }
  cite(tx, { itemId: id }, input.citations, [...INPUT, 'citations']);
  effects.added.add(id);
  return { typename: TYPENAME_OF_ITEM[type], id, given: '' };
}

export const accusationCreate = (tx: Db, raw: unknown, effects: Effects) => createClaim(tx, 'ACCUSATION', parseWith(accusationCreateInput, raw, INPUT), effects);
export const rebuttalCreate = (tx: Db, raw: unknown, effects: Effects) => createClaim(tx, 'REBUTTAL', parseWith(rebuttalCreateInput, raw, INPUT), effects);
export const statementCreate = (tx: Db, raw: unknown, effects: Effects) => createClaim(tx, 'STATEMENT', parseWith(statementCreateInput, raw, INPUT), effects);

export const claimUpdateInput = z.strictObject({
  id: ref(...CLAIM_REF),
  changes: z.strictObject({
    summary: text.optional(),
    date: verbatim.optional(),
    claimant: ref('Actor').optional(),
    spokesperson: ref('Actor').nullish(),
    accused: z.array(ref('Actor')).min(1, 'an accusation names at least one accused actor').optional(),
    stance: z.enum(REBUTTAL_STANCES).optional(),
    statementKind: z.enum(STATEMENT_KINDS).optional(),
  }),
});

export function claimUpdate(tx: Db, raw: unknown, effects: Effects): Ref {
  const { id: target, changes } = parseWith(claimUpdateInput, raw, INPUT);
  const path = [...INPUT, 'changes'];
  requireRecord(tx, target, [...INPUT, 'id']);
  const type = ITEM_TYPENAMES[target.typename]!;
  const onlyFor = (field: string, allowed: ItemType) => {
    if ((changes as Record<string, unknown>)[field] !== undefined && type !== allowed) throw new InputError([...path, field], `only ${TYPENAME_OF_ITEM[allowed]} claims have ${field}; this is a ${target.typename}`);
  };
  onlyFor('accused', 'ACCUSATION');
  onlyFor('stance', 'REBUTTAL');
  onlyFor('statementKind', 'STATEMENT');
  if (changes.claimant) requireRecord(tx, changes.claimant, [...path, 'claimant']);
  if (changes.spokesperson) requireRecord(tx, changes.spokesperson, [...path, 'spokesperson']);
  if (changes.date !== undefined) {
    const date = parseFuzzyDate(changes.date, [...path, 'date']);
    // The new date keeps every rebuttal after what it rebuts, in both directions.
    const rebutted = tx.select({ id: links.toItemId }).from(links).where(and(eq(links.fromItemId, target.id), eq(links.kind, 'REBUTS'), isNull(links.retractedAt))).all();
    const rebutters = tx.select({ id: links.fromItemId }).from(links).where(and(eq(links.toItemId, target.id), eq(links.kind, 'REBUTS'), isNull(links.retractedAt))).all();
    for (const { id } of rebutted) checkRebuttalOrder(date, itemDate(tx, id), [...path, 'date'], `item ${id}`);
    for (const { id } of rebutters) checkRebuttalOrder(itemDate(tx, id), date, [...path, 'date'], `this claim (rebutted by item ${id})`);
    tx.update(items).set(dateColumns(date)).where(eq(items.id, target.id)).run();
  }
  if (changes.summary !== undefined) tx.update(items).set({ summary: changes.summary }).where(eq(items.id, target.id)).run();
  const claimColumns = {
    ...(changes.claimant && { claimantId: changes.claimant.id }),
    ...(changes.spokesperson !== undefined && { spokespersonId: changes.spokesperson?.id ?? null }),
    ...(changes.stance !== undefined && { stance: changes.stance }),
    ...(changes.statementKind !== undefined && { statementKind: changes.statementKind }),
  };
  if (Object.keys(claimColumns).length) tx.update(claims).set(claimColumns).where(eq(claims.itemId, target.id)).run();
  if (changes.accused) {
    requireAll(tx, changes.accused, [...path, 'accused']);
    tx.delete(claimAccused).where(eq(claimAccused.claimId, target.id)).run();
    for (const a of new Set(changes.accused.map((a) => a.id))) tx.insert(claimAccused).values({ claimId: target.id, actorId: a }).run();
  }
  effects.changed.add(target.id);
  return target;
}

// ---------------------------------------------------------------------------------------------
// Links and citations

export const linkCreateInput = z.strictObject({ from: ref(...ITEM_REF), kind: z.enum(LINK_KINDS), to: ref(...ITEM_REF) });

/** The rules for one link (bundles and linkCreate): what may rebut, be about, or cite what. */
export function linkRuleViolations(kind: string, from: ItemType, to: ItemType): { end: 'from' | 'to'; message: string }[] {
  const found: { end: 'from' | 'to'; message: string }[] = [];
  if (kind === 'REBUTS' && from !== 'REBUTTAL') found.push({ end: 'from', message: `only a rebuttal rebuts; this is ${from}` });
  if (kind === 'REBUTS' && to === 'EVENT') found.push({ end: 'to', message: 'a rebuttal rebuts claims; this is an event' });
  if (kind === 'IS_ABOUT' && from === 'EVENT') found.push({ end: 'from', message: 'only claims are about events; this is an event' });
  if (kind === 'IS_ABOUT' && to !== 'EVENT') found.push({ end: 'to', message: `a claim is about events; this is ${to}` });
  return found;
}

export function linkCreate(tx: Db, raw: unknown, effects: Effects): Ref {
  const input = parseWith(linkCreateInput, raw, INPUT);
  if (input.from.id === input.to.id) throw new InputError([...INPUT, 'to'], 'an item cannot link to itself');
  requireRecord(tx, input.from, [...INPUT, 'from']);
  requireRecord(tx, input.to, [...INPUT, 'to']);
  const violations = linkRuleViolations(input.kind, ITEM_TYPENAMES[input.from.typename]!, ITEM_TYPENAMES[input.to.typename]!);
  if (violations.length) throw new InputError(violations.map((v) => ({ path: [...INPUT, v.end], message: v.message })));
  if (input.kind === 'REBUTS') checkRebuttalOrder(itemDate(tx, input.from.id), itemDate(tx, input.to.id), [...INPUT, 'to'], `"${input.to.given}"`);
  const existing = tx
    .select({ id: links.id, retractedAt: links.retractedAt })
    .from(links)
    .where(and(eq(links.fromItemId, input.from.id), eq(links.kind, input.kind), eq(links.toItemId, input.to.id)))
    .get();
  let id: number;
  if (existing && existing.retractedAt === null) throw new ConflictError(INPUT, 'this link is already recorded');
  if (existing) {
    // A link retracted earlier is restored rather than duplicated; history keeps both steps.
    tx.update(links).set({ retractedAt: null, retractionReason: null }).where(eq(links.id, existing.id)).run();
    id = existing.id;
  } else {
    id = tx.insert(links).values({ fromItemId: input.from.id, kind: input.kind, toItemId: input.to.id }).returning({ id: links.id }).get().id;
  }
  effects.changed.add(input.from.id).add(input.to.id);
  return { typename: 'Link', id, given: '' };
}

export const citationAddInput = z.strictObject({ item: ref(...ITEM_REF), citation: citationInput });

export function citationAdd(tx: Db, raw: unknown, effects: Effects): Ref {
  const input = parseWith(citationAddInput, raw, INPUT);
  requireRecord(tx, input.item, [...INPUT, 'item']);
  if (cite(tx, { itemId: input.item.id }, [input.citation], [...INPUT, 'citation']) === 0) {
    throw new ConflictError([...INPUT, 'citation'], 'the item already cites this');
  }
  effects.changed.add(input.item.id);
  return input.item;
}

// ---------------------------------------------------------------------------------------------
// Retraction: nothing is deleted through the API.

const now = () => new Date().toISOString();

export const retractInput = z.strictObject({ id: ref(...Object.keys(TABLES)), reason: text });

export function retract(tx: Db, raw: unknown, effects: Effects): Ref {
  const { id: target, reason } = parseWith(retractInput, raw, INPUT);
  return retractRecord(tx, target, reason, [...INPUT, 'id'], effects);
}

function retractRecord(tx: Db, target: Ref, reason: string, path: Path, effects: Effects): Ref {
  requireRecord(tx, target, path, { allowRetracted: true });
  const { table } = TABLES[target.typename]!;
  const done = tx.run(sql`UPDATE ${sql.identifier(table)} SET retracted_at = ${now()}, retraction_reason = ${reason} WHERE id = ${target.id} AND retracted_at IS NULL`);
  if (done.changes === 0) throw new ConflictError(path, `"${target.given}" is already retracted`);
  if (table === 'items') effects.changed.add(target.id);
  if (table === 'links') {
    const link = tx.select().from(links).where(eq(links.id, target.id)).get()!;
    effects.changed.add(link.fromItemId).add(link.toItemId);
  }
  return target;
}

export const linkDeleteInput = z.strictObject({ link: ref('Link'), reason: text });

/** Takes a link out of default reads: a retraction of the link, kept in history. */
export function linkDelete(tx: Db, raw: unknown, effects: Effects): Ref {
  const input = parseWith(linkDeleteInput, raw, INPUT);
  return retractRecord(tx, input.link, input.reason, [...INPUT, 'link'], effects);
}
