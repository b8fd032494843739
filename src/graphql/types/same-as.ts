import { encodeGlobalID } from '@pothos/plugin-relay';
import * as editing from '../../domain/editing.ts';
import { SAME_AS_KINDS } from '../../db/vocabulary.ts';
import { builder } from '../builder.ts';
import { derivedInput } from '../inputs.ts';
import { actorDecisions, actorsSameAs, decisionMembers, eventDecisions, eventsSameAs } from '../loaders.ts';
import { recordMutation } from '../mutation.ts';
import { Actor, Event, SameAs } from '../refs.ts';
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
