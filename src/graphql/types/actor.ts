import { actorKey, ACTOR_ORDER, countActors, pageActors, type ActorFilter as ActorFilterValues } from '../../domain/records.ts';
import { PARTICIPANT_ROLES, type ActorRole } from '../../db/vocabulary.ts';
import { historyField, retractionField } from './history.ts';
import { asOfArg } from './node.ts';
import { builder } from '../builder.ts';
import { countedConnection, requestFor, toConnection } from '../connection.ts';
import { actorAliases, actorCodes, actorIdentifiers, actorRelations, relationCitations } from '../loaders.ts';
import { derivedInput, nameInput } from '../inputs.ts';
import { recordMutation } from '../mutation.ts';
import * as editing from '../../domain/editing.ts';
import { actorCode } from '../../domain/schemas.ts';
import { Actor, ActorRelation } from '../refs.ts';
import { Citation } from './citation.ts';
import { ActorCodeScheme, ActorKind, ActorRelationKind, IdentifierScheme, ParticipantRole, SortDirection } from './enums.ts';
import { FuzzyDate } from './fuzzy-date.ts';
import { ClaimConnection, EventConnection, itemConnectionField, TimelineItemConnection } from './timeline-item.ts';

const IDENTIFIER_URLS: Record<string, (value: string) => string | null> = {
  WIKIDATA: (value) => `https://www.wikidata.org/wiki/${value}`,
  URL: (value) => value,
};

const ExternalIdentifier = builder.objectRef<{ scheme: string; value: string }>('ExternalIdentifier').implement({
  description: 'An identifier of the actor in an outside registry: it names this actor and no other.',
  fields: (t) => ({
    scheme: t.field({ type: IdentifierScheme, description: 'The system the identifier belongs to.', resolve: (i) => i.scheme as never }),
    value: t.exposeString('value', { description: 'The identifier, e.g. "Q159" or "http://www.politifact.com/".' }),
    url: t.field({ type: 'URL', nullable: true, description: 'Where the identifier resolves on the web, when the system has such pages.', resolve: (i) => IDENTIFIER_URLS[i.scheme]?.(i.value) ?? null }),
  }),
});

const ActorCode = builder.objectRef<{ scheme: string; value: string }>('ActorCode').implement({
  description:
    'A code an event data set gives the actor (CAMEO "USAGOV": the United States, government). Codes classify rather than identify: many actors share one, and GDELT keeps apart actors its codes or names tell apart ("UNITED STATES" as USA, USAGOV, USAELI…). Their parts (CAMEO_COUNTRY, CAMEO_TYPE…) say what the data states each is; `actors(filter: {codes: …})` lists all actors sharing codes.',
  fields: (t) => ({
    scheme: t.field({ type: ActorCodeScheme, description: 'The code book.', resolve: (c) => c.scheme as never }),
    value: t.exposeString('value', { description: 'The code, as the data set gives it.' }),
  }),
});

const ActorCodeInput = derivedInput('ActorCodeInput', 'A code an event data set gives the actor, e.g. CAMEO "RUSMIL" (codes classify: many actors share one).', actorCode);

ActorRelation.implement({
  description: 'A directed relation between two actors ("Igor Konashenkov SPOKESPERSON_FOR Russian military"), with the sources that attest it.',
  fields: (t) => ({
    history: historyField(t, (r: { id: number; subjectId: number }) => `actor:${r.subjectId}`, { table: 'actor_relations' }),
    retraction: retractionField(t),
    subject: t.field({ type: Actor, description: 'The actor the relation goes from.', resolve: (r) => r.subjectId }),
    kind: t.field({ type: ActorRelationKind, description: 'How the subject relates to the object.', resolve: (r) => r.kind as never }),
    object: t.field({ type: Actor, description: 'The actor the relation goes to.', resolve: (r) => r.objectId }),
    validity: t.field({
      type: FuzzyDate,
      nullable: true,
      description: 'When the relation held, as exactly as the sources say; null when they do not say.',
      resolve: (r) => (r.validEdtf === null ? null : { edtf: r.validEdtf, earliest: r.validEarliest!, latest: r.validLatest!, basis: null }),
    }),
    citations: t.field({ type: [Citation], description: 'The sources, and spans of them, that attest the relation.', resolve: (r, _, ctx) => relationCitations(ctx).load(r.id) }),
  }),
});

const RelationDirection = builder.enumType('RelationDirection', {
  description: 'Which side of a relation the actor is on.',
  values: {
    OUTGOING: { value: 'OUTGOING', description: 'The actor is the subject (it speaks for, leads, backs… the other).' },
    INCOMING: { value: 'INCOMING', description: 'The actor is the object (the other speaks for, leads, backs… it).' },
    BOTH: { value: 'BOTH', description: 'Either side.' },
  } as const,
});

Actor.implement({
  description: 'Anyone who acts or speaks: a state, a government body, a military, an armed group, a coalition, a person, a news organisation.',
  fields: (t) => ({
    history: historyField(t, (a) => `actor:${a.id}`),
    retraction: retractionField(t),
    name: t.exposeString('name', { description: 'The name claimline uses for the actor.' }),
    kind: t.field({ type: ActorKind, description: 'What kind of actor this is.', resolve: (a) => a.kind as never }),
    country: t.field({ type: 'CountryCode', nullable: true, description: 'The country the actor belongs to, when it belongs to one.', resolve: (a) => a.country }),
    description: t.exposeString('description', { nullable: true, description: 'A short description in claimline’s words.' }),
    aliases: t.stringList({
      description: 'Other names the sources use for the actor, e.g. "IS", "ISIS", "Islamic State group".',
      resolve: async (a, _, ctx) => (await actorAliases(ctx).load(a.id)).map((r) => r.alias),
    }),
    identifiers: t.field({ type: [ExternalIdentifier], description: 'Identifiers in outside registries (Wikidata, a web address of its own): each names this actor alone.', resolve: (a, _, ctx) => actorIdentifiers(ctx).load(a.id) }),
    codes: t.field({ type: [ActorCode], description: 'Codes event data sets give the actor (CAMEO, PLOVER), as they give them.', resolve: (a, _, ctx) => actorCodes(ctx).load(a.id) }),
    relations: t.field({
      type: [ActorRelation],
      description: 'Relations to other actors: who speaks for, is part of, leads, backs or opposes whom.',
      args: {
        kinds: t.arg({ type: [ActorRelationKind], required: false, description: 'Only these kinds of relation.' }),
        direction: t.arg({ type: RelationDirection, defaultValue: 'BOTH', description: 'Which side of the relation this actor is on.' }),
      },
      resolve: async (a, args, ctx) =>
        (await actorRelations(ctx).load(a.id)).filter(
          (r) =>
            (!args.kinds || (args.kinds as string[]).includes(r.kind)) &&
            (args.direction !== 'OUTGOING' || r.subjectId === a.id) &&
            (args.direction !== 'INCOMING' || r.objectId === a.id),
        ),
    }),
    claims: itemConnectionField(t, ClaimConnection, {
      description: 'Claims the actor made, as the body they speak for or as their spokesperson, in date order.',
      filter: (id) => ({ types: ['ACCUSATION', 'REBUTTAL', 'STATEMENT'], actors: { ids: [id], roles: ['CLAIMANT', 'SPOKESPERSON'] } }),
    }),
    accusationsReceived: itemConnectionField(t, ClaimConnection, {
      description: 'Accusations that name the actor among the accused, in date order.',
      filter: (id) => ({ types: ['ACCUSATION'], actors: { ids: [id], roles: ['ACCUSED'] } }),
    }),
    events: itemConnectionField(t, EventConnection, {
      description: 'Events the actor took part in, in date order.',
      args: { roles: t.arg({ type: [ParticipantRole], required: false, description: 'Only events where the actor had one of these roles (any role when omitted).' }) },
      filter: (id, args: { roles?: readonly string[] | null }) => ({
        types: ['EVENT'],
        actors: { ids: [id], roles: (args.roles?.length ? args.roles : PARTICIPANT_ROLES) as ActorRole[] },
      }),
    }),
    timeline: itemConnectionField(t, TimelineItemConnection, {
      description: 'Everything the actor is involved in (claims made or received, events in any role), in date order.',
      filter: (id) => ({ actors: { ids: [id] } }),
    }),
  }),
});

export const ActorConnection = countedConnection(Actor, 'Actor', 'actors', 'by name unless ordered otherwise');

const ActorOrderField = builder.enumType('ActorOrderField', {
  description: 'What actors can be sorted by.',
  values: { NAME: { value: 'NAME', description: 'By name, then id.' } } as const,
});
const ActorOrder = builder.inputType('ActorOrder', {
  description: 'How to sort actors.',
  fields: (t) => ({
    field: t.field({ type: ActorOrderField, defaultValue: 'NAME', description: 'The sort key.' }),
    direction: t.field({ type: SortDirection, defaultValue: 'ASC', description: 'The direction.' }),
  }),
});
export const ActorFilter = builder.inputType('ActorFilter', {
  description: 'Which actors to list. Fields combine with AND; values within a field with OR.',
  fields: (t) => ({
    kinds: t.field({ type: [ActorKind], required: false, description: 'Only actors of these kinds.' }),
    countries: t.field({ type: ['CountryCode'], required: false, description: 'Only actors of these countries.' }),
    codes: t.field({ type: [ActorCodeInput], required: false, description: 'Only actors holding all of these codes, e.g. CAMEO_COUNTRY USA and CAMEO_TYPE GOV: the actors an event data set codes alike.' }),
  }),
});

/** The domain's actor filter from the `ActorFilter` argument. */
export const actorFilterOf = (filter: typeof ActorFilter.$inferInput | null | undefined): ActorFilterValues => ({
  kinds: filter?.kinds ?? undefined,
  countries: filter?.countries ?? undefined,
  codes: (filter?.codes ?? undefined) as ActorFilterValues['codes'],
});

builder.queryField('actors', (t) =>
  t.connection(
    {
      type: Actor,
      description: 'All actors, by name. Use `search` to find actors by name or alias.',
      args: {
        filter: t.arg({ type: ActorFilter, required: false, description: 'Which actors.' }),
        asOf: asOfArg(t),
        orderBy: t.arg({ type: ActorOrder, required: false, description: 'The order (default: by name, ascending).' }),
      },
      resolve: (_, args, ctx) => {
        const direction = args.orderBy?.direction ?? 'ASC';
        const { request, ordering } = requestFor(args, ACTOR_ORDER, direction, actorKey.columns.length);
        const filter = actorFilterOf(args.filter);
        return toConnection(pageActors(ctx.db, filter, request, direction), ordering, () => countActors(ctx.db, filter));
      },
    },
    ActorConnection,
  ),
);

nameInput(editing.actorUpdateInput.shape.changes, 'ActorChanges', 'The fields to change.');
const ActorCreateInput = derivedInput('ActorCreateInput', 'A new actor.', editing.actorCreateInput);
const ActorUpdateInput = derivedInput('ActorUpdateInput', 'Changes to an actor: omitted fields stay as they are; null clears an optional one.', editing.actorUpdateInput);
const ActorMergeInput = derivedInput(
  'ActorMergeInput',
  'Two records of one actor: every reference to the duplicate moves to the actor, the duplicate’s names become aliases, and the duplicate is retracted.',
  editing.actorMergeInput,
);
const ActorRelationCreateInput = derivedInput('ActorRelationCreateInput', 'A relation between two actors, with its sources.', editing.actorRelationCreateInput);
recordMutation('actorCreate', { description: 'Records an actor.', input: ActorCreateInput, dataField: 'actor', type: Actor, edit: editing.actorCreate });
recordMutation('actorUpdate', { description: 'Changes an actor.', input: ActorUpdateInput, dataField: 'actor', type: Actor, edit: editing.actorUpdate });
recordMutation('actorMerge', { description: 'Merges a duplicate actor into another.', input: ActorMergeInput, dataField: 'actor', type: Actor, edit: editing.actorMerge });
recordMutation('actorRelationCreate', { description: 'Records a relation between two actors, with its sources.', input: ActorRelationCreateInput, dataField: 'relation', type: ActorRelation, edit: editing.actorRelationCreate });
