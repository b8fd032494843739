import { encodeGlobalID } from '@pothos/plugin-relay';
import * as editing from '../../domain/editing.ts';
import { SAME_AS_KINDS } from '../../db/vocabulary.ts';
import { builder } from '../builder.ts';
import { derivedInput } from '../inputs.ts';
import { commonDate } from '../../domain/fuzzy-date.ts';
import { actorDecisions, actorsSameAs, decisionMembers, eventDecisions, eventsSameAs, itemCitations, itemGdelt, actorAliases } from '../loaders.ts';
import type { GdeltRow } from '../../domain/records.ts';
import { recordMutation } from '../mutation.ts';
import { Actor, Event, SameAs, TimelineItem } from '../refs.ts';
import { Citation } from './citation.ts';
import { FuzzyDate } from './fuzzy-date.ts';
import { vocabularyEnum } from './enums.ts';
import { historyField, retractionField } from './history.ts';

// Who is who: decisions that records name one actor or one event, on the records they join.

const SameAsKind = vocabularyEnum('SameAsKind', 'What a same-as decision joins.', SAME_AS_KINDS, { ACTOR: 'Actors.', EVENT: 'Events.' });

SameAs.implement({
  description:
    'A decision that records name one actor, or one event: who decided (the API key), when, and why. Nothing it joins is rewritten: each record keeps its own sources, quotes and citations. Undoing it (`sameAsUndo`) retracts it; it stays in history and in reads as of before.',
  fields: (t) => ({
    history: historyField(t, (d) => `same-as:${d.id}`),
    retraction: retractionField(t),
    kind: t.field({ type: SameAsKind, description: 'Whether it joins actors or events.', resolve: (d) => d.kind as never }),
    records: t.nodeList({
      description: 'The records it joins: actors, or events, earliest recorded first.',
      ids: async (d, _, ctx) => (await decisionMembers(ctx).load(d.id)).map((m) => (m.actorId !== null ? encodeGlobalID('Actor', m.actorId) : encodeGlobalID('Event', m.itemId!))),
    }),
    reason: t.exposeString('reason', { description: 'Why the records are one, in the decider’s words.' }),
    decidedBy: t.exposeString('decidedBy', { nullable: true, description: 'The name of the API key that decided; null for a local command or a server without keys.' }),
    decidedAt: t.field({ type: 'DateTime', description: 'When it was decided.', resolve: (d) => d.createdAt }),
  }),
});

builder.objectField(Actor, 'sameAs', (t) =>
  t.field({ type: [Actor], description: 'The other actor records that standing same-as decisions make this one with (directly, or through others), earliest recorded first.', resolve: (a, _, ctx) => actorsSameAs(ctx).load(a.id) }),
);
builder.objectField(Actor, 'sameAsDecisions', (t) =>
  t.field({ type: [SameAs], description: 'The same-as decisions that name this actor, standing and undone, in the order they were made.', resolve: async (a, _, ctx) => (await actorDecisions(ctx).load(a.id)) as never }),
);
builder.objectField(Event, 'sameAs', (t) =>
  t.field({ type: [Event], description: 'The other event records that standing same-as decisions make this one with (directly, or through others), earliest recorded first.', resolve: (e, _, ctx) => eventsSameAs(ctx).load(e.id) }),
);
builder.objectField(Event, 'sameAsDecisions', (t) =>
  t.field({ type: [SameAs], description: 'The same-as decisions that name this event, standing and undone, in the order they were made.', resolve: async (e, _, ctx) => (await eventDecisions(ctx).load(e.id)) as never }),
);

const ResolvedActor = builder.objectRef<{ ids: number[] }>('ResolvedActor').implement({
  description: 'An actor as all its records name it: the records standing same-as decisions make one (each as its source gives it, unchanged), and every name they go by.',
  fields: (t) => ({
    actors: t.field({ type: [Actor], description: 'Its records, earliest recorded first (the first stands for the group in resolved reads).', resolve: (g) => g.ids }),
    names: t.stringList({
      description: 'Every name and alias of its records, each once, in the records’ order.',
      resolve: async (g, _, ctx) => {
        const [records, aliases] = await Promise.all([Actor.getDataloader(ctx).loadMany(g.ids), Promise.all(g.ids.map((id) => actorAliases(ctx).load(id)))]);
        return [...new Set(records.flatMap((r, i) => (r instanceof Error || !r ? [] : [r.name, ...aliases[i]!.map((a) => a.alias)])))];
      },
    }),
  }),
});

builder.objectField(Actor, 'resolved', (t) =>
  t.field({
    type: ResolvedActor,
    description: 'This actor as all the records standing same-as decisions make it one with name it (a group of one when none do).',
    resolve: async (a, _, ctx) => ({ ids: [a.id, ...(await actorsSameAs(ctx).load(a.id))].sort((x, y) => x - y) }),
  }),
);

/** A count over a group whose records may share what they count: at least the largest record's, at most their sum. */
const CountRange = builder.objectRef<{ atLeast: number; atMost: number }>('CountRange').implement({
  description: 'A count known only within bounds: records of one event can count the same document or source, so together they count at least the largest record’s count and at most the sum of all.',
  fields: (t) => ({
    atLeast: t.exposeInt('atLeast', { description: 'The largest count of any one record.' }),
    atMost: t.exposeInt('atMost', { description: 'The sum of the records’ counts.' }),
  }),
});

const range = (counts: (number | null)[]) => {
  const known = counts.filter((n) => n !== null);
  return known.length ? { atLeast: Math.max(...known), atMost: known.reduce((a, b) => a + b, 0) } : null;
};

const ResolvedGdelt = builder.objectRef<GdeltRow[]>('ResolvedGdeltCounts').implement({
  description:
    'GDELT’s counts over every record of an event that GDELT coded, as its codebook defines them. Each mention (a row of the Mentions table) names one record, so mentions add up; an article or a source can mention several records of one event, so their counts are bounds.',
  fields: (t) => ({
    records: t.int({ description: 'How many of the event’s records GDELT coded.', resolve: (rows) => rows.length }),
    numMentions: t.int({ nullable: true, description: 'NumMentions summed over the records: every mention of any of them.', resolve: (rows) => (rows.some((r) => r.numMentions === null) ? null : rows.reduce((n, r) => n + r.numMentions!, 0)) }),
    numSources: t.field({ type: CountRange, nullable: true, description: 'NumSources: the information sources mentioning any of the records.', resolve: (rows) => range(rows.map((r) => r.numSources)) }),
    numArticles: t.field({ type: CountRange, nullable: true, description: 'NumArticles: the documents mentioning any of the records.', resolve: (rows) => range(rows.map((r) => r.numArticles)) }),
  }),
});

const ResolvedEvent = builder.objectRef<{ ids: number[] }>('ResolvedEvent').implement({
  description:
    'An event as all its records tell it: the records standing same-as decisions make one (each as its source gives it, unchanged), the date they all allow, and every source they cite.',
  fields: (t) => ({
    events: t.field({ type: [Event], description: 'Its records, earliest recorded first (the first stands for the group in resolved reads).', resolve: (g) => g.ids }),
    date: t.field({
      type: FuzzyDate,
      nullable: true,
      description: 'What every record’s date allows together (not the most precise of them); null when they contradict each other.',
      resolve: async (g, _, ctx) => {
        const rows = await TimelineItem.getDataloader(ctx).loadMany(g.ids);
        return commonDate(rows.flatMap((r) => (r instanceof Error || !r ? [] : [{ edtf: r.dateEdtf!, earliest: r.dateEarliest, latest: r.dateLatest, basis: r.dateBasis ?? null }])));
      },
    }),
    citations: t.field({ type: [Citation], description: 'The citations of every record, record by record.', resolve: async (g, _, ctx) => (await Promise.all(g.ids.map((id) => itemCitations(ctx).load(id)))).flat() }),
    gdelt: t.field({
      type: ResolvedGdelt,
      nullable: true,
      description: 'GDELT’s mention counts over the records GDELT coded; null when it coded none.',
      resolve: async (g, _, ctx) => {
        const rows = (await Promise.all(g.ids.map((id) => itemGdelt(ctx).load(id)))).flat();
        return rows.length ? rows : null;
      },
    }),
  }),
});

builder.objectField(Event, 'resolved', (t) =>
  t.field({
    type: ResolvedEvent,
    description: 'This event as all the records standing same-as decisions make it one with tell it (a group of one when none do).',
    resolve: async (e, _, ctx) => ({ ids: [e.id, ...(await eventsSameAs(ctx).load(e.id))].sort((x, y) => x - y) }),
  }),
);

const SameAsInput = derivedInput('SameAsInput', 'Records that name one actor, or one event, and why.', editing.sameAsInput);
const SameAsUndoInput = derivedInput('SameAsUndoInput', 'A same-as decision to take back, and why.', editing.sameAsUndoInput);
recordMutation('sameAs', {
  description: 'Records that two or more actors, or events, are one (see `actorMatches` for candidates). Nothing is merged or rewritten; the decision can be undone.',
  input: SameAsInput,
  dataField: 'sameAs',
  type: SameAs,
  edit: editing.sameAsCreate,
});
recordMutation('sameAsUndo', { description: 'Takes a same-as decision back: it is retracted, and stays in history.', input: SameAsUndoInput, dataField: 'sameAs', type: SameAs, edit: editing.sameAsUndo });
