import { z } from 'zod';
import type { ItemType } from '../db/vocabulary.ts';
import { ConflictError, InputError, NotFoundError } from './errors.ts';
import { parseFuzzyDate } from './fuzzy-date.ts';
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

const citationInput = z
  .strictObject({ source: ref('Source').nullish(), quote: ref('Quote').nullish() })
  .refine((c) => c.source || c.quote, 'give the cited source, or a quote of it');
const citationList = z.array(citationInput).min(1, 'cite at least one source');
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

export const sourceCreateInput = z.strictObject({ ...sourceFields, published: verbatim });

export function sourceCreate(w: Writer, raw: unknown): Ref {
  const input = parseWith(sourceCreateInput, raw, INPUT);
  const id = w.createSource({ ...input, published: parseFuzzyDate(input.published, [...INPUT, 'published']) }, INPUT);
  return { typename: 'Source', id, given: '' };
}

export const quoteCreateInput = z.strictObject({ source: ref('Source'), kind: quoteKind, speaker: ref('Actor').nullish(), ...quoteLocatorFields });

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
  id: ref('Actor'),
  changes: z.strictObject({ ...actorFields, name: text.optional(), kind: actorFields.kind.optional() }),
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

export const actorMergeInput = z.strictObject({ actor: ref('Actor'), duplicate: ref('Actor') });

export function actorMerge(w: Writer, raw: unknown): Ref {
  const { actor, duplicate } = parseWith(actorMergeInput, raw, INPUT);
  if (actor.id === duplicate.id) throw new InputError([...INPUT, 'duplicate'], 'an actor cannot be merged into itself');
  requireRecord(w, actor, [...INPUT, 'actor']);
  requireRecord(w, duplicate, [...INPUT, 'duplicate']);
  w.mergeActors(actor.id, duplicate.id, INPUT);
  return actor;
}

export const actorRelationCreateInput = z.strictObject({ subject: ref('Actor'), kind: relationKind, object: ref('Actor'), valid: verbatim.nullish(), citations: citationList });

export function actorRelationCreate(w: Writer, raw: unknown): Ref {
  const input = parseWith(actorRelationCreateInput, raw, INPUT);
  if (input.subject.id === input.object.id) throw new InputError([...INPUT, 'object'], 'an actor cannot relate to itself');
  requireRecord(w, input.subject, [...INPUT, 'subject']);
  requireRecord(w, input.object, [...INPUT, 'object']);
  const valid = input.valid ? parseFuzzyDate(input.valid, [...INPUT, 'valid']) : null;
  const id = w.createRelation({ subjectId: input.subject.id, kind: input.kind, objectId: input.object.id, valid }, resolveCitations(w, input.citations, [...INPUT, 'citations']), INPUT);
  return { typename: 'ActorRelation', id, given: '' };
}

export const placeCreateInput = z.strictObject({ ...placeFields, parent: ref('Place').nullish() });

export function placeCreate(w: Writer, raw: unknown): Ref {
  const input = parseWith(placeCreateInput, raw, INPUT);
  if (input.parent) requireRecord(w, input.parent, [...INPUT, 'parent']);
  const id = w.createPlace({ ...input, latitude: input.coordinates?.latitude, longitude: input.coordinates?.longitude, parentId: input.parent?.id ?? null, aliases: input.aliases ?? [] }, INPUT);
  return { typename: 'Place', id, given: '' };
}

// ---------------------------------------------------------------------------------------------
// Events

const participantInput = z.strictObject({ actor: ref('Actor'), role: participantRole });
const eventMembers = {
  participants: z.array(participantInput).nullish(),
  places: z.array(ref('Place')).nullish(),
};
export const eventCreateInput = z.strictObject({ ...eventFields, ...eventMembers, date: verbatim, citations: citationList });
export const eventUpdateInput = z.strictObject({
  id: ref('Event'),
  changes: z.strictObject({
    ...eventFields,
    ...eventMembers,
    title: eventFields.title.optional(),
    summary: eventFields.summary.optional(),
    kind: eventFields.kind.optional(),
    status: eventFields.status.optional(),
    date: verbatim.optional(),
  }),
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
  date: verbatim,
  claimant: ref('Actor'),
  spokesperson: ref('Actor').nullish(),
  citations: citationList,
  /** Events the claim is about (IS_ABOUT links). */
  about: z.array(ref('Event')).nullish(),
};
export const accusationCreateInput = z.strictObject({ ...claimInputFields, accused: z.array(ref('Actor')).min(1, 'an accusation names at least one accused actor') });
export const rebuttalCreateInput = z.strictObject({
  ...claimInputFields,
  stance: rebuttalStance,
  rebuts: z.array(ref(...CLAIM_REF)).min(1, 'a rebuttal rebuts at least one claim'),
  /** Items the rebuttal cites as evidence (CITES_AS_EVIDENCE links). */
  evidence: z.array(ref(...ITEM_REF)).nullish(),
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
  id: ref(...CLAIM_REF),
  changes: z.strictObject({
    summary: claimFields.summary.optional(),
    date: verbatim.optional(),
    claimant: ref('Actor').optional(),
    spokesperson: ref('Actor').nullish(),
    accused: z.array(ref('Actor')).min(1, 'an accusation names at least one accused actor').optional(),
    stance: rebuttalStance.optional(),
    statementKind: statementKind.optional(),
  }),
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

export const linkCreateInput = z.strictObject({ from: ref(...ITEM_REF), kind: linkKind, to: ref(...ITEM_REF) });

export function linkCreate(w: Writer, raw: unknown): Ref {
  const input = parseWith(linkCreateInput, raw, INPUT);
  if (input.from.id === input.to.id) throw new InputError([...INPUT, 'to'], 'an item cannot link to itself');
  requireRecord(w, input.from, [...INPUT, 'from']);
  requireRecord(w, input.to, [...INPUT, 'to']);
  const { id, existed } = w.link(input.from.id, input.kind, input.to.id, INPUT);
  if (existed) throw new ConflictError(INPUT, 'this link is already recorded');
  return { typename: 'Link', id, given: '' };
}

export const citationAddInput = z.strictObject({ item: ref(...ITEM_REF), citation: citationInput });

export function citationAdd(w: Writer, raw: unknown): Ref {
  const input = parseWith(citationAddInput, raw, INPUT);
  requireRecord(w, input.item, [...INPUT, 'item']);
  const [citation] = resolveCitations(w, [input.citation], [...INPUT, 'citation']);
  if (!w.cite({ itemId: input.item.id }, citation!, [...INPUT, 'citation'])) throw new ConflictError([...INPUT, 'citation'], 'the item already cites this');
  w.effects.changed.add(input.item.id);
  return input.item;
}

// ---------------------------------------------------------------------------------------------
// Retraction: nothing is deleted through the API.

export const retractInput = z.strictObject({ id: ref(...Object.keys(KINDS)), reason: text });

export function retract(w: Writer, raw: unknown): Ref {
  const { id: target, reason } = parseWith(retractInput, raw, INPUT);
  return retractRecord(w, target, reason, [...INPUT, 'id']);
}

function retractRecord(w: Writer, target: Ref, reason: string, path: Path): Ref {
  requireRecord(w, target, path, { allowRetracted: true });
  if (!w.retract(KINDS[target.typename]!, target.id, reason, [...path.slice(0, -1), 'reason'])) throw new ConflictError(path, `"${target.given}" is already retracted`);
  return target;
}

export const linkDeleteInput = z.strictObject({ link: ref('Link'), reason: text });

/** Takes a link out of default reads: a retraction of the link, kept in history. */
export function linkDelete(w: Writer, raw: unknown): Ref {
  const input = parseWith(linkDeleteInput, raw, INPUT);
  return retractRecord(w, input.link, input.reason, [...INPUT, 'link']);
}
