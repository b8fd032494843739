import { COUNT_GROUPS, countByPeriod, PERIODS, type CountGroup as Group, type Period as PeriodName } from '../../domain/aggregates.ts';
import { InputError } from '../../domain/errors.ts';
import { parseFuzzyDate } from '../../domain/fuzzy-date.ts';
import { decodeIdOf } from '../../domain/global-id.ts';
import { actorNetwork, MAX_ITEMS_PER_EDGE, MAX_PATH_LENGTH, NETWORK_EDGE_KINDS, PATH_EDGE_KINDS, shortestPath, type GraphNode, type NetworkEdge, type PathStep as Step } from '../../domain/graph.ts';
import { CLAIM_TYPES, type EventKind as EventKindName, type ItemType } from '../../db/vocabulary.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { claimThreads, linksFrom } from '../loaders.ts';
import { Actor, ActorRelation, Claim, Link, loadNode, Place, TimelineItem, TYPE_NAMES } from '../refs.ts';
import { ActorRole, EventKind, Resolution, TimelineItemType, vocabularyEnum } from './enums.ts';
import { FuzzyDate, instant } from './fuzzy-date.ts';
import { asOfArg } from './node.ts';
import { TimelineFilter, toDomainFilter } from './timeline-item.ts';

// Graph walks (a claim's thread, the shortest path between two records, the actor network) and
// aggregates (counts per period): each costs a fixed number of statements, whatever it returns.

const Thread = builder.objectRef<{ ids: number[] }>('Thread').implement({
  description: 'The whole exchange a claim belongs to: every claim that rebuts or responds to another in it, to any depth.',
  fields: (t) => ({
    claims: t.field({ type: [Claim], description: 'The claims of the exchange, the one asked about included, in date order.', resolve: (thread) => thread.ids }),
    links: t.field({
      type: [Link],
      description: 'The REBUTS and RESPONDS_TO links between them: the shape of the exchange.',
      resolve: async ({ ids }, _, ctx) => {
        const members = new Set(ids);
        const links = await linksFrom(ctx).loadMany(ids);
        return links.flatMap((rows) => (rows instanceof Error ? [] : rows)).filter((l) => (l.kind === 'REBUTS' || l.kind === 'RESPONDS_TO') && members.has(l.toItemId));
      },
    }),
  }),
});

builder.interfaceField(Claim, 'thread', (t) =>
  t.field({
    type: Thread,
    description: 'The exchange this claim belongs to: what it responds to, every rebuttal and counter-rebuttal, to any depth, in date order (one recursive statement for all the claims of a page; cycles are safe).',
    resolve: async (claim, _, ctx) => ({ ids: await claimThreads(ctx).load(claim.id) }),
  }),
);

const PathEdgeKind = vocabularyEnum('PathEdgeKind', 'What a step of a path walks along.', PATH_EDGE_KINDS, {
  LINK: 'A link between two timeline items (see `link`).',
  RELATION: 'A relation between two actors (see `relation`).',
  ROLE: 'An actor’s part in a timeline item (see `role`).',
});

const loadGraphNode = (ctx: Context, node: GraphNode) => loadNode(ctx, node.kind === 'ACTOR' ? 'ACTOR' : 'TIMELINE_ITEM', node.id);

const PathStep = builder.objectRef<Step>('PathStep').implement({
  description: 'One step of a path, from one record to the next.',
  fields: (t) => ({
    from: t.field({ type: builder.nodeInterfaceRef(), description: 'The record the step leaves (an actor or a timeline item).', resolve: (s, _, ctx) => loadGraphNode(ctx, s.from) as never }),
    to: t.field({ type: builder.nodeInterfaceRef(), description: 'The record the step reaches.', resolve: (s, _, ctx) => loadGraphNode(ctx, s.to) as never }),
    via: t.field({ type: PathEdgeKind, description: 'What the step walks along.', resolve: (s) => s.via }),
    link: t.field({ type: Link, nullable: true, description: 'The link walked, for a LINK step.', resolve: (s) => (s.via === 'LINK' ? s.ref : null) }),
    relation: t.field({ type: ActorRelation, nullable: true, description: 'The relation walked, for a RELATION step.', resolve: (s) => (s.via === 'RELATION' ? s.ref : null) }),
    role: t.field({ type: ActorRole, nullable: true, description: 'The actor’s part in the item, for a ROLE step.', resolve: (s) => s.role }),
    forward: t.boolean({ description: 'Whether the step follows its link or relation in its own direction (from → to); a ROLE step is forward from the actor to the item.', resolve: (s) => s.forward }),
  }),
});

const Path = builder.objectRef<Step[]>('Path').implement({
  description: 'A shortest chain between two records, through links between items, relations between actors and actors’ roles in items.',
  fields: (t) => ({
    length: t.int({ description: 'How many steps.', resolve: (steps) => steps.length }),
    steps: t.field({ type: [PathStep], description: 'The steps, from the first record to the second.', resolve: (steps) => steps }),
  }),
});

/** An actor's or a timeline item's global ID as a graph node; anything else names the argument. */
function graphNode(globalID: string | number, field: string): GraphNode {
  const { typename, id } = decodeIdOf(String(globalID), ['Actor', ...Object.values(TYPE_NAMES)], field);
  return { kind: typename === 'Actor' ? 'ACTOR' : 'ITEM', id };
}

builder.queryField('path', (t) =>
  t.field({
    type: Path,
    nullable: true,
    description:
      'The shortest chain between two actors or timeline items — links between items (either way), relations between actors (either way), and actors’ roles in items — or null when there is none within `maxLength` steps. Konashenkov to Manning: his statement, the Pentagon’s rebuttal of it, its spokesman. A search that would reach more than 1,000,000 records is refused (on `maxLength`), never left to run.',
    args: {
      from: t.arg.id({ required: true, description: 'An actor or a timeline item.' }),
      to: t.arg.id({ required: true, description: 'Another actor or timeline item.' }),
      maxLength: t.arg.int({ defaultValue: 6, description: `The longest path to look for, 1 to ${MAX_PATH_LENGTH} steps (each step costs one statement).` }),
      asOf: asOfArg(t),
    },
    resolve: async (_, args, ctx) => {
      const from = graphNode(args.from, 'from');
      const to = graphNode(args.to, 'to');
      const found = await Promise.all([from, to].map((node) => loadGraphNode(ctx, node)));
      for (const [i, field] of (['from', 'to'] as const).entries()) {
        if (!found[i]) throw new InputError([field], `no actor or timeline item with ID "${args[field]}"`);
      }
      return shortestPath(ctx.db, from, to, args.maxLength ?? 6);
    },
  }),
);

const ActorNetworkEdgeKind = vocabularyEnum('ActorNetworkEdgeKind', 'What one actor did to another in the items behind an edge of the actor network.', NETWORK_EDGE_KINDS, {
  ACCUSED: 'The source made accusations against the target (accuser → accused).',
  REBUTTED: 'The source rebutted claims the target made (rebutter → claimant of the rebutted claim).',
  ACTED_AGAINST: 'The source was the agent of events the target was the target of.',
  BACKED: 'The source supported events the target carried out (supporter → agent).',
  FACED: 'The two were the two sides of events whose data states no direction (ACLED actor1 and actor2): the edge runs from side 1 by convention, not because the source acted on the target.',
  ASSOCIATED_WITH: 'The source was named with the target’s side of events (ACLED associated actors), which says neither that it backed nor that it acted.',
});

const ActorNetworkEdge = builder.objectRef<NetworkEdge>('ActorNetworkEdge').implement({
  description: 'A directed edge of the actor network: how often one actor did something to another, and the items that say so.',
  fields: (t) => ({
    source: t.field({ type: Actor, description: 'The actor who acted (accused, rebutted, acted against, backed).', resolve: (e) => e.source }),
    target: t.field({ type: Actor, description: 'The actor acted upon.', resolve: (e) => e.target }),
    kind: t.field({ type: ActorNetworkEdgeKind, description: 'What the source did to the target.', resolve: (e) => e.kind }),
    count: t.int({ description: 'How many matching items make the edge.', resolve: (e) => e.count }),
    items: t.field({ type: [TimelineItem], description: 'The first items behind the edge, in date order (at most `itemsPerEdge`).', resolve: (e) => e.itemIds }),
  }),
});

const ActorNetwork = builder.objectRef<NetworkEdge[]>('ActorNetwork').implement({
  description: 'The actors of a set of timeline items and what they did to one another, for network views (GraphML export: /export/graphml).',
  fields: (t) => ({
    actors: t.field({
      type: [Actor],
      description: 'Every actor on an edge, each once, by id.',
      resolve: (edges) => [...new Set(edges.flatMap((e) => [e.source, e.target]))].sort((a, b) => a - b),
    }),
    edges: t.field({ type: [ActorNetworkEdge], description: 'The edges, the heaviest first.', resolve: (edges) => edges }),
  }),
});

builder.queryField('actorNetwork', (t) =>
  t.field({
    type: ActorNetwork,
    description: 'The network of actors behind the timeline items matching a filter (a period: `filter.date`): who accused, rebutted, acted against or backed whom, how often, and the items that say so. One statement.',
    args: {
      filter: t.arg({ type: TimelineFilter, required: false, description: 'Which items make the network (as for `timeline`).' }),
      kinds: t.arg({ type: [ActorNetworkEdgeKind], required: false, description: 'Only edges of these kinds (default: all).' }),
      itemsPerEdge: t.arg.int({ defaultValue: 5, description: `How many items to give for each edge, 0 to ${MAX_ITEMS_PER_EDGE} (its count counts them all).` }),
      resolve: t.arg({ type: Resolution, defaultValue: 'AS_RECORDED', description: 'RESOLVED: each same-as group of actors is one node (its earliest record), and edges within a group are left out.' }),
      asOf: asOfArg(t),
    },
    resolve: (_, args, ctx) => actorNetwork(ctx.db, toDomainFilter(args.filter, null), args.itemsPerEdge ?? 5, args.kinds ?? NETWORK_EDGE_KINDS, args.resolve === 'RESOLVED'),
  }),
);

const Period = vocabularyEnum('Period', 'A calendar period for counts (UTC).', PERIODS, {
  DAY: 'A calendar day.',
  WEEK: 'An ISO week, Monday to Sunday.',
  MONTH: 'A calendar month.',
  YEAR: 'A calendar year.',
});

const CountGroup = vocabularyEnum('CountGroup', 'What to count separately within each period.', COUNT_GROUPS, {
  NONE: 'All matching items together.',
  TYPE: 'By item type (event, accusation, rebuttal, statement).',
  EVENT_KIND: 'By PLOVER event kind; claims, which have none, each under their type (`type` ACCUSATION, REBUTTAL or STATEMENT, `eventKind` null).',
  ACTOR: 'By actor: an item counts once for each actor involved in it, in any role.',
  PLACE: 'By place: an event counts once for each place it is at (the places as recorded, not their parents).',
});

interface Grouped {
  key: string | number | null;
  groupBy: Group;
}

/** The fields that name a count's group: the one of them the grouping sets. */
function groupFields(t: PothosSchemaTypes.ObjectFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<{ Context: Context }>, Grouped>) {
  const key = (c: Grouped, group: Group) => (c.groupBy === group ? c.key : null);
  const claimType = (c: Grouped) => (CLAIM_TYPES as readonly unknown[]).includes(c.key);
  return {
    type: t.field({
      type: TimelineItemType,
      nullable: true,
      description: 'The item type counted, when grouped by TYPE; the claim type, when grouped by EVENT_KIND.',
      resolve: (c) => (key(c, 'TYPE') ?? (claimType(c) ? key(c, 'EVENT_KIND') : null)) as ItemType | null,
    }),
    eventKind: t.field({ type: EventKind, nullable: true, description: 'The event kind counted, when grouped by EVENT_KIND (null for a group of claims).', resolve: (c) => (claimType(c) ? null : key(c, 'EVENT_KIND')) as EventKindName | null }),
    actor: t.field({ type: Actor, nullable: true, description: 'The actor counted, when grouped by ACTOR.', resolve: (c) => key(c, 'ACTOR') as number | null }),
    place: t.field({ type: Place, nullable: true, description: 'The place counted, when grouped by PLACE.', resolve: (c) => key(c, 'PLACE') as number | null }),
  };
}

/** A period's first day as the EDTF of the whole period: "2017-10-10", "2017-10-09/2017-10-15", "2017-10", "2017". */
function periodEdtf(period: PeriodName, start: string): string {
  if (period === 'DAY') return start;
  if (period === 'MONTH') return start.slice(0, 7);
  if (period === 'YEAR') return start.slice(0, 4);
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  return `${start}/${end}`;
}

const PeriodCount = builder.objectRef<Grouped & { start: string; count: number; period: PeriodName }>('PeriodCount').implement({
  description: 'How many matching items certainly fall in one period (their whole date range lies in it), for one group.',
  fields: (t) => ({
    period: t.field({
      type: FuzzyDate,
      description: 'The period, as a date: "2017-10-10", "2017-10-09/2017-10-15" (a week), "2017-10", "2017".',
      resolve: (c) => {
        const edtf = periodEdtf(c.period, c.start);
        const { earliest, latest } = parseFuzzyDate(edtf);
        return { edtf, earliest, latest, basis: null };
      },
    }),
    count: t.int({ description: 'How many items.', resolve: (c) => c.count }),
    ...groupFields(t as never),
  }),
});

const UncertainCount = builder.objectRef<Grouped & { count: number; earliest: number; latest: number }>('UncertainCount').implement({
  description: 'The matching items of one group whose dates span more than one period (a "September 2017" item counted by day, an open-ended one): counted apart, not spread over periods they may not fall in.',
  fields: (t) => ({
    count: t.int({ description: 'How many items.', resolve: (c) => c.count }),
    earliest: t.field({ type: 'DateTime', nullable: true, description: 'The earliest instant any of them allows (null when one is open at the start).', resolve: (c) => instant(c.earliest) }),
    latest: t.field({ type: 'DateTime', nullable: true, description: 'The latest instant any of them allows (null when one is open-ended).', resolve: (c) => instant(c.latest) }),
    ...groupFields(t as never),
  }),
});

const TimelineCounts = builder.objectRef<ReturnType<typeof countByPeriod> & { period: PeriodName; groupBy: Group }>('TimelineCounts').implement({
  description: 'Counts of timeline items per period, for charts: what certainly falls in each period, and the uncertain remainder apart.',
  fields: (t) => ({
    period: t.field({ type: Period, description: 'The period counted by.', resolve: (c) => c.period }),
    groupBy: t.field({ type: CountGroup, description: 'What is counted separately.', resolve: (c) => c.groupBy }),
    periods: t.field({
      type: [PeriodCount],
      description: 'The periods with at least one item, oldest first (and by group within a period).',
      resolve: (c) => c.counts.map((row) => ({ ...row, period: c.period, groupBy: c.groupBy })),
    }),
    uncertain: t.field({
      type: [UncertainCount],
      description: 'For each group, the items that may fall in more than one period, with the span they cover.',
      resolve: (c) => c.uncertain.map((row) => ({ ...row, groupBy: c.groupBy })),
    }),
  }),
});

builder.queryField('timelineCounts', (t) =>
  t.field({
    type: TimelineCounts,
    description: 'How many timeline items match a filter per day, week, month or year, by type, event kind, actor or place. An item counts in a period only when its whole date range lies in it; the rest is reported apart in `uncertain`. One statement.',
    args: {
      filter: t.arg({ type: TimelineFilter, required: false, description: 'Which items (as for `timeline`).' }),
      period: t.arg({ type: Period, required: true, description: 'The period to count by.' }),
      groupBy: t.arg({ type: CountGroup, defaultValue: 'NONE', description: 'What to count separately within each period.' }),
      resolve: t.arg({ type: Resolution, defaultValue: 'AS_RECORDED', description: 'RESOLVED: by ACTOR, each same-as group of actors is one (its earliest record), and an item counts once for it.' }),
      asOf: asOfArg(t),
    },
    resolve: (_, args, ctx) => {
      const groupBy = args.groupBy ?? 'NONE';
      return { ...countByPeriod(ctx.db, toDomainFilter(args.filter, null), args.period, groupBy, args.resolve === 'RESOLVED'), period: args.period, groupBy };
    },
  }),
);
