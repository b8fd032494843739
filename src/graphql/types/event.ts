import type { ParticipantRow, QuantityRow } from '../../domain/records.ts';
import { builder } from '../builder.ts';
import { eventParticipants, eventQuantities, whenLoaded } from '../loaders.ts';
import { Actor, Claim, Event, fullItem, heldOrId, TimelineItem } from '../refs.ts';
import { EventKind, EventStatus, ParticipantRole } from './enums.ts';
import { linked } from './timeline-item.ts';
import * as editing from '../../domain/editing.ts';
import { derivedInput, nameInput } from '../inputs.ts';
import { recordMutation } from '../mutation.ts';

const Participant = builder.objectRef<ParticipantRow>('Participant').implement({
  description: 'An actor’s part in an event.',
  fields: (t) => ({
    actor: t.field({ type: Actor, description: 'Who took part.', resolve: (p, _, ctx) => heldOrId(ctx, 'Actor', p.actorId) }),
    role: t.field({ type: ParticipantRole, description: 'In which role.', resolve: (p) => p.role as never }),
  }),
});

const Quantity = builder.objectRef<QuantityRow>('Quantity').implement({
  description: 'A number the sources give for an event, e.g. seven strikes.',
  fields: (t) => ({
    measure: t.exposeString('measure', { description: 'What is counted or measured, e.g. "strikes".' }),
    value: t.exposeFloat('value', { description: 'The number the sources give.' }),
    unit: t.exposeString('unit', { nullable: true, description: 'The unit, when the measure has one (e.g. "km").' }),
  }),
});

Event.implement({
  description: 'Something that happened in the world, as the sources report or allege it: typed with PLOVER, with its participants, places and quantities.',
  interfaces: [TimelineItem],
  fields: (t) => ({
    title: t.string({ description: 'A short headline for the event.', resolve: (row, _, ctx) => whenLoaded(fullItem(row, ctx), (e) => e.title!) }),
    kind: t.field({ type: EventKind, description: 'The PLOVER event type.', resolve: (row, _, ctx) => whenLoaded(fullItem(row, ctx), (e) => e.eventKind!) }),
    mode: t.string({ nullable: true, description: 'The PLOVER mode, when known (e.g. "heavy-weapons" for air strikes).', resolve: (row, _, ctx) => whenLoaded(fullItem(row, ctx), (e) => e.mode) }),
    contexts: t.stringList({ description: 'PLOVER contexts, e.g. "military".', resolve: (row, _, ctx) => whenLoaded(fullItem(row, ctx), (e) => JSON.parse(e.contexts ?? '[]') as string[]) }),
    status: t.field({ type: EventStatus, description: 'How well established the event is: reported, alleged, disputed or confirmed.', resolve: (row, _, ctx) => whenLoaded(fullItem(row, ctx), (e) => e.status!) }),
    participants: t.field({ type: [Participant], description: 'Who took part, and in which role.', resolve: (e, _, ctx) => eventParticipants(ctx).load(e.id) }),
    quantities: t.field({ type: [Quantity], description: 'Numbers the sources give for it.', resolve: (e, _, ctx) => eventQuantities(ctx).load(e.id) }),
    claims: t.field({ type: [Claim], description: 'Claims about this event (linked IS_ABOUT).', resolve: (e, _, ctx) => linked(ctx, e.id, 'in', 'IS_ABOUT') }),
    citedAsEvidenceBy: t.field({ type: [Claim], description: 'Claims that cite this event as evidence.', resolve: (e, _, ctx) => linked(ctx, e.id, 'in', 'CITES_AS_EVIDENCE') }),
    partOf: t.field({ type: [TimelineItem], description: 'Larger items this event is part of.', resolve: (e, _, ctx) => linked(ctx, e.id, 'out', 'PART_OF') }),
    parts: t.field({ type: [TimelineItem], description: 'Items that are part of this event.', resolve: (e, _, ctx) => linked(ctx, e.id, 'in', 'PART_OF') }),
  }),
});

nameInput(editing.eventUpdateInput.shape.changes, 'EventChanges', 'The fields to change.');
const EventCreateInput = derivedInput('EventCreateInput', 'A new event, with at least one source.', editing.eventCreateInput);
const EventUpdateInput = derivedInput('EventUpdateInput', 'Changes to an event: omitted fields stay as they are; a list given replaces the list.', editing.eventUpdateInput);
recordMutation('eventCreate', { description: 'Records an event, with its sources.', input: EventCreateInput, dataField: 'event', type: Event, edit: editing.eventCreate });
recordMutation('eventUpdate', { description: 'Changes an event.', input: EventUpdateInput, dataField: 'event', type: Event, edit: editing.eventUpdate });
