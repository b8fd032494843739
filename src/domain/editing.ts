import { z } from 'zod';
import type { ItemType, SameAsKind } from '../db/vocabulary.ts';
import { ConflictError, InputError, NotFoundError } from './errors.ts';
import { parseFuzzyDate } from './fuzzy-date.ts';
import { sameAsGroups } from './same-as.ts';
import {
  actorFields,
  claimFields,
  eventFields,
  linkKind,
  participantRole,
  placeFields,
  quoteKind,
  quoteLocatorFields,
  rebuttalStance,
  relationKind,
  sourceFields,
  statementKind,
} from './schemas.ts';
import { parseWith, ref, text, verbatim, type Ref } from './validation.ts';
import type { CitationValues, ItemValues, RetractableKind, Writer } from './write.ts';

// The mutations' front end: each validates its input (zod, from the fields of src/domain/schemas.ts),
// resolves the global IDs it names (wrong type → ValidationError, missing → NotFoundError), and
// writes through the Writer of the mutation's one transaction. Errors name the field from `input`.

type Path = readonly (string | number)[];
const INPUT: Path = ['input'];

export const TYPENAME_OF_ITEM: Record<ItemType, string> = { EVENT: 'Event', ACCUSATION: 'Accusation', REBUTTAL: 'Rebuttal', STATEMENT: 'Statement' };
const ITEM_TYPENAMES = Object.fromEntries(Object.entries(TYPENAME_OF_ITEM).map(([type, name]) => [name, type])) as Record<string, ItemType>;
const CLAIM_REF = ['Accusation', 'Rebuttal', 'Statement'];
const ITEM_REF = ['Event', ...CLAIM_REF];

/** The kind of record behind each kind of global ID. */
const KINDS: Record<string, RetractableKind> = {
  Actor: 'actor',
  Place: 'place',
  Source: 'source',
  Quote: 'quote',
  ActorRelation: 'relation',
  Link: 'link',
  Event: 'item',
  Accusation: 'item',
  Rebuttal: 'item',
  Statement: 'item',
};

/** Checks that a referenced record exists, as the type its ID names, and is not retracted. */
function requireRecord(w: Writer, target: Ref, path: Path, { allowRetracted = false } = {}): void {
  const kind = KINDS[target.typename]!;
  let standing: 'standing' | 'retracted' | 'missing';
  if (kind === 'item') {
    const facts = w.itemFacts(target.id);
    standing = !facts || facts.type !== ITEM_TYPENAMES[target.typename] ? 'missing' : facts.retracted ? 'retracted' : 'standing';
  } else {
    standing = w.standing(kind, target.id);
  }
  if (standing === 'missing') throw new NotFoundError(path, target.given);
  if (standing === 'retracted' && !allowRetracted) throw new InputError(path, `"${target.given}" was retracted: refer to a current record`);
}

function requireAll(w: Writer, targets: readonly Ref[] | null | undefined, path: Path): number[] {
  return (targets ?? []).map((target, i) => (requireRecord(w, target, [...path, i]), target.id));
}

// ---------------------------------------------------------------------------------------------
// Citations: every new event, claim and relation cites at least one source.

export const citationInput = z
  .strictObject({ source: ref('Source').nullish().describe('The Source.'), quote: ref('Quote').nullish().describe('A Quote of the source (quoteCreate makes one).') })
  .refine((c) => c.source || c.quote, 'give the cited source, or a quote of it');
const citationList = z.array(citationInput).min(1, 'cite at least one source').describe('At least one source: nothing enters the record without one.');
type CitationInput = z.infer<typeof citationInput>;

/** Resolves citations to sources and quotes; a quote implies its source. */
function resolveCitations(w: Writer, list: readonly CitationInput[], path: Path): CitationValues[] {
  return list.map((c, i) => {
    const at = [...path, i];
    if (c.source) requireRecord(w, c.source, [...at, 'source']);
    if (!c.quote) return { sourceId: c.source!.id };
    requireRecord(w, c.quote, [...at, 'quote']);
    const sourceId = w.quoteSource(c.quote.id);
    if (c.source && c.source.id !== sourceId) throw new InputError([...at, 'quote'], 'the quote is from another source than the one cited');
    return { sourceId, quoteId: c.quote.id };
  });
}

// ---------------------------------------------------------------------------------------------
// Sources and quotes

export const sourceCreateInput = z.strictObject({ ...sourceFields, published: verbatim.describe('The publication date, EDTF.') });

export function sourceCreate(w: Writer, raw: unknown): Ref {
  const input = parseWith(sourceCreateInput, raw, INPUT);
  const id = w.createSource({ ...input, published: parseFuzzyDate(input.published, [...INPUT, 'published']) }, INPUT);
  return { typename: 'Source', id, given: '' };
}

export const quoteCreateInput = z.strictObject({
  source: ref('Source').describe('The Source (it must hold its text).'),
  kind: quoteKind,
  speaker: ref('Actor').nullish().describe('The Actor whose words these are; omitted only for NARRATION.'),
  ...quoteLocatorFields,
});

export function quoteCreate(w: Writer, raw: unknown): Ref {
  const input = parseWith(quoteCreateInput, raw, INPUT);
  requireRecord(w, input.source, [...INPUT, 'source']);
  if (input.speaker) requireRecord(w, input.speaker, [...INPUT, 'speaker']);
  const locator = { exact: input.exact ?? undefined, prefix: input.prefix ?? undefined, suffix: input.suffix ?? undefined, start: input.start ?? undefined, end: input.end ?? undefined };
  const { id, created } = w.quote(input.source.id, locator, input.kind, input.speaker?.id ?? null, INPUT);
  if (!created) throw new ConflictError(INPUT, `this span is already quote ${id} of the source`);
  return { typename: 'Quote', id, given: '' };
}

// ---------------------------------------------------------------------------------------------
// Actors and places

export const actorCreateInput = z.strictObject(actorFields);
export const actorUpdateInput = z.strictObject({
  id: ref('Actor').describe('The Actor.'),
  changes: z.strictObject({ ...actorFields, name: actorFields.name.optional(), kind: actorFields.kind.optional() }).describe('The fields to change.'),
});

export function actorCreate(w: Writer, raw: unknown): Ref {
  const input = parseWith(actorCreateInput, raw, INPUT);
  const id = w.createActor({ ...input, aliases: input.aliases ?? [], identifiers: input.identifiers ?? [], codes: input.codes ?? [] }, INPUT);
  return { typename: 'Actor', id, given: '' };
}

export function actorUpdate(w: Writer, raw: unknown): Ref {
  const { id: target, changes } = parseWith(actorUpdateInput, raw, INPUT);
  requireRecord(w, target, [...INPUT, 'id']);
  // A list set to null empties it; a list left out stays.
  const list = <T,>(value: T[] | null | undefined) => (value === undefined ? undefined : (value ?? []));
  w.updateActor(target.id, { ...changes, aliases: list(changes.aliases), identifiers: list(changes.identifiers), codes: list(changes.codes) }, [...INPUT, 'changes']);
  return target;
}

export const actorMergeInput = z.strictObject({ actor: ref('Actor').describe('The Actor that stays.'), duplicate: ref('Actor').describe('The Actor merged into it.') });

export function actorMerge(w: Writer, raw: unknown): Ref {
  const { actor, duplicate } = parseWith(actorMergeInput, raw, INPUT);
  if (actor.id === duplicate.id) throw new InputError([...INPUT, 'duplicate'], 'an actor cannot be merged into itself');
  requireRecord(w, actor, [...INPUT, 'actor']);
  requireRecord(w, duplicate, [...INPUT, 'duplicate']);
  w.mergeActors(actor.id, duplicate.id, INPUT);
  return actor;
}

export const actorRelationCreateInput = z.strictObject({
  subject: ref('Actor').describe('The Actor the relation goes from.'),
  kind: relationKind,
  object: ref('Actor').describe('The Actor it goes to.'),
  valid: verbatim.nullish().describe('When it held, EDTF (e.g. "2015/..").'),
  citations: citationList,
});

export function actorRelationCreate(w: Writer, raw: unknown): Ref {
  const input = parseWith(actorRelationCreateInput, raw, INPUT);
  if (input.subject.id === input.object.id) throw new InputError([...INPUT, 'object'], 'an actor cannot relate to itself');
  requireRecord(w, input.subject, [...INPUT, 'subject']);
  requireRecord(w, input.object, [...INPUT, 'object']);
  const valid = input.valid ? parseFuzzyDate(input.valid, [...INPUT, 'valid']) : null;
  const id = w.createRelation({ subjectId: input.subject.id, kind: input.kind, objectId: input.object.id, valid }, resolveCitations(w, input.citations, [...INPUT, 'citations']), INPUT);
  return { typename: 'ActorRelation', id, given: '' };
}

export const placeCreateInput = z.strictObject({ ...placeFields, parent: ref('Place').nullish().describe('The Place it lies in.') });

export function placeCreate(w: Writer, raw: unknown): Ref {
  const input = parseWith(placeCreateInput, raw, INPUT);
  if (input.parent) requireRecord(w, input.parent, [...INPUT, 'parent']);
  const id = w.createPlace({ ...input, latitude: input.coordinates?.latitude, longitude: input.coordinates?.longitude, parentId: input.parent?.id ?? null, aliases: input.aliases ?? [] }, INPUT);
  return { typename: 'Place', id, given: '' };
}

// ---------------------------------------------------------------------------------------------
// Events

export const participantInput = z.strictObject({ actor: ref('Actor').describe('The Actor.'), role: participantRole });
const eventMembers = {
  participants: z.array(participantInput).nullish().describe('Actors and their roles (replaces the list on update).'),
  places: z.array(ref('Place')).nullish().describe('Places (replaces the list on update).'),
};
const eventDate = verbatim.describe('When, EDTF, exactly as vague as the sources (e.g. "2017-09", "2017-10-10").');
export const eventCreateInput = z.strictObject({ ...eventFields, ...eventMembers, date: eventDate, citations: citationList });
export const eventUpdateInput = z.strictObject({
  id: ref('Event').describe('The Event.'),
  changes: z.strictObject({
    ...eventFields,
    ...eventMembers,
    title: eventFields.title.optional(),
    summary: eventFields.summary.optional(),
    kind: eventFields.kind.optional(),
    status: eventFields.status.optional(),
    date: eventDate.optional(),
  }).describe('The fields to change.'),
});

function participants(w: Writer, list: z.infer<typeof participantInput>[] | null | undefined, path: Path) {
  return (list ?? []).map((p, i) => (requireRecord(w, p.actor, [...path, i, 'actor']), { actorId: p.actor.id, role: p.role }));
}

export function eventCreate(w: Writer, raw: unknown): Ref {
  const input = parseWith(eventCreateInput, raw, INPUT);
  const id = w.createItem(
    {
      type: 'EVENT',
      summary: input.summary,
      date: parseFuzzyDate(input.date, [...INPUT, 'date']),
      event: { ...input, contexts: input.contexts ?? [] },
      participants: participants(w, input.participants, [...INPUT, 'participants']),
      placeIds: requireAll(w, input.places, [...INPUT, 'places']),
      quantities: input.quantities ?? [],
      citations: resolveCitations(w, input.citations, [...INPUT, 'citations']),
    },
    INPUT,
  );
  return { typename: 'Event', id, given: '' };
}

export function eventUpdate(w: Writer, raw: unknown): Ref {
  const { id: target, changes } = parseWith(eventUpdateInput, raw, INPUT);
  requireRecord(w, target, [...INPUT, 'id']);
  const path = [...INPUT, 'changes'];
  const { summary, date, participants: people, places, quantities, ...event } = changes;
  w.updateEvent(
    target.id,
    {
      summary,
      date: date === undefined ? undefined : parseFuzzyDate(date, [...path, 'date']),
      participants: people === undefined ? undefined : participants(w, people, [...path, 'participants']),
      placeIds: places === undefined ? undefined : requireAll(w, places, [...path, 'places']),
      quantities: quantities === undefined ? undefined : (quantities ?? []),
      event: { ...event, contexts: event.contexts === undefined ? undefined : (event.contexts ?? []) },
    },
    path,
  );
  return target;
}

// ---------------------------------------------------------------------------------------------
// Claims

const claimInputFields = {
  ...claimFields,
  date: verbatim.describe('When it was said, EDTF.'),
  claimant: ref('Actor').describe('The Actor the claim speaks for.'),
  spokesperson: ref('Actor').nullish().describe('The Actor (usually a person) who said it.'),
  citations: citationList,
  about: z.array(ref('Event')).nullish().describe('Events the claim is about (IS_ABOUT links).'),
};
export const accusationCreateInput = z.strictObject({ ...claimInputFields, accused: z.array(ref('Actor')).min(1, 'an accusation names at least one accused actor').describe('The accused Actors (at least one).') });
export const rebuttalCreateInput = z.strictObject({
  ...claimInputFields,
  stance: rebuttalStance,
  rebuts: z.array(ref(...CLAIM_REF)).min(1, 'a rebuttal rebuts at least one claim').describe('The claims it rebuts (REBUTS links); it cannot be dated before them when both dates are exact.'),
  evidence: z.array(ref(...ITEM_REF)).nullish().describe('Timeline items it cites as evidence (CITES_AS_EVIDENCE links).'),
});
export const statementCreateInput = z.strictObject({ ...claimInputFields, statementKind });

type ClaimInput = z.infer<typeof statementCreateInput> | z.infer<typeof accusationCreateInput> | z.infer<typeof rebuttalCreateInput>;

function createClaim(w: Writer, type: Exclude<ItemType, 'EVENT'>, input: ClaimInput): Ref {
  requireRecord(w, input.claimant, [...INPUT, 'claimant']);
  if (input.spokesperson) requireRecord(w, input.spokesperson, [...INPUT, 'spokesperson']);
  const links: ItemValues['links'] = [
    ...requireAll(w, input.about, [...INPUT, 'about']).map((to, i) => ({ kind: 'IS_ABOUT' as const, to, path: [...INPUT, 'about', i] })),
    ...('rebuts' in input ? requireAll(w, input.rebuts, [...INPUT, 'rebuts']).map((to, i) => ({ kind: 'REBUTS' as const, to, path: [...INPUT, 'rebuts', i] })) : []),
    ...('rebuts' in input ? requireAll(w, input.evidence, [...INPUT, 'evidence']).map((to, i) => ({ kind: 'CITES_AS_EVIDENCE' as const, to, path: [...INPUT, 'evidence', i] })) : []),
  ];
  const id = w.createItem(
    {
      type,
      summary: input.summary,
      date: parseFuzzyDate(input.date, [...INPUT, 'date']),
      claim: {
        claimantId: input.claimant.id,
        spokespersonId: input.spokesperson?.id ?? null,
        stance: 'stance' in input ? input.stance : null,
        statementKind: 'statementKind' in input ? input.statementKind : null,
      },
      accused: 'accused' in input ? requireAll(w, input.accused, [...INPUT, 'accused']) : [],
      links,
      citations: resolveCitations(w, input.citations, [...INPUT, 'citations']),
    },
    INPUT,
  );
  return { typename: TYPENAME_OF_ITEM[type], id, given: '' };
}

export const accusationCreate = (w: Writer, raw: unknown) => createClaim(w, 'ACCUSATION', parseWith(accusationCreateInput, raw, INPUT));
export const rebuttalCreate = (w: Writer, raw: unknown) => createClaim(w, 'REBUTTAL', parseWith(rebuttalCreateInput, raw, INPUT));
export const statementCreate = (w: Writer, raw: unknown) => createClaim(w, 'STATEMENT', parseWith(statementCreateInput, raw, INPUT));

export const claimUpdateInput = z.strictObject({
  id: ref(...CLAIM_REF).describe('The Accusation, Rebuttal or Statement.'),
  changes: z
    .strictObject({
      summary: claimFields.summary.optional().describe('What was said.'),
      date: verbatim.optional().describe('When, EDTF.'),
      claimant: ref('Actor').optional().describe('The Actor it speaks for.'),
      spokesperson: ref('Actor').nullish().describe('Who said it; null clears it.'),
      accused: z.array(ref('Actor')).min(1, 'an accusation names at least one accused actor').optional().describe('Accusations only: the accused (replaces the list).'),
      stance: rebuttalStance.optional().describe('Rebuttals only.'),
      statementKind: statementKind.optional().describe('Statements only.'),
    })
    .describe('The fields to change.'),
});

export function claimUpdate(w: Writer, raw: unknown): Ref {
  const { id: target, changes } = parseWith(claimUpdateInput, raw, INPUT);
  const path = [...INPUT, 'changes'];
  requireRecord(w, target, [...INPUT, 'id']);
  const type = ITEM_TYPENAMES[target.typename]!;
  const onlyFor = (field: keyof typeof changes, allowed: ItemType) => {
    if (changes[field] !== undefined && type !== allowed) throw new InputError([...path, field], `only ${TYPENAME_OF_ITEM[allowed]} claims have ${field}; this is a ${target.typename}`);
  };
  onlyFor('accused', 'ACCUSATION');
  onlyFor('stance', 'REBUTTAL');
  onlyFor('statementKind', 'STATEMENT');
  if (changes.claimant) requireRecord(w, changes.claimant, [...path, 'claimant']);
  if (changes.spokesperson) requireRecord(w, changes.spokesperson, [...path, 'spokesperson']);
  w.updateClaim(
    target.id,
    {
      summary: changes.summary,
      date: changes.date === undefined ? undefined : parseFuzzyDate(changes.date, [...path, 'date']),
      accused: changes.accused === undefined ? undefined : requireAll(w, changes.accused, [...path, 'accused']),
      claim: {
        claimantId: changes.claimant?.id,
        spokespersonId: changes.spokesperson === undefined ? undefined : (changes.spokesperson?.id ?? null),
        stance: changes.stance,
        statementKind: changes.statementKind,
      },
    },
    path,
  );
  return target;
}

// ---------------------------------------------------------------------------------------------
// Links and citations

export const linkCreateInput = z.strictObject({ from: ref(...ITEM_REF).describe('The item the link starts from.'), kind: linkKind, to: ref(...ITEM_REF).describe('The item it points to.') });

export function linkCreate(w: Writer, raw: unknown): Ref {
  const input = parseWith(linkCreateInput, raw, INPUT);
  if (input.from.id === input.to.id) throw new InputError([...INPUT, 'to'], 'an item cannot link to itself');
  requireRecord(w, input.from, [...INPUT, 'from']);
  requireRecord(w, input.to, [...INPUT, 'to']);
  const { id, existed } = w.link(input.from.id, input.kind, input.to.id, INPUT);
  if (existed) throw new ConflictError(INPUT, 'this link is already recorded');
  return { typename: 'Link', id, given: '' };
}

export const citationAddInput = z.strictObject({ item: ref(...ITEM_REF).describe('The timeline item.'), citation: citationInput.describe('The source or quote.') });

export function citationAdd(w: Writer, raw: unknown): Ref {
  const input = parseWith(citationAddInput, raw, INPUT);
  requireRecord(w, input.item, [...INPUT, 'item']);
  const [citation] = resolveCitations(w, [input.citation], [...INPUT, 'citation']);
  if (!w.cite({ itemId: input.item.id }, citation!, [...INPUT, 'citation'])) throw new ConflictError([...INPUT, 'citation'], 'the item already cites this');
  w.effects.changed.add(input.item.id);
  return input.item;
}

// ---------------------------------------------------------------------------------------------
// Who is who: decisions that records name one actor or one event, and their undoing.

const SAME_AS_KIND: Record<string, SameAsKind> = { Actor: 'ACTOR', Event: 'EVENT' };

export const sameAsInput = z.strictObject({
  records: z.array(ref('Actor', 'Event')).min(2, 'name at least two records').describe('The records that name one actor or one event: actors, or events, not both.'),
  reason: text.describe('Why they are one: the evidence, in the decider’s words.'),
});

export function sameAsCreate(w: Writer, raw: unknown): Ref {
  const { records, reason } = parseWith(sameAsInput, raw, INPUT);
  const kind = SAME_AS_KIND[records[0]!.typename]!;
  records.forEach((record, i) => {
    const path = [...INPUT, 'records', i];
    if (SAME_AS_KIND[record.typename] !== kind) throw new InputError(path, `"${record.given}" is a ${record.typename}: a decision joins actors or events, not both`);
    if (records.findIndex((r) => r.id === record.id) < i) throw new InputError(path, `"${record.given}" is named twice`);
    requireRecord(w, record, path);
  });
  const ids = records.map((r) => r.id);
  const joined = sameAsGroups(w.db, kind, [ids[0]!]).get(ids[0]!)!;
  if (ids.slice(1).every((id) => joined.includes(id))) throw new ConflictError([...INPUT, 'records'], 'these records are recorded as one already');
  return { typename: 'SameAs', id: w.sameAs(kind, ids, reason, [...INPUT]), given: '' };
}

export const sameAsUndoInput = z.strictObject({
  id: ref('SameAs').describe('The decision.'),
  reason: text.describe('Why it no longer holds.'),
});

/** Takes a decision back: a retraction of it, kept in history (its records stay as they were). */
export function sameAsUndo(w: Writer, raw: unknown): Ref {
  const { id: target, reason } = parseWith(sameAsUndoInput, raw, INPUT);
  const standing = w.standing('sameAs', target.id);
  if (standing === 'missing') throw new NotFoundError([...INPUT, 'id'], target.given);
  if (!w.retract('sameAs', target.id, reason, [...INPUT, 'reason'])) throw new ConflictError([...INPUT, 'id'], `"${target.given}" is undone already`);
  return target;
}

// ---------------------------------------------------------------------------------------------
// Retraction: nothing is deleted through the API.

export const retractInput = z.strictObject({ id: ref(...Object.keys(KINDS)).describe('The record.'), reason: text.describe('Why, in the editor’s words.') });

export function retract(w: Writer, raw: unknown): Ref {
  const { id: target, reason } = parseWith(retractInput, raw, INPUT);
  return retractRecord(w, target, reason, [...INPUT, 'id']);
}

function retractRecord(w: Writer, target: Ref, reason: string, path: Path): Ref {
  requireRecord(w, target, path, { allowRetracted: true });
  if (!w.retract(KINDS[target.typename]!, target.id, reason, [...path.slice(0, -1), 'reason'])) throw new ConflictError(path, `"${target.given}" is already retracted`);
  return target;
}

export const linkDeleteInput = z.strictObject({ link: ref('Link').describe('The Link.'), reason: text.describe('Why.') });

/** Takes a link out of default reads: a retraction of the link, kept in history. */
export function linkDelete(w: Writer, raw: unknown): Ref {
  const input = parseWith(linkDeleteInput, raw, INPUT);
  return retractRecord(w, input.link, input.reason, [...INPUT, 'link']);
}
