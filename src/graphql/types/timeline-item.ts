import type { GraphQLResolveInfo } from 'graphql';
import { buildFilter } from '../../domain/filter.ts';
import type { PageArgs } from '../../domain/pagination.ts';
import { countItems, pageItems, TIMELINE_ORDER, type ItemRow, type TimelineFilter as DomainFilter } from '../../domain/timeline.ts';
import { CLAIM_TYPES, type ItemType, type SortDirection as Direction } from '../../db/vocabulary.ts';
import { historyField, retractionField } from './history.ts';
import { asOfArg } from './node.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { countedConnection, requestFor, toConnection } from '../connection.ts';
import { itemAcled, itemCitations, itemGdelt, itemIdentifiers, itemPlaces, linksFrom, linksTo, nestedItemCount, nestedItemPage, whenLoaded, type Loaded } from '../loaders.ts';
import { AcledCoding, GdeltCoding, ItemIdentifier, ItemIdentifierInput } from './coding.ts';
import { Actor, Claim, Event, fullItem, heldOrId, Link, Place, Source, TimelineItem, TYPE_NAMES } from '../refs.ts';
import { Citation } from './citation.ts';
import { ActorRelationKind, ActorRole, DateMatch, EventKind, EventStatus, LinkKind, Resolution, SortDirection, TimelineItemType } from './enums.ts';
import { FuzzyDate } from './fuzzy-date.ts';
import { fetchPageGraph, pageColumns } from '../page-graph.ts';
import { searchLimits } from './search.ts';
import * as editing from '../../domain/editing.ts';
import { derivedInput } from '../inputs.ts';
import { recordMutation } from '../mutation.ts';

Link.implement({
  description: 'A typed, directed edge between two timeline items: what makes the timeline linked.',
  fields: (t) => ({
    history: historyField(t, (l: { id: number; fromItemId: number }) => `item:${l.fromItemId}`, { table: 'links' }),
    retraction: retractionField(t),
    kind: t.field({ type: LinkKind, description: 'What the edge means.', resolve: (l) => l.kind as never }),
    from: t.field({ type: TimelineItem, description: 'The item the edge starts from (e.g. the rebuttal).', resolve: (l, _, ctx) => heldOrId(ctx, 'TimelineItem', l.fromItemId) }),
    to: t.field({ type: TimelineItem, description: 'The item the edge points to (e.g. the rebutted claim).', resolve: (l, _, ctx) => heldOrId(ctx, 'TimelineItem', l.toItemId) }),
  }),
});

/** The items linked from (or to) an item by links of one kind, through the batched link loaders. */
export function linked(ctx: Context, itemId: number, direction: 'out' | 'in', kind: string): Loaded<number[]> {
  return whenLoaded((direction === 'out' ? linksFrom : linksTo)(ctx).load(itemId), (rows) =>
    rows.filter((l) => l.kind === kind).map((l) => (direction === 'out' ? l.toItemId : l.fromItemId)),
  );
}

TimelineItem.implement({
  description: 'Anything on the timeline, events and claims alike: dated as exactly as its sources, summarised, cited, and linked to other items.',
  resolveType: (row) => TYPE_NAMES[row.type],
  interfaces: () => [builder.nodeInterfaceRef()],
  fields: (t) => ({
    history: historyField(t, (i) => `item:${i.id}`),
    retraction: retractionField<ItemRow>(t, fullItem),
    type: t.field({ type: TimelineItemType, description: 'The concrete type of the item.', resolve: (row) => row.type }),
    date: t.field({ type: FuzzyDate, description: 'When it happened or was said, exactly as vague as the source.', resolve: (given, _, ctx) => whenLoaded(fullItem(given, ctx), (row) => ({ edtf: row.dateEdtf, earliest: row.dateEarliest, latest: row.dateLatest, basis: row.dateBasis })) }),
    summary: t.exposeString('summary', { description: 'What happened or was said, in claimline’s words (the sources’ words are in citations and quotes).' }),
    places: t.field({ type: [Place], description: 'Where it happened or was said.', resolve: async (row, _, ctx) => (await itemPlaces(ctx).load(row.id)).map((p) => p.placeId) }),
    identifiers: t.field({ type: [ItemIdentifier], description: 'The keys of the data sets’ records of this item (GDELT GLOBALEVENTID, ACLED event_id_cnty, PLOVER id, ClaimReview URL).', resolve: (row, _, ctx) => itemIdentifiers(ctx).load(row.id) }),
    gdelt: t.field({ type: GdeltCoding, nullable: true, description: 'How GDELT codes it, when imported from GDELT: CAMEO code, Goldstein score, quad class, tone, mention counts, actor places.', resolve: async (row, _, ctx) => (await itemGdelt(ctx).load(row.id))[0] ?? null }),
    acled: t.field({ type: AcledCoding, nullable: true, description: 'How ACLED codes it, when imported from ACLED: event and sub-event type, disorder type, interaction, precision codes, tags.', resolve: async (row, _, ctx) => (await itemAcled(ctx).load(row.id))[0] ?? null }),
    citations: t.field({ type: [Citation], description: 'The sources, and spans of them, that support the item.', resolve: (row, _, ctx) => itemCitations(ctx).load(row.id) }),
    sources: t.field({
      type: [Source],
      description: 'The distinct sources the item cites.',
      resolve: async (row, _, ctx) => [...new Set((await itemCitations(ctx).load(row.id)).map((c) => c.sourceId))],
    }),
    linksOut: t.field({
      type: [Link],
      description: 'Links from this item to others (what it rebuts, is about, cites as evidence, is part of…).',
      args: { kinds: t.arg({ type: [LinkKind], required: false, description: 'Only links of these kinds.' }) },
      resolve: (row, args, ctx) => whenLoaded(linksFrom(ctx).load(row.id), (rows) => rows.filter((l) => !args.kinds || (args.kinds as string[]).includes(l.kind))),
    }),
    linksIn: t.field({
      type: [Link],
      description: 'Links from other items to this one (what rebuts it, is about it, cites it…).',
      args: { kinds: t.arg({ type: [LinkKind], required: false, description: 'Only links of these kinds.' }) },
      resolve: (row, args, ctx) => whenLoaded(linksTo(ctx).load(row.id), (rows) => rows.filter((l) => !args.kinds || (args.kinds as string[]).includes(l.kind))),
    }),
  }),
});

export const TimelineItemConnection = countedConnection(TimelineItem, 'TimelineItem', 'timeline items', 'in date order');
export const EventConnection = countedConnection(Event, 'Event', 'events', 'in date order');
export const ClaimConnection = countedConnection(Claim, 'Claim', 'claims', 'in date order');

const DateRange = builder.inputType('DateRange', {
  description: 'A date range for filtering fuzzy dates. Either end may be left open.',
  fields: (t) => ({
    from: t.string({ required: false, description: 'EDTF; the range starts at its earliest instant ("2017-09" starts on 1 September 2017).' }),
    to: t.string({ required: false, description: 'EDTF; the range ends at its latest instant ("2017-09" ends on 30 September 2017, 23:59:59.999).' }),
    match: t.field({ type: DateMatch, defaultValue: 'OVERLAPS', description: 'OVERLAPS: the item could fall in the range; WITHIN: it certainly does.' }),
  }),
});

const BoundingBox = builder.inputType('BoundingBox', {
  description: 'A box of coordinates in WGS 84 decimal degrees (whole numbers welcome). When west is greater than east, the box crosses the antimeridian.',
  fields: (t) => ({
    south: t.float({ required: true, description: 'The southern edge, −90 to 90.' }),
    west: t.float({ required: true, description: 'The western edge, −180 to 180.' }),
    north: t.float({ required: true, description: 'The northern edge, −90 to 90 (not south of `south`).' }),
    east: t.float({ required: true, description: 'The eastern edge, −180 to 180.' }),
  }),
});

export const TimelineFilter = builder.inputType('TimelineFilter', {
  description: 'Which timeline items to list. Fields combine with AND; the values within a field with OR.',
  fields: (t) => ({
    types: t.field({ type: [TimelineItemType], required: false, description: 'Only items of these types.' }),
    eventKinds: t.field({ type: [EventKind], required: false, description: 'Only events of these PLOVER kinds.' }),
    statuses: t.field({ type: [EventStatus], required: false, description: 'Only events with these statuses.' }),
    actors: t.globalIDList({ for: Actor, required: false, description: 'Only items involving any of these actors (as claimant, spokesperson, accused or event participant).' }),
    actorRoles: t.field({ type: [ActorRole], required: false, description: 'With `actors`: only involvement in these roles (e.g. ACCUSER, REBUTTER, TARGET).' }),
    followRelations: t.field({
      type: [ActorRelationKind],
      required: false,
      description:
        'With `actors`: also count the actors related to them by these relations, followed from subject to object to any depth — SPOKESPERSON_FOR counts a spokesperson’s words for the body, MEMBER_OF and PART_OF a member’s acts for its coalition or parent body. Retracted relations are not followed; a relation’s validity period is not checked against the item’s date.',
    }),
    resolve: t.field({ type: Resolution, required: false, description: 'RESOLVED: `actors` matches every record of each actor’s same-as group (the records standing `sameAs` decisions make it one with), and each group of events is one item, its earliest record (`Event.resolved` gives the group’s date and sources); AS_RECORDED (the default): every record as its source gives it.' }),
    places: t.globalIDList({ for: Place, required: false, description: 'Only items at any of these places or their sub-places.' }),
    area: t.field({ type: BoundingBox, required: false, description: 'Only items at places whose coordinates lie in this box, or at their sub-places (a place without coordinates matches only through a parent in the box).' }),
    sources: t.globalIDList({ for: Source, required: false, description: 'Only items citing any of these sources.' }),
    identifiers: t.field({ type: [ItemIdentifierInput], required: false, description: 'Only the items any of these data-set keys name (GDELT 881992568, ACLED SYR12345…).' }),
    rebutted: t.boolean({
      required: false,
      description: 'true: only claims that a standing rebuttal rebuts; false: only claims no rebuttal rebuts yet (with `types: [ACCUSATION]`, the unanswered accusations). Events match neither.',
    }),
    search: t.string({ required: false, description: 'Only items whose title or summary match these words, or that cite a quote that does (words as `search` takes them: all must match; end one with * for a prefix).', extensions: searchLimits }),
    date: t.field({ type: DateRange, required: false, description: 'Only items whose date overlaps or lies within this range.' }),
  }),
});

type FilterInput = typeof TimelineFilter.$inferInput;

/** Turns the GraphQL filter into the domain's, naming the field of any bad value. */
export function toDomainFilter(input: FilterInput | null | undefined, allowed: readonly ItemType[] | null): DomainFilter {
  const ids = (list: readonly { id: number }[] | null | undefined) => list?.map((g) => g.id);
  const decoded = input && { ...input, actors: ids(input.actors), places: ids(input.places), sources: ids(input.sources) };
  return buildFilter(decoded, allowed, (field) => ['filter', ...field.split('.')]);
}

const TimelineOrder = builder.inputType('TimelineOrder', {
  description: 'How to sort timeline items: by earliest instant, then latest, then id (a stable tie-breaker).',
  fields: (t) => ({ direction: t.field({ type: SortDirection, defaultValue: 'ASC', description: 'ASC: oldest first; DESC: newest first.' }) }),
});

/** A root list of timeline items (timeline, events, claims): one keyset statement a page. */
function rootItemField(
  t: PothosSchemaTypes.QueryFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<never>, object>,
  type: unknown,
  connection: unknown,
  description: string,
  allowed: readonly ItemType[] | null,
) {
  const q = t as never as PothosSchemaTypes.QueryFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<{ Context: Context }>, object>;
  return q.connection(
    {
      type: type as typeof TimelineItem,
      description,
      args: {
        filter: q.arg({ type: TimelineFilter, required: false, description: 'Which items.' }),
        orderBy: q.arg({ type: TimelineOrder, required: false, description: 'The order (default: oldest first).' }),
        asOf: asOfArg(q),
      },
      resolve: (_: unknown, args: PageArgs & { filter?: FilterInput | null; orderBy?: { direction?: Direction | null } | null }, ctx: Context, info: GraphQLResolveInfo) => {
        const direction = args.orderBy?.direction ?? 'ASC';
        const filter = toDomainFilter(args.filter, allowed);
        const { request, ordering } = requestFor(args, TIMELINE_ORDER, direction, 3);
        const page = pageItems(ctx.db, filter, request, direction, { columns: pageColumns(info) });
        fetchPageGraph(ctx, info, page.rows);
        return toConnection(page, ordering, () => countItems(ctx.db, filter));
      },
    } as never,
    connection as never,
  );
}

builder.queryFields((t) => ({
  timeline: rootItemField(t as never, TimelineItem, TimelineItemConnection, 'One chronological list of events and claims, filterable by type, actor, place, source and date range, with stable cursors both ways.', null),
  events: rootItemField(t as never, Event, EventConnection, 'Events in date order, with the same filters as `timeline`.', ['EVENT']),
  claims: rootItemField(t as never, Claim, ClaimConnection, 'Claims (accusations, rebuttals, statements) in date order, with the same filters as `timeline`.', CLAIM_TYPES),
}));

/**
 * A connection of timeline items under a parent (an actor's claims, a place's events): batched
 * across all the parents of a page, so its statement count does not grow with the page.
 */
export function itemConnectionField(
  t: unknown,
  connection: unknown,
  options: { description: string; args?: Record<string, unknown>; filter: (parentId: number, args: never) => DomainFilter },
) {
  const f = t as PothosSchemaTypes.ObjectFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<{ Context: Context }>, { id: number }>;
  return f.connection(
    {
      type: TimelineItem,
      description: options.description,
      args: {
        ...(options.args as object),
        orderBy: f.arg({ type: TimelineOrder, required: false, description: 'The order (default: oldest first).' }),
      },
      resolve: async (parent: { id: number }, args: PageArgs & { orderBy?: { direction?: Direction | null } | null }, ctx: Context, info: GraphQLResolveInfo) => {
        const direction = args.orderBy?.direction ?? 'ASC';
        const { request, ordering } = requestFor(args, TIMELINE_ORDER, direction, 3);
        const filterOf = (id: number) => options.filter(id, args as never);
        const field = `${info.parentType.name}.${info.fieldName}`;
        const page = await nestedItemPage(ctx, `${field}:${JSON.stringify(args)}`, parent.id, filterOf, request, direction);
        const { first: _f, last: _l, after: _a, before: _b, orderBy: _o, ...filterArgs } = args as Record<string, unknown>;
        return toConnection(page, ordering, () => nestedItemCount(ctx, `${field}:${JSON.stringify(filterArgs)}`, parent.id, filterOf));
      },
    } as never,
    connection as never,
  );
}

export type { ItemRow };

const LinkCreateInput = derivedInput('LinkCreateInput', 'A typed, directed link between two timeline items.', editing.linkCreateInput);
const LinkDeleteInput = derivedInput('LinkDeleteInput', 'Takes a link out of the record (retracts it: history and as-of reads keep it).', editing.linkDeleteInput);
const CitationAddInput = derivedInput('CitationAddInput', 'Another source (or quote) for a timeline item.', editing.citationAddInput);
recordMutation('linkCreate', { description: 'Links two timeline items.', input: LinkCreateInput, dataField: 'link', type: Link, edit: editing.linkCreate });
recordMutation('linkDelete', { description: 'Takes a link out of the record (a retraction: history keeps it).', input: LinkDeleteInput, dataField: 'link', type: Link, edit: editing.linkDelete });
recordMutation('citationAdd', { description: 'Adds a source (or quote) to a timeline item.', input: CitationAddInput, dataField: 'item', type: TimelineItem, edit: editing.citationAdd });
